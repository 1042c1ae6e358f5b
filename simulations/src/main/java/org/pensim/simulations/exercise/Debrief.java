package org.pensim.simulations.exercise;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.pensim.simulations.exercise.ExerciseRecording.Event;
import org.pensim.simulations.exercise.ExerciseRecording.Kind;
import org.pensim.simulations.exercise.Scoreboard.InjectTimeline;
import org.pensim.simulations.report.RunOutputs;

/**
 * The debrief of an exercise, from its recording: debrief.csv (one row an inject: when it was fired,
 * flagged, first seen and acted on, by whom, the outcome and the points) and a self-contained
 * debrief.html with the scores and the whole timeline.
 */
public final class Debrief {

    static final List<String> CSV_HEADER = List.of("inject", "kind", "from", "to", "expected", "notificationId", "firedAt",
            "firedBy", "flaggedAt", "score", "firstShownAt", "shownTo", "actedAt", "actedBy", "action", "outcome",
            "hoursToAct", "deadlineMissed", "unread", "points", "notes");

    private Debrief() {
    }

    public static void write(ExercisePlan plan, List<Event> events, Path dir) throws IOException {
        Files.createDirectories(dir);
        Scoreboard board = Scoreboard.of(plan, events);
        List<List<String>> rows = new ArrayList<>();
        for (InjectTimeline t : board.injects()) {
            rows.add(row(t));
        }
        RunOutputs.writeCsv(dir.resolve("debrief.csv"), CSV_HEADER, rows);
        Files.writeString(dir.resolve("debrief.html"), html(plan, board, events), StandardCharsets.UTF_8);
    }

    static List<String> row(InjectTimeline t) {
        return List.of(t.inject(), t.kind().name(), t.from(), nz(t.to()), t.expected(), nz(t.notificationId()), time(t.fired()),
                nz(t.firedBy()), time(t.flagged()), t.score() == null ? "" : String.format(Locale.ROOT, "%.2f", t.score()),
                time(t.firstShown()), nz(t.shownTo()), time(t.acted()), nz(t.actedBy()), nz(t.action()), nz(t.outcome()),
                t.hoursToAct() == null ? "" : String.format(Locale.ROOT, "%.1f", t.hoursToAct()),
                String.valueOf(t.deadlineMissed()), String.valueOf(t.unread()), String.valueOf(t.points()),
                String.join("; ", t.notes()));
    }

    private static String html(ExercisePlan plan, Scoreboard board, List<Event> events) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Debrief: ")
                .append(esc(plan.title())).append("</title><style>body{font-family:sans-serif;margin:1.5em;max-width:90em}"
                        + "table{border-collapse:collapse;margin-bottom:1.5em}td,th{border:1px solid #bbb;padding:.3em .6em;"
                        + "text-align:left;vertical-align:top}.neg{color:#a00}.pos{color:#070}</style></head><body>");
        h.append("<h1>Debrief: ").append(esc(plan.title())).append("</h1><p>Exercise ").append(esc(plan.name()))
                .append(", started at ").append(plan.start()).append(" exercise time; ")
                .append(board.ended() ? "ended" : "still running").append(" at ").append(board.at()).append(".</p>");
        h.append("<h2>Countries</h2><table id=\"countries\"><tr><th>country</th><th>points</th><th>right</th><th>wrong</th>"
                + "<th>missed deadlines</th><th>unread</th><th>median hours to act</th></tr>");
        for (var c : board.countries()) {
            h.append("<tr><td>").append(c.country()).append("</td><td class=\"").append(c.points() < 0 ? "neg" : "pos")
                    .append("\">").append(c.points()).append("</td><td>").append(c.correct()).append("</td><td>")
                    .append(c.wrong()).append("</td><td>").append(c.missedDeadlines()).append("</td><td>").append(c.unread())
                    .append("</td><td>").append(hours(c.medianHoursToAct())).append("</td></tr>");
        }
        h.append("</table><h2>Participants</h2><table id=\"participants\"><tr><th>participant</th><th>country</th>"
                + "<th>role</th><th>actions</th><th>right</th><th>wrong</th><th>median hours to act</th><th>points</th></tr>");
        for (var p : board.participants()) {
            h.append("<tr><td>").append(esc(p.name())).append("</td><td>").append(nz(p.country())).append("</td><td>")
                    .append(p.role()).append("</td><td>").append(p.actions()).append("</td><td>").append(p.correct())
                    .append("</td><td>").append(p.wrong()).append("</td><td>").append(hours(p.medianHoursToAct()))
                    .append("</td><td>").append(p.points()).append("</td></tr>");
        }
        h.append("</table><h2>Injects</h2><table id=\"injects\"><tr>");
        CSV_HEADER.forEach(c -> h.append("<th>").append(c).append("</th>"));
        h.append("</tr>");
        for (InjectTimeline t : board.injects()) {
            h.append("<tr>");
            row(t).forEach(v -> h.append("<td>").append(esc(v)).append("</td>"));
            h.append("</tr>");
        }
        h.append("</table><h2>Timeline</h2><table id=\"timeline\"><tr><th>exercise time</th><th>wall time</th><th>event</th>"
                + "<th>detail</th></tr>");
        for (Event e : events) {
            if (e.kind() == Kind.STARTED) {
                continue;
            }
            h.append("<tr><td>").append(e.sim()).append("</td><td>").append(e.wall()).append("</td><td>").append(e.kind())
                    .append("</td><td>").append(esc(e.data().toString())).append("</td></tr>");
        }
        h.append("</table></body></html>\n");
        return h.toString();
    }

    private static String hours(Double h) {
        return h == null ? "" : String.format(Locale.ROOT, "%.1f", h);
    }

    private static String time(Instant t) {
        return t == null ? "" : t.toString();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String esc(String s) {
        return RunOutputs.esc(s == null ? "" : s);
    }
}
