package org.pensim.simulations.exercise;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.pensim.simulations.exercise.ExerciseRecording.Event;

/** A recorded event as a sentence, for the console's live log and the after-action report. */
public final class EventWords {

    private EventWords() {
    }

    public static String of(Event e) {
        JsonNode d = e.data();
        String inject = d.hasNonNull("inject") ? " (inject " + d.get("inject").asText() + ")" : "";
        String n = d.path("notificationId").asText("");
        return switch (e.kind()) {
            case STARTED -> "The exercise started.";
            case CLOCK -> clock(d);
            case SIGNED_IN -> d.path("participant").asText() + " signed in.";
            case INJECT_FIRED -> "Inject " + d.path("inject").asText() + " fired (" + by(d) + ")"
                    + (n.isEmpty() ? "." : (": " + ("INCIDENT".equals(d.path("kind").asText()) ? "incident " : "notification ")) + n
                            + (d.hasNonNull("replyDeadline")
                            ? ", reply by " + d.get("replyDeadline").asText() : "") + ".");
            case SCREENED -> n + inject + " screened at " + d.path("country").asText() + ": risk "
                    + String.format(java.util.Locale.ROOT, "%.2f", d.path("score").asDouble())
                    + (d.path("flagged").asBoolean() ? ", flagged" + flags(d) : ", not flagged") + ".";
            case SHOWN -> d.path("participant").asText() + " saw " + n + inject + " in the " + d.path("view").asText() + ".";
            case ACTION -> action(d, n, inject);
            case STATE -> n + inject + " is now " + d.path("state").asText()
                    + (d.path("automatic").asBoolean() ? " (automatic reply)" : "") + ".";
            case DEADLINE_MISSED -> "No officer decided " + n + inject + " by its reply deadline " + d.path("replyDeadline").asText() + ".";
            case ENDED -> "The exercise ended (" + by(d) + ").";
            case INJECT_ADDED -> d.path("by").asText() + " added inject " + d.path("inject").asText() + " to the events list"
                    + (d.at("/spec/atDay").isNumber() ? ", for day " + d.at("/spec/atDay").asDouble() : ", to fire by hand") + ".";
            case INJECT_MOVED -> d.path("by").asText() + " moved inject " + d.path("inject").asText() + " to day "
                    + d.path("atDay").asDouble() + ".";
            case INJECT_CANCELLED -> d.path("by").asText() + " cancelled inject " + d.path("inject").asText() + ".";
            case NOTE -> "Note by " + d.path("by").asText() + inject + ": " + d.path("text").asText();
        };
    }

    /** What a change of the clock did: paused, resumed or a new pace (a pace set while paused leaves it paused). */
    private static String clock(JsonNode d) {
        String by = d.path("by").asText();
        String pace = String.format(java.util.Locale.ROOT, "%.1f minutes a day", d.path("minutesPerDay").asDouble());
        return switch (d.path("change").asText("")) {
            case "pause" -> "The clock was paused by " + by + ".";
            case "resume" -> by + " resumed the clock, at " + pace + ".";
            case "pace" -> by + " set the clock to " + pace + (d.path("paused").asBoolean() ? "; it stays paused." : ".");
            case "start" -> "The clock runs at " + pace + (d.path("paused").asBoolean() ? ", paused until the trainer resumes it." : ".");
            default -> d.path("paused").asBoolean() ? "The clock was paused by " + by + "." // recordings before "change"
                    : "The clock runs at " + pace + " (" + by + ").";
        };
    }

    private static String by(JsonNode d) {
        String by = d.path("by").asText("");
        return by.equals("schedule") ? "on schedule" : "by " + by;
    }

    private static String flags(JsonNode d) {
        List<String> f = new ArrayList<>();
        d.path("flags").forEach(x -> f.add(x.asText()));
        return f.isEmpty() ? "" : " by " + String.join(", ", f);
    }

    private static String action(JsonNode d, String n, String inject) {
        String who = d.path("participant").asText() + " (" + d.path("country").asText() + ", " + d.path("desk").asText() + " desk)";
        String what = switch (d.path("action").asText()) {
            case "decision" -> "decided " + d.path("decision").asText() + " on " + n + inject;
            case "answer" -> "answered the request for information on " + n + inject;
            case "withdraw" -> "withdrew " + n + inject;
            case "shipment" -> "recorded the shipment of " + n + inject;
            case "receipt" -> "confirmed receipt of " + n + inject;
            case "new-notification" -> "submitted " + (n.isEmpty() ? "a notification" : n + inject);
            case "report-incident" -> "reported an incident";
            default -> "did " + d.path("action").asText() + (n.isEmpty() ? "" : " on " + n + inject);
        };
        List<String> why = new ArrayList<>();
        d.path("reasons").forEach(r -> why.add(r.asText()));
        if (d.hasNonNull("message")) {
            why.add(d.get("message").asText());
        }
        String refused = d.path("status").asInt(200) < 400 ? ""
                : " (refused" + (d.hasNonNull("refusal") ? ": " + d.get("refusal").asText() : ", HTTP " + d.path("status").asInt()) + ")";
        String said = who + " " + what + (why.isEmpty() ? "" : ": " + String.join("; ", why)) + refused;
        // An officer's own words may end their sentence already.
        return said.endsWith(".") || said.endsWith("!") || said.endsWith("?") ? said : said + ".";
    }
}
