package org.pensim.simulations.cli;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.pensim.simulations.exercise.Debrief;
import org.pensim.simulations.exercise.ExerciseRecording;
import org.pensim.simulations.exercise.ExerciseServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Replays a recorded exercise for the debrief, or writes its debrief files. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replay a recorded exercise (its recording.jsonl): serve the trainer console read-only with a "
                + "timeline to step through, or with --debrief-only write debrief.html and debrief.csv to DIR.")
final class ReplayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "RECORDING")
    Path recordingFile;

    @Option(names = "--port", defaultValue = "8080", description = "Port of the console (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--out", paramLabel = "DIR", description = "Where debrief files go (default: beside the recording).")
    Path out;

    @Option(names = "--debrief-only", description = "Write the debrief files and stop.")
    boolean debriefOnly;

    @Override
    public Integer call() throws Exception {
        ExerciseRecording recording;
        try {
            recording = ExerciseRecording.read(recordingFile);
        } catch (IOException e) {
            throw new PensimCommand.CliFailure(e.getMessage(), 2);
        }
        Path dir = out != null ? out : recordingFile.toAbsolutePath().getParent().resolve("replay");
        PrintWriter console = spec.commandLine().getOut();
        if (debriefOnly) {
            Debrief.write(recording.plan(), recording.events(), dir);
            console.printf("debrief of %s (%d events) written to %s%n", recording.plan().name(), recording.events().size(), dir);
            return 0;
        }
        Vertx vertx = Vertx.vertx();
        ExerciseServer server;
        try {
            server = ExerciseServer.replay(vertx, recording, dir, host, port);
        } catch (Exception e) {
            vertx.close();
            throw new PensimCommand.CliFailure("cannot listen on " + host + ":" + port + ": " + e.getMessage());
        }
        console.printf("replaying %s (%d events): http://%s:%d/trainer/%n", recording.plan().name(), recording.events().size(),
                host, server.port());
        console.flush();
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "pensim-replay-stop"));
        stop.await();
        server.close();
        vertx.close();
        return 0;
    }
}
