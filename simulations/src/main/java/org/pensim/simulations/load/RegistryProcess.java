package org.pensim.simulations.load;

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
import org.pensim.registry.cluster.ClusterProcess;

/**
 * The benchmark's side of a registry cluster running in a child process ({@link ClusterProcess}): the
 * members' CPU is then theirs alone, measured apart from the driver that signs and sends.
 */
final class RegistryProcess implements AutoCloseable {

    /** The child's CPU so far (all threads) and the members' global screening backlog. */
    record Stats(long cpuNanos, int backlog) {
    }

    private final Process process;
    private final PrintStream commands;
    private final BufferedReader answers;
    private final List<Integer> httpPorts;
    private final Path log;

    private RegistryProcess(Process process, BufferedReader answers, List<Integer> httpPorts, Path log) {
        this.process = process;
        this.commands = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        this.answers = answers;
        this.httpPorts = httpPorts;
        this.log = log;
    }

    /** Starts {@code members} members sharing {@code caDir} and {@code jdbcUrl}; returns once the cluster is safe. */
    static RegistryProcess start(String name, int members, Path caDir, String jdbcUrl, int maxBacklog, boolean tls, Path log)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.util.concurrent.ForkJoinPool.common.parallelism=2", "-Xmx2g", "-Dhazelcast.phone.home.enabled=false",
                "--add-modules", "java.se", "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
                "--add-opens", "java.management/sun.management=ALL-UNNAMED",
                "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED"));
        // The same compiler options as the driver (the launcher's JIT settings apply to the registry too).
        AgentProcess.command(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()).stream()
                .filter(a -> a.startsWith("-XX:")).forEach(command::add);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ClusterProcess.class.getName(), name,
                String.valueOf(members), caDir.toString(), jdbcUrl, "sa", "", String.valueOf(maxBacklog), String.valueOf(tls)));
        Files.createDirectories(log.getParent());
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
        List<Integer> ports = Arrays.stream(line.substring(6).split(",")).map(Integer::valueOf).toList();
        return new RegistryProcess(p, answers, ports, log);
    }

    List<Integer> httpPorts() {
        return httpPorts;
    }

    synchronized Stats stats() throws IOException {
        commands.println("STATS");
        String line;
        while ((line = answers.readLine()) != null && !line.startsWith("STATS ")) {
            // skip
        }
        if (line == null) {
            throw new IllegalStateException("the registry cluster exited; its log: " + log);
        }
        String[] f = line.split(" ");
        return new Stats(Long.parseLong(f[1]), Integer.parseInt(f[2]));
    }

    @Override
    public void close() {
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
