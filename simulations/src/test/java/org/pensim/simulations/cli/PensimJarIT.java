package org.pensim.simulations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Runs the packaged {@code pensim.jar} as a user would: a separate JVM, exit codes and output. */
class PensimJarIT {

    private static final Path JAR = Path.of(System.getProperty("pensim.jar", "target/pensim.jar"));

    record Result(int exit, String out) {
    }

    private static Result run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }

    @Test
    void help_lists_every_command() throws Exception {
        Result r = run("--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("demo", "ca", "keys", "notification", "catalogue");
    }

    @Test
    void the_demonstration_passes_in_a_fresh_jvm() throws Exception {
        Result r = run("demo", "--count", "500");
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).contains("demonstration complete");
    }

    @Test
    void errors_are_one_line_without_a_stack_trace() throws Exception {
        Path missing = Files.createTempDirectory("pensim-it").resolve("missing.json");
        Result r = run("notification", "verify", "--ca", missing.toString(), missing.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out().strip()).doesNotContain("\n").doesNotContain("Exception").contains("does not exist");
    }

    @Test
    void an_exercise_interrupted_before_its_end_closes_its_recording_and_says_where_it_is() throws Exception {
        Path out = Files.createTempDirectory("pensim-it-exercise").resolve("ex");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                JAR.toString(), "exercise", "exercises/two-country.yaml", "--paused", "--port", "0", "--host", "127.0.0.1",
                "--out", out.toString()).redirectErrorStream(true).start();
        StringBuilder printed = new StringBuilder();
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                printed.append(line).append('\n');
                if (line.startsWith("recording to ")) {
                    p.toHandle().destroy(); // SIGTERM, as a service manager would (Process.destroy would also close the output)
                }
            }
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(printed.toString()).contains("ready, time stopped until the trainer presses Resume")
                .contains("exercise stopped before its end; what happened so far is recorded in " + out.resolve("recording.jsonl"))
                .doesNotContain("Exception");
        assertThat(Files.readAllLines(out.resolve("recording.jsonl")).get(0)).contains("\"STARTED\"");
    }

    /** The launcher at the repository's root, which this module's build runs beside. */
    private static final Path LAUNCHER = Path.of("..", "pensim");

    private static Result launch(Path launcher, String javaOptions, String... args) throws IOException, InterruptedException {
        return launch(launcher, javaOptions, Map.of(), args);
    }

    /** Runs the launcher with only the given JVM option variables, whatever the build's environment holds. */
    private static Result launch(Path launcher, String javaOptions, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("sh", launcher.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().keySet().removeAll(List.of("JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS"));
        pb.environment().putAll(environment);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("PENSIM_JAVA_OPTS", javaOptions);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }

    @Test
    void the_launcher_runs_the_jar_with_its_jvm_options_and_the_users() throws Exception {
        Result r = launch(LAUNCHER, "-XX:+PrintFlagsFinal -Dpensim.test=1", "--help");
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).contains("demo", "notification")
                .containsPattern("intx FreqInlineSize +:?= 100 ")
                .containsPattern("intx InlineSmallCode +:?= 1000 ");
    }

    @Test
    void the_launcher_gives_the_batch_commands_the_throughput_collector_and_huge_pages_and_the_servers_neither()
            throws Exception {
        Path thp = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
        boolean hugePages = Files.isReadable(thp) && Files.readString(thp).matches("(?s).*\\[(madvise|always)\\].*");
        for (String batch : List.of("run", "sweep", "worker")) {
            Result r = launch(LAUNCHER, "-XX:+PrintFlagsFinal", batch, "--help");
            assertThat(r.exit()).as(r.out()).isZero();
            assertThat(r.out()).as(batch).containsPattern("bool UseParallelGC +:?= true ")
                    .containsPattern("bool UseG1GC +:?= false ")
                    .containsPattern("bool UseTransparentHugePages +:?= " + hugePages + " ");
        }
        // The servers keep the JVM's own choice: G1 on two cores and 2 GB or more, Serial on smaller machines.
        for (String server : List.of("registry", "importer", "load")) {
            Result r = launch(LAUNCHER, "-XX:+PrintFlagsFinal", server, "--help");
            assertThat(r.exit()).as(r.out()).isZero();
            assertThat(r.out()).as(server).containsPattern("bool UseParallelGC +:?= false ")
                    .containsPattern("bool UseTransparentHugePages +:?= false ");
        }
        // Options that merely mention a collector's words are not a choice of collector.
        Result tuned = launch(LAUNCHER, "-XX:+PrintFlagsFinal -XX:+UseNUMA -XX:ParallelGCThreads=2 -XX:+UseGCOverheadLimit",
                "run", "--help");
        assertThat(tuned.exit()).as(tuned.out()).isZero();
        assertThat(tuned.out()).containsPattern("bool UseParallelGC +:?= true ");
    }

    @Test
    void a_collector_the_user_chose_anywhere_wins_over_the_launchers() throws Exception {
        Result inOptions = launch(LAUNCHER, "-XX:+PrintFlagsFinal -XX:+UseSerialGC", "run", "--help");
        assertThat(inOptions.exit()).as(inOptions.out()).isZero();
        assertThat(inOptions.out()).containsPattern("bool UseSerialGC +:?= true ")
                .containsPattern("bool UseParallelGC +:?= false ");
        for (String variable : List.of("JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS")) {
            // Two collectors would stop the JVM: "Multiple garbage collectors selected".
            Result r = launch(LAUNCHER, "-XX:+PrintFlagsFinal", Map.of(variable, "-XX:+UseSerialGC"), "sweep", "--help");
            assertThat(r.exit()).as(variable + ": " + r.out()).isZero();
            assertThat(r.out()).as(variable).containsPattern("bool UseSerialGC +:?= true ")
                    .containsPattern("bool UseParallelGC +:?= false ");
        }
    }

    @Test
    void the_launcher_says_in_one_line_when_the_jar_is_not_built() throws Exception {
        Path dir = Files.createTempDirectory("pensim-launcher");
        Path copy = Files.copy(LAUNCHER, dir.resolve("pensim"));
        Result r = launch(copy, "", "--help");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out().strip()).doesNotContain("\n").contains("not built yet", "./mvnw -B -q package -DskipTests");
    }
}
