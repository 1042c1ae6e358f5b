package org.pensim.simulations.cli;

import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.pensim.simulations.exercise.Exercise;
import org.pensim.simulations.exercise.ExercisePlan;
import org.pensim.simulations.exercise.ExercisePlanLoader;
import org.pensim.simulations.exercise.ExerciseServer;
import org.pensim.simulations.scenario.ScenarioLoader.ScenarioException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Runs a training exercise live: registry, nodes, trainer console and officers' desks in one process. */
@Command(name = "exercise", mixinStandardHelpOptions = true,
        description = "Run a training exercise (simulations/exercises/*.yaml): a registry and both nodes of every country "
                + "on accelerated exercise time, a trainer console and each officer's desks at http://HOST:PORT/, sign-in "
                + "codes per participant, injects, live scoring; writes recording.jsonl, debrief.html, debrief.pdf and debrief.csv to DIR.")
final class ExerciseCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "EXERCISE")
    Path file;

    @Option(names = "--port", defaultValue = "8080", description = "Port of the console and desks (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "0.0.0.0", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--out", paramLabel = "DIR", description = "A new directory for the recording, debrief and the "
            + "exercise's databases (default: out/exercise-NAME-YYYYMMDD-HHMMSS).")
    Path out;

    @Option(names = "--minutes-per-day", paramLabel = "M", description = "Override the exercise's pace: wall minutes per simulated day.")
    Double minutesPerDay;

    @Option(names = "--exit-when-ended", description = "Stop once the exercise has ended (for scripted runs); "
            + "otherwise the console stays up for the debrief until interrupted.")
    boolean exitWhenEnded;

    @Option(names = "--paused", description = "Start with exercise time stopped, so that the room can sign in and read the "
            + "briefing first; the trainer starts it with Resume on the console.")
    boolean paused;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new PensimCommand.CliFailure("--port must be 0 to 65535, was " + port, 2);
        }
        ExercisePlan plan;
        try {
            plan = ExercisePlanLoader.load(file);
        } catch (ScenarioException e) {
            throw new PensimCommand.CliFailure(e.getMessage(), 2);
        }
        if (minutesPerDay != null) {
            if (!(minutesPerDay >= 0.1 && minutesPerDay <= 1440)) {
                throw new PensimCommand.CliFailure("--minutes-per-day must be 0.1 to 1440, was " + minutesPerDay, 2);
            }
            plan = plan.withMinutesPerDay(minutesPerDay);
        }
        Path dir = out != null ? out : Path.of("out", "exercise-" + plan.name() + "-"
                + java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(java.time.ZoneOffset.UTC)
                        .format(java.time.Instant.now()));
        PrintWriter console = spec.commandLine().getOut();
        Vertx web = Vertx.vertx();
        Exercise exercise;
        try {
            exercise = Exercise.start(plan, dir, Clock.systemUTC(), paused);
        } catch (IllegalArgumentException e) {
            web.close();
            throw new PensimCommand.CliFailure(e.getMessage(), 2);
        }
        ExerciseServer server;
        try {
            server = ExerciseServer.live(web, exercise, host, port);
        } catch (Exception e) {
            exercise.close();
            web.close();
            throw new PensimCommand.CliFailure("cannot listen on " + host + ":" + port + ": " + e.getMessage());
        }
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        // An interrupt (Ctrl-C, SIGTERM) lets the loop below close the nodes' databases and the recording, and say so,
        // before the JVM goes: a hook that only signalled would let it halt halfway. Registered before the
        // console says the exercise is up, which is when someone may interrupt it.
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                closed.await(20, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "pensim-exercise-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        console.printf("exercise %s %s: http://localhost:%d/ (one simulated day every %.1f minutes; %d days)%n",
                plan.name(), paused ? "ready, time stopped until the trainer presses Resume" : "running", server.port(),
                plan.minutesPerDay(), plan.durationDays());
        for (Exercise.Participant p : exercise.participants()) {
            console.printf("  %-24s %-8s %-3s sign-in code %s%n", p.name(), p.role(), p.country() == null ? "" : p.country(),
                    p.code());
        }
        console.printf("recording to %s%n", dir.resolve("recording.jsonl"));
        console.flush();
        boolean announced = false;
        while (stop.getCount() > 0) {
            if (exercise.debriefed() && !announced) {
                announced = true;
                console.printf("exercise ended; debrief written to %s, %s and %s%n", dir.resolve("debrief.html"),
                        dir.resolve("debrief.pdf"), dir.resolve("debrief.csv"));
                console.flush();
                if (exitWhenEnded) {
                    break;
                }
            }
            stop.await(500, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        if (!exercise.ended()) {
            console.printf("exercise stopped before its end; what happened so far is recorded in %s "
                    + "(pensim replay %s --debrief-only writes its debrief)%n", dir.resolve("recording.jsonl"),
                    dir.resolve("recording.jsonl"));
            console.flush();
        }
        try {
            closeQuietly(server::close);
            closeQuietly(exercise::close);
            closeQuietly(web::close);
        } finally {
            closed.countDown();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: nothing to remove
        }
        return 0;
    }

    /** Closes one part; a part that fails to close must not keep the others open. */
    private static void closeQuietly(AutoCloseable part) {
        try {
            part.close();
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(ExerciseCommand.class).warn("closing the exercise: {}", e.toString());
        }
    }
}
