package org.pensim.simulations.exercise;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pensim.simulations.exercise.ExercisePlan.InjectSpec;
import org.pensim.simulations.exercise.ExerciseRecording.Event;
import org.pensim.simulations.exercise.ExerciseRecording.Kind;
import org.pensim.simulations.exercise.Scoreboard.InjectTimeline;

/**
 * The after-action report of an exercise, from its plan and recording alone: per inject what was expected
 * and what happened, who acted, when and why (the reasons they sent), the evaluators' notes; strengths and
 * gaps; the scoreboard as it stood at the end of each exercise day; and the whole log in words. Rendered by
 * the {@code afterAction.jte} template (HTML, and PDF from it) and written as CSV.
 */
public record AfterActionReport(String title, String name, Instant start, Instant at, boolean ended,
        Scoreboard board, List<InjectReport> injects, List<String> strengths, List<String> gaps, List<String> countries,
        List<DayScores> days, List<Line> notes, List<Line> log) {

    /** One inject: the plan's intent and what became of it. */
    public record InjectReport(String id, String kind, String fromTo, String expected, String description, String status,
            InjectTimeline timeline, List<Line> actions, List<Line> notes) {
    }

    /** A dated line: exercise time, who, and what. */
    public record Line(Instant at, String who, String text) {
    }

    /**
     * The countries' points at the end of one exercise day, in the order of {@link #countries}; {@code label}: "3",
     * "4 (so far)" for the day a running exercise is in, "4 (to the end)" for the day it ended in.
     */
    public record DayScores(int day, List<Integer> points, String label) {
    }

    public static AfterActionReport of(ExercisePlan plan, List<Event> events) {
        return of(plan, events, null);
    }

    /**
     * The report as of {@code now}, the exercise's clock while it runs (null: as of its last recorded event, for an ended
     * exercise or a replay): a report drawn during play says when it was drawn, not when something last happened.
     */
    public static AfterActionReport of(ExercisePlan plan, List<Event> events, Instant now) {
        Scoreboard board = Scoreboard.of(plan, events);
        Instant at = now != null && !board.ended() && now.isAfter(board.at()) ? now : board.at();
        EventsList list = EventsList.of(plan, events);
        Map<String, InjectTimeline> timelines = new LinkedHashMap<>();
        board.injects().forEach(t -> timelines.put(t.inject(), t));
        List<InjectReport> injects = new ArrayList<>();
        for (InjectSpec j : list.all()) {
            InjectTimeline t = timelines.get(j.id());
            String status = list.cancelled(j.id()) ? "cancelled" : t == null ? "not fired" : "fired";
            injects.add(new InjectReport(j.id(), j.kind().name(), j.from() + " to " + j.to(),
                    j.expected() == null ? (j.kind() == ExercisePlan.InjectKind.INFORMATION_REQUEST ? "an answer" : "read it")
                            : j.expected().name(),
                    j.description() == null ? "" : j.description(), status + (list.addedDuringPlay(j.id()) ? " (added in play)" : ""),
                    t, lines(events, Kind.ACTION, j.id(), t == null ? null : t.notificationId()),
                    lines(events, Kind.NOTE, j.id(), null)));
        }
        List<String> countries = board.countries().stream().map(Scoreboard.CountryScore::country).toList();
        return new AfterActionReport(plan.title(), plan.name(), plan.start(), at, board.ended(), board, injects,
                strengths(board), gaps(board, injects), countries, days(plan, events, countries, at, board.ended()),
                lines(events, Kind.NOTE, null, null), events.stream().filter(e -> e.kind() != Kind.STARTED)
                        .map(e -> new Line(e.sim(), "", EventWords.of(e))).toList());
    }

    /** An officer's action in words: an answer to a request for information is answered, not decided. */
    static String did(String action) {
        return "ANSWER".equals(action) ? "answered" : "decided " + action;
    }

    /** What went well: right decisions, quickly. */
    static List<String> strengths(Scoreboard board) {
        List<String> out = new ArrayList<>();
        for (InjectTimeline t : board.injects()) {
            if (t.points() > 0 && t.actedBy() != null) {
                Double h = t.hoursToAct();
                out.add(t.inject() + ": " + t.actedBy() + " " + did(t.action()) + " as expected"
                        + (h == null ? "" : String.format(Locale.ROOT, ", %.1f exercise hours after the %s", h,
                                t.flagged() != null ? "flag" : "inject")) + ".");
            }
        }
        for (Scoreboard.CountryScore c : board.countries()) {
            if (c.correct() > 0 && c.wrong() == 0 && c.missedDeadlines() == 0 && c.unread() == 0) {
                out.add(c.country() + ": every decision right, no deadline missed, nothing flagged left unread.");
            }
        }
        return out;
    }

    /** What to work on: wrong decisions, missed deadlines, flags nobody read, injects that never ran. */
    static List<String> gaps(Scoreboard board, List<InjectReport> injects) {
        List<String> out = new ArrayList<>();
        for (InjectTimeline t : board.injects()) {
            if (t.points() < 0 && t.action() != null && !t.deadlineMissed()) {
                out.add(t.inject() + ": " + (t.actedBy() == null ? "the automatic reply" : t.actedBy()) + " " + did(t.action())
                        + "; expected " + t.expected() + ".");
            }
            if (t.deadlineMissed()) {
                out.add(t.inject() + ": no officer decision by the reply deadline (" + t.actingCountry() + ").");
            }
            if (t.unread()) {
                out.add(t.inject() + ": flagged, but no officer of " + t.actingCountry() + " opened it.");
            }
        }
        injects.stream().filter(i -> i.status().startsWith("not fired"))
                .forEach(i -> out.add(i.id() + ": never fired, so never practised."));
        return out;
    }

    private static List<Line> lines(List<Event> events, Kind kind, String inject, String notificationId) {
        List<Line> out = new ArrayList<>();
        for (Event e : events) {
            boolean about = inject == null || inject.equals(e.text("inject"))
                    || (notificationId != null && notificationId.equals(e.text("notificationId")));
            if (e.kind() == kind && about) {
                out.add(new Line(e.sim(), kind == Kind.NOTE ? e.text("by") : e.text("participant"), EventWords.of(e)));
            }
        }
        return out;
    }

    /**
     * The scoreboard at the end of each exercise day up to {@code at}; the day {@code at} falls in, unfinished, as it
     * stands then (a day is not said to have ended before it has).
     */
    private static List<DayScores> days(ExercisePlan plan, List<Event> events, List<String> countries, Instant at,
            boolean ended) {
        List<DayScores> out = new ArrayList<>();
        for (int day = 1; day <= plan.durationDays(); day++) {
            Instant end = plan.start().plus(Duration.ofDays(day));
            boolean complete = !end.isAfter(at);
            Instant upToTime = complete ? end : at;
            List<Event> upTo = events.stream().filter(e -> !e.sim().isAfter(upToTime)).toList();
            Map<String, Integer> points = new LinkedHashMap<>();
            Scoreboard.of(plan, upTo).countries().forEach(c -> points.put(c.country(), c.points()));
            out.add(new DayScores(day, countries.stream().map(c -> points.getOrDefault(c, 0)).toList(),
                    complete ? String.valueOf(day) : day + (ended ? " (to the end)" : " (so far)")));
            if (!complete) {
                break;
            }
        }
        return out;
    }

    /** Exercise time as people read it. */
    public static String time(Instant t) {
        return t == null ? "" : t.toString().replace('T', ' ').replaceAll("(\\.\\d+)?Z$", "");
    }
}
