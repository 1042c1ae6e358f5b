package org.pensim.simulations.exercise;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.simulations.exercise.ExerciseRecording.Event;
import org.pensim.simulations.exercise.ExerciseRecording.Kind;

/**
 * What the trainer's console shows at a moment of the exercise, as one JSON document: the clock, the events list
 * with what has fired, the scoreboard, the participants, the recent log in words and the notes. Live, from the
 * running exercise; in a replay, from the recording up to the step shown.
 */
final class ConsoleState {

    private ConsoleState() {
    }

    /**
     * @param exercise    the live exercise, or null in a replay
     * @param totalEvents the recording's length in a replay (the timeline's end), null live
     * @param withCodes   the participants' sign-in codes, for the trainer only
     */
    static ObjectNode of(ExercisePlan plan, Exercise exercise, boolean replay, List<Event> events, Integer totalEvents,
            boolean withCodes) {
        ObjectNode o = ProtocolJson.mapper().createObjectNode();
        o.put("mode", replay ? "replay" : "live").put("name", plan.name()).put("title", plan.title());
        Scoreboard board = Scoreboard.of(plan, events);
        ObjectNode clock = o.putObject("clock");
        if (exercise != null) {
            clock.put("now", exercise.clock().instant().toString()).put("paused", exercise.clock().paused())
                    .put("minutesPerDay", 1440 / exercise.clock().speed()).put("ended", exercise.ended());
        } else {
            Event last = events.isEmpty() ? null : events.get(events.size() - 1);
            double speed = plan.speed();
            boolean paused = false;
            for (Event e : events) {
                if (e.kind() == Kind.CLOCK) {
                    speed = e.data().path("speed").asDouble(speed);
                    paused = e.data().path("paused").asBoolean();
                }
            }
            clock.put("now", last == null ? plan.start().toString() : last.sim().toString()).put("paused", paused)
                    .put("minutesPerDay", 1440 / speed).put("ended", board.ended());
            o.put("lastSeq", last == null ? 0 : last.seq()).put("totalEvents", totalEvents);
        }
        clock.put("start", plan.start().toString()).put("end", plan.start().plusSeconds(plan.durationDays() * 86400L).toString());
        ArrayNode injects = o.putArray("injects");
        Map<String, String> firedNow = new java.util.HashMap<>();
        events.stream().filter(e -> e.kind() == Kind.INJECT_FIRED)
                .forEach(e -> firedNow.put(e.text("inject"), e.text("notificationId")));
        EventsList list = EventsList.of(plan, events);
        for (var j : list.all()) {
            ObjectNode n = injects.addObject().put("id", j.id()).put("kind", j.kind().name()).put("from", j.from())
                    .put("to", j.to()).put("expected", j.expected() == null ? null : j.expected().name())
                    .put("description", j.description()).put("fired", firedNow.containsKey(j.id()))
                    .put("cancelled", list.cancelled(j.id())).put("addedDuringPlay", list.addedDuringPlay(j.id()))
                    .put("notificationId", firedNow.get(j.id()));
            if (j.atDay() != null) {
                n.put("atDay", j.atDay());
            }
        }
        o.set("scoreboard", ProtocolJson.mapper().valueToTree(Map.of("countries", board.countries(), "participants",
                board.participants(), "injects", board.injects())));
        if (exercise != null) {
            ArrayNode codes = o.putArray("participants");
            exercise.participants().forEach(p -> {
                ObjectNode who = codes.addObject().put("name", p.name()).put("role", p.role().name()).put("country", p.country());
                if (withCodes) {
                    who.put("code", p.code());
                }
            });
        }
        ArrayNode recent = o.putArray("recent");
        for (int i = Math.max(0, events.size() - 25); i < events.size(); i++) {
            Event e = events.get(i);
            if (e.kind() != Kind.STARTED) {
                recent.addObject().put("seq", e.seq()).put("sim", e.sim().toString()).put("kind", e.kind().name())
                        .put("text", EventWords.of(e));
            }
        }
        ArrayNode notes = o.putArray("notes");
        events.stream().filter(e -> e.kind() == Kind.NOTE).forEach(e -> notes.addObject().put("sim", e.sim().toString())
                .put("by", e.text("by")).put("inject", e.text("inject")).put("text", e.text("text")));
        return o;
    }
}
