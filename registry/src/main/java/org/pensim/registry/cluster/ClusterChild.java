package org.pensim.registry.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The parent's side of a {@link ClusterProcess}: starts the registry members in a JVM of their own, so that
 * their CPU is measured apart from whoever drives them, and so that all of them can be killed at once as a
 * crash would kill them.
 */
public final class ClusterChild implements AutoCloseable {

    /**
     * The child's CPU so far (all its threads), its members' global screening backlog, its JIT compilation time,
     * the Hazelcast operations its members ran (primaries and backups), the collector's pauses so far, and its heap
     * in use and at most.
     */
    public record Stats(long cpuNanos, int backlog, long compilationMillis, long clusterOperations, long gcPauseMillis,
            long heapUsedBytes, long heapMaxBytes) {
    }

    /** What a member needs of the JVM: parallel async calls on two cores, and Hazelcast's access to internals. */
    private static final List<String> JVM_OPTIONS = List.of("-Djava.util.concurrent.ForkJoinPool.common.parallelism=2",
            "-Dhazelcast.phone.home.enabled=false", "--add-modules", "java.se",
            "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens", "java.management/sun.management=ALL-UNNAMED",
            "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED");

    private final Process process;
    private final PrintStream commands;
    private final BufferedReader answers;
    private final List<Integer> httpPorts;
    private final Path log;

    private ClusterChild(Process process, BufferedReader answers, List<Integer> httpPorts, Path log) {
        this.process = process;
        this.commands = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        this.answers = answers;
        this.httpPorts = httpPorts;
        this.log = log;
    }

    /**
     * Starts {@code members} members sharing {@code caDir} and the database, with this JVM's class path;
     * returns once the cluster is safe. {@code maxBacklog} 0 keeps the members' default back-pressure bound.
     *
     * @param jvmOptions more options for the child JVM (heap, compiler)
     */
    public static ClusterChild start(String name, int members, Path caDir, String jdbcUrl, String user, String password,
            int maxBacklog, boolean tls, List<String> jvmOptions, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ClusterProcess.class.getName(), name,
                String.valueOf(members), caDir.toString(), jdbcUrl, user, password, String.valueOf(maxBacklog),
                String.valueOf(tls)));
        Files.createDirectories(log.toAbsolutePath().getParent());
        Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
        BufferedReader answers = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = answers.readLine()) != null && !line.startsWith("READY ")) {
            // the members' own start-up output, if any
        }
        if (line == null) {
            p.destroyForcibly();
            throw new IllegalStateException("the registry cluster did not start; its log: " + log);
        }
        return new ClusterChild(p, answers, Arrays.stream(line.substring(6).split(",")).map(Integer::valueOf).toList(), log);
    }

    public List<Integer> httpPorts() {
        return httpPorts;
    }

    public synchronized Stats stats() throws IOException {
        commands.println("STATS");
        String line;
        while ((line = answers.readLine()) != null && !line.startsWith("STATS ")) {
            // skip
        }
        if (line == null) {
            throw new IllegalStateException("the registry cluster exited; its log: " + log);
        }
        String[] f = line.split(" ");
        return new Stats(Long.parseLong(f[1]), Integer.parseInt(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]),
                Long.parseLong(f[5]), Long.parseLong(f[6]), Long.parseLong(f[7]));
    }

    /** SIGKILL: every member dies at once, with no chance to write anything more. */
    public void killEveryMember() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the registry process did not die");
        }
    }

    /** Stops the members gracefully (or kills them if they have not stopped within a minute). */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        commands.println("STOP");
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
