package org.pensim.simulations.load;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.pensim.protocol.json.ProtocolJson;

/**
 * The driver's side of a {@code pensim load-agent} child process: starts it with this JVM's class path,
 * hands it its plan, forwards SEND and PAUSE, and turns the lines it writes back into observations.
 * The agent's own log goes to a file in the output directory.
 */
final class AgentProcess implements HostedAuthorities {

    private static final String MAIN = "org.pensim.simulations.cli.PensimCommand";

    private final int number;
    private final Process process;
    private final PrintStream commands;
    private final Path log;
    private final CountDownLatch ready = new CountDownLatch(1);
    private volatile boolean started;
    private volatile boolean closing;
    private volatile boolean failed;
    private final Thread reader;
    private final AuthorityHost.Observations observations;

    private AgentProcess(int number, Process process, Path log, AuthorityHost.Observations observations) {
        this.number = number;
        this.process = process;
        this.log = log;
        this.observations = observations;
        this.commands = new PrintStream(process.getOutputStream(), false, StandardCharsets.UTF_8);
        this.reader = new Thread(() -> read(observations), "pensim-load-agent-" + number);
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts agent {@code number}, sends its plan and waits until its authorities are enrolled and following. */
    static AgentProcess start(int number, ObjectNode plan, Path outDir, AuthorityHost.Observations observations)
            throws IOException, InterruptedException {
        Path log = outDir.resolve("agent-" + number + ".log");
        Process p = new ProcessBuilder(command(ManagementFactory.getRuntimeMXBean().getInputArguments()))
                .redirectError(log.toFile()).start();
        AgentProcess agent = new AgentProcess(number, p, log, observations);
        agent.commands.println(ProtocolJson.mapper().writeValueAsString(plan));
        agent.commands.flush();
        if (!agent.ready.await(60, TimeUnit.SECONDS) || !agent.started) {
            agent.process.destroyForcibly();
            throw new IllegalStateException("load agent " + number + " did not start"
                    + (p.isAlive() ? " within 60 s" : " (exit " + p.exitValue() + ")") + "; its log: " + log + lastLine(log));
        }
        return agent;
    }

    /** The compiler options an agent takes from the driver's JVM; heap sizes, output files and the rest stay its own. */
    private static final Pattern COMPILER_OPTIONS = Pattern.compile(
            "-XX:(FreqInlineSize|InlineSmallCode|MaxInlineSize|TieredStopAtLevel)=\\d+"
                    + "|-XX:[+-](TieredCompilation|Unlock(Diagnostic|Experimental)VMOptions)");

    /**
     * The agent's command line. It takes the driver JVM's compiler options, so that an agent compiles as the
     * launcher's JIT options ask (less inlining: less CPU per notification, docs/benchmarks.md, "JVM options")
     * or as a user tuned them; options naming files or sizing the heap would clash between the agents and
     * the driver, and are not passed on.
     */
    static List<String> command(List<String> jvmArguments) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.util.concurrent.ForkJoinPool.common.parallelism=2", "-Xmx1g"));
        jvmArguments.stream().filter(a -> COMPILER_OPTIONS.matcher(a).matches()).forEach(command::add);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), MAIN, "load-agent"));
        return command;
    }

    private static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return lines.isEmpty() ? "" : ": " + lines.get(lines.size() - 1);
        } catch (IOException e) {
            return "";
        }
    }

    private void read(AuthorityHost.Observations observations) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.equals("READY")) {
                    started = true;
                    ready.countDown();
                } else if (!LoadAgent.dispatch(line, observations)) {
                    observations.error("agent " + number + " wrote an unknown line");
                }
            }
        } catch (IOException e) {
            observations.error("agent " + number + ": " + e.getClass().getSimpleName());
        }
        if (!closing && started) {
            // Its authorities stopped mid-run: what it was to send was never sent, what it was to
            // receive was never received. The run must not pass as if the registry were at fault, or fine.
            failed = true;
            observations.error("agent " + number + " exited during the run (see " + log + ")");
        }
        if (ready.getCount() > 0) {
            ready.countDown(); // died before READY: start() reports it
        }
    }

    @Override
    public synchronized void send(long n) {
        commands.println("SEND " + n);
        // Flushed at once: the agent's send is timed from its intended time, which is now.
        commands.flush();
        if (commands.checkError() && !failed) {
            failed = true;
            observations.error("agent " + number + " no longer takes commands (see " + log + ")");
        }
    }

    @Override
    public boolean failed() {
        return failed;
    }

    @Override
    public synchronized void pause(int importer, double seconds) {
        commands.println("PAUSE " + importer + " " + seconds);
        commands.flush();
    }

    @Override
    public void close() {
        closing = true;
        synchronized (this) {
            commands.println("STOP");
            commands.close();
        }
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            reader.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
