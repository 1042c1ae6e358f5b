package org.pensim.simulations.exercise;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.pensim.protocol.json.ProtocolJson;

/**
 * The exercise as it happened, one JSON line an event, flushed as it is written: the scoreboard, the
 * debrief and a replay are all computed from it, so a replay shows exactly what the live console showed.
 */
public final class ExerciseRecording implements AutoCloseable {

    /** What can happen in an exercise. */
    public enum Kind {
        STARTED, CLOCK, SIGNED_IN, INJECT_FIRED, SCREENED, SHOWN, ACTION, STATE, DEADLINE_MISSED, ENDED,
        /** The trainer changed the events list during play. */
        INJECT_ADDED, INJECT_MOVED, INJECT_CANCELLED,
        /** An evaluator's note, at the exercise clock. */
        NOTE
    }

    /** One recorded event: its order, wall and exercise time, and what happened. */
    public record Event(long seq, Instant wall, Instant sim, Kind kind, JsonNode data) {

        public String text(String field) {
            JsonNode v = data.get(field);
            return v == null || v.isNull() ? null : v.asText();
        }

        JsonNode toJson() {
            ObjectNode o = ProtocolJson.mapper().createObjectNode();
            o.put("seq", seq).put("wall", wall.toString()).put("sim", sim.toString()).put("kind", kind.name());
            o.set("data", data);
            return o;
        }
    }

    private final List<Event> events = new ArrayList<>();
    private final Clock wall;
    private final Clock exercise;
    private final BufferedWriter out;

    private ExerciseRecording(List<Event> events, Clock wall, Clock exercise, BufferedWriter out) {
        this.events.addAll(events);
        this.wall = wall;
        this.exercise = exercise;
        this.out = out;
    }

    /** A new recording written to {@code file} as the exercise goes. */
    public static ExerciseRecording create(Path file, Clock wall, Clock exercise) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return new ExerciseRecording(List.of(), wall, exercise, Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE));
    }

    /** A finished (or interrupted) recording read back, for replay and debrief; a torn last line is ignored. */
    public static ExerciseRecording read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " does not exist");
        }
        List<Event> events = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                JsonNode o = ProtocolJson.parse(lines.get(i).getBytes(StandardCharsets.UTF_8));
                events.add(new Event(o.get("seq").asLong(), Instant.parse(o.get("wall").asText()),
                        Instant.parse(o.get("sim").asText()), Kind.valueOf(o.get("kind").asText()), o.get("data")));
            } catch (Exception e) {
                if (i == lines.size() - 1) {
                    break; // the process stopped while writing its last line
                }
                throw new IOException(file + ": line " + (i + 1) + " is not a recorded event: " + e.getMessage());
            }
        }
        if (events.isEmpty() || events.get(0).kind() != Kind.STARTED) {
            throw new IOException(file + " is not an exercise recording (it does not begin with STARTED)");
        }
        return new ExerciseRecording(events, null, null, null);
    }

    public synchronized Event append(Kind kind, JsonNode data) {
        if (out == null) {
            throw new IllegalStateException("a recording read back cannot be added to");
        }
        Event e = new Event(events.size() + 1L, wall.instant(), exercise.instant(), kind, data);
        events.add(e);
        try {
            out.write(e.toJson().toString());
            out.write('\n');
            out.flush();
        } catch (IOException ex) {
            throw new UncheckedIOException("the exercise recording could not be written", ex);
        }
        return e;
    }

    public synchronized List<Event> events() {
        return List.copyOf(events);
    }

    /** The events up to and including {@code seq}: the exercise as it stood then. */
    public synchronized List<Event> upTo(long seq) {
        return events.stream().filter(e -> e.seq() <= seq).toList();
    }

    public ExercisePlan plan() {
        try {
            return ProtocolJson.mapper().treeToValue(events().get(0).data().get("plan"), ExercisePlan.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (out != null) {
            out.close();
        }
    }
}
