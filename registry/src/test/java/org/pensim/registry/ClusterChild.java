package org.pensim.registry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.pensim.registry.cluster.ClusterProcess;

/** A registry cluster in a child JVM ({@link ClusterProcess}), so that a test can kill every member at once, as a crash does. */
final class ClusterChild implements AutoCloseable {

    final Process process;
    final List<Integer> httpPorts;

    private ClusterChild(Process process, List<Integer> httpPorts) {
        this.process = process;
        this.httpPorts = httpPorts;
    }

    static ClusterChild start(String name, int members, Path caDir, String jdbcUrl, String user, String password, Path log)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.util.concurrent.ForkJoinPool.common.parallelism=2", "-Xmx512m", "-Dhazelcast.phone.home.enabled=false",
                "--add-modules", "java.se", "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
                "--add-opens", "java.management/sun.management=ALL-UNNAMED",
                "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), ClusterProcess.class.getName(), name, String.valueOf(members),
                caDir.toString(), jdbcUrl, user, password, "0", "false"));
        Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.startsWith("READY ")) {
            // start-up output
        }
        if (line == null) {
            p.destroyForcibly();
            throw new IllegalStateException("the registry cluster did not start; see " + log);
        }
        return new ClusterChild(p, Arrays.stream(line.substring(6).split(",")).map(Integer::valueOf).toList());
    }

    /** SIGKILL: every member dies at once, with no chance to write anything more. */
    void killEveryMember() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the registry process did not die");
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
