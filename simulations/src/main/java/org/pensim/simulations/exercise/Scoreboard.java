package org.pensim.simulations.exercise;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pensim.simulations.exercise.ExercisePlan.InjectKind;
import org.pensim.simulations.exercise.ExercisePlan.InjectSpec;
import org.pensim.simulations.exercise.ExerciseRecording.Event;

/**
 * The score of an exercise, computed from its recording alone (live, at any point of a replay, or
 * for the debrief). The rules, in simulated time (docs/exercises.md gives them to trainers):
 * <ul>
 *   <li>shipment: the officer's decision is right (+10), clears a diversion (-10) or objects to licit
 *   trade (-5); a right decision within one day of delivery earns +5 more, within three days +2;
 *   no officer decision by the reply deadline costs the country 5; a flagged inject nobody opened
 *   by the end costs 3;</li>
 *   <li>information request: answered +5 (+5 within a day of the request, +2 within three); still
 *   unanswered at the end -5;</li>
 *   <li>shared incident: read by an officer +2; unread at the end -3.</li>
 * </ul>
 */
public final class Scoreboard {

    /** What happened to one inject, and the points it earned or cost. */
    public record InjectTimeline(String inject, InjectKind kind, String from, String to, String expected,
            String notificationId, Instant fired, String firedBy, Instant flagged, Double score, Instant firstShown,
            String shownTo, Instant acted, String actedBy, String action, String outcome, boolean automatic,
            boolean deadlineMissed, boolean unread, int points, List<String> notes) {

        /** The country whose officers are expected to act. */
        public String actingCountry() {
            return kind == InjectKind.INFORMATION_REQUEST ? from : to;
        }

        public Double hoursToAct() {
            Instant from = kind == InjectKind.SHIPMENT && flagged != null ? flagged : fired;
            return acted == null || from == null ? null : Duration.between(from, acted).toSeconds() / 3600.0;
        }
    }

    /** One participant's part. */
    public record ParticipantScore(String name, String country, String role, int actions, int correct, int wrong,
            Double medianHoursToAct, int points) {
    }

    /** One country's team result. */
    public record CountryScore(String country, int points, int correct, int wrong, int missedDeadlines, int unread,
            Double medianHoursToAct) {
    }

    private final List<InjectTimeline> injects;
    private final List<ParticipantScore> participants;
    private final List<CountryScore> countries;
    private final boolean ended;
    private final Instant at;

    private Scoreboard(List<InjectTimeline> injects, List<ParticipantScore> participants, List<CountryScore> countries,
            boolean ended, Instant at) {
        this.injects = injects;
        this.participants = participants;
        this.countries = countries;
        this.ended = ended;
        this.at = at;
    }

    public List<InjectTimeline> injects() {
        return injects;
    }

    public List<ParticipantScore> participants() {
        return participants;
    }

    public List<CountryScore> countries() {
        return countries;
    }

    public boolean ended() {
        return ended;
    }

    /** Exercise time of the last event counted. */
    public Instant at() {
        return at;
    }

    public ParticipantScore participant(String name) {
        return participants.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }

    public CountryScore country(String code) {
        return countries.stream().filter(c -> c.country().equals(code)).findFirst().orElse(null);
    }

    /** Folds the events, in order, into the score as it stood after the last of them. */
    public static Scoreboard of(ExercisePlan plan, List<Event> events) {
        Map<String, Builder> byInject = new LinkedHashMap<>();
        Map<String, String> injectOfNotification = new java.util.HashMap<>();
        boolean ended = false;
        Instant at = events.isEmpty() ? plan.start() : events.get(events.size() - 1).sim();
        EventsList list = EventsList.of(plan, List.of());
        for (Event e : events) {
            list.apply(e);
            JsonNode d = e.data();
            String injectId = e.text("inject");
            if (injectId == null && e.text("notificationId") != null) {
                injectId = injectOfNotification.get(e.text("notificationId"));
            }
            Builder b = injectId == null ? null : byInject.get(injectId);
            switch (e.kind()) {
                case INJECT_FIRED -> {
                    InjectSpec spec = list.find(e.text("inject"));
                    if (spec != null && !byInject.containsKey(spec.id())) {
                        Builder nb = new Builder(spec);
                        nb.fired = e.sim();
                        nb.firedBy = e.text("by");
                        nb.notificationId = e.text("notificationId");
                        byInject.put(spec.id(), nb);
                        if (nb.notificationId != null) {
                            injectOfNotification.put(nb.notificationId, spec.id());
                        }
                    }
                }
                case SCREENED -> {
                    if (b != null && b.flagged == null) {
                        b.score = d.path("score").asDouble();
                        if (d.path("flagged").asBoolean()) {
                            b.flagged = e.sim();
                        }
                        b.delivered = e.sim();
                    }
                }
                case SHOWN -> {
                    if (b != null && b.firstShown == null) {
                        b.firstShown = e.sim();
                        b.shownTo = e.text("participant");
                    }
                }
                case ACTION -> {
                    int status = d.path("status").asInt();
                    if (b != null && status >= 200 && status < 300 && b.acted == null && b.relevant(e.text("action"))) {
                        b.acted = e.sim();
                        b.actedBy = e.text("participant");
                        b.action = e.text("decision") != null ? e.text("decision") : e.text("action");
                    }
                    if (b != null && status >= 200 && status < 300 && "decision".equals(e.text("action"))
                            && !"INFO_REQUESTED".equals(e.text("decision"))) {
                        b.officerDecision = e.text("decision");
                        b.decidedBy = e.text("participant");
                        b.decidedAt = e.sim();
                    }
                }
                case STATE -> {
                    if (b != null) {
                        b.outcome = e.text("state");
                        if ("INFO_REQUESTED".equals(e.text("state")) && b.requested == null) {
                            b.requested = e.sim();
                        }
                        if (d.path("automatic").asBoolean()) {
                            b.automatic = true;
                        }
                    }
                }
                case DEADLINE_MISSED -> {
                    if (b != null && b.officerDecision == null && !b.automatic) {
                        b.deadlineMissed = true;
                    }
                }
                case ENDED -> ended = true;
                default -> {
                    // clock changes and sign-ins do not score
                }
            }
        }
        List<InjectTimeline> timelines = new ArrayList<>();
        for (Builder b : byInject.values()) {
            timelines.add(b.build(ended));
        }
        return new Scoreboard(timelines, participantScores(plan, byInject.values()), countryScores(plan, timelines), ended, at);
    }

    private static List<ParticipantScore> participantScores(ExercisePlan plan, java.util.Collection<Builder> builders) {
        List<ParticipantScore> out = new ArrayList<>();
        for (var p : plan.participants()) {
            int actions = 0;
            int correct = 0;
            int wrong = 0;
            int points = 0;
            List<Double> hours = new ArrayList<>();
            for (Builder b : builders) {
                if (p.name().equals(b.actedBy)) {
                    actions++;
                    InjectTimeline t = b.build(false);
                    if (t.hoursToAct() != null) {
                        hours.add(t.hoursToAct());
                    }
                }
                if (p.name().equals(b.decidedBy) || (b.spec.kind() == InjectKind.INFORMATION_REQUEST && p.name().equals(b.actedBy))) {
                    int earned = b.actionPoints();
                    points += earned;
                    if (earned > 0) {
                        correct++;
                    } else if (earned < 0) {
                        wrong++;
                    }
                }
                if (b.spec.kind() == InjectKind.INCIDENT && p.name().equals(b.shownTo)) {
                    points += 2;
                }
            }
            out.add(new ParticipantScore(p.name(), p.country(), p.role().name(), actions, correct, wrong, median(hours), points));
        }
        return out;
    }

    private static List<CountryScore> countryScores(ExercisePlan plan, List<InjectTimeline> timelines) {
        Map<String, CountryScore> out = new TreeMap<>();
        for (var c : plan.countries()) {
            int points = 0;
            int correct = 0;
            int wrong = 0;
            int missed = 0;
            int unread = 0;
            List<Double> hours = new ArrayList<>();
            for (InjectTimeline t : timelines) {
                if (!c.code().equals(t.actingCountry())) {
                    continue;
                }
                points += t.points();
                if (t.points() > 0) {
                    correct++;
                } else if (t.points() < 0 && t.actedBy() != null) {
                    wrong++;
                }
                missed += t.deadlineMissed() ? 1 : 0;
                unread += t.unread() ? 1 : 0;
                if (t.hoursToAct() != null) {
                    hours.add(t.hoursToAct());
                }
            }
            out.put(c.code(), new CountryScore(c.code(), points, correct, wrong, missed, unread, median(hours)));
        }
        return out.values().stream().sorted(Comparator.comparingInt(CountryScore::points).reversed()
                .thenComparing(CountryScore::country)).toList();
    }

    private static Double median(List<Double> xs) {
        if (xs.isEmpty()) {
            return null;
        }
        List<Double> s = xs.stream().sorted().toList();
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    /** The state of one inject while the events are folded. */
    private static final class Builder {
        final InjectSpec spec;
        String notificationId;
        Instant fired;
        String firedBy;
        Instant delivered;
        Instant flagged;
        Double score;
        Instant firstShown;
        String shownTo;
        Instant acted;
        String actedBy;
        String action;
        String officerDecision;
        String decidedBy;
        Instant decidedAt;
        Instant requested;
        String outcome;
        boolean automatic;
        boolean deadlineMissed;

        Builder(InjectSpec spec) {
            this.spec = spec;
        }

        boolean relevant(String actionName) {
            return switch (spec.kind()) {
                case SHIPMENT -> "decision".equals(actionName);
                case INFORMATION_REQUEST -> "answer".equals(actionName);
                case INCIDENT -> false;
            };
        }

        /** Points earned by the officer who acted (zero when nobody did). */
        int actionPoints() {
            switch (spec.kind()) {
                case SHIPMENT -> {
                    if (officerDecision == null) {
                        return 0;
                    }
                    boolean right = officerDecision.equals(spec.expected().name());
                    if (!right) {
                        return "OBJECTION".equals(officerDecision) ? -5 : -10;
                    }
                    Instant from = flagged != null ? flagged : delivered != null ? delivered : fired;
                    return 10 + speedBonus(from, decidedAt);
                }
                case INFORMATION_REQUEST -> {
                    return acted == null ? 0 : 5 + speedBonus(requested != null ? requested : fired, acted);
                }
                default -> {
                    return 0;
                }
            }
        }

        private static int speedBonus(Instant from, Instant to) {
            if (from == null || to == null) {
                return 0;
            }
            Duration d = Duration.between(from, to);
            return d.compareTo(Duration.ofDays(1)) <= 0 ? 5 : d.compareTo(Duration.ofDays(3)) <= 0 ? 2 : 0;
        }

        InjectTimeline build(boolean ended) {
            List<String> notes = new ArrayList<>();
            int points = actionPoints();
            boolean unread = false;
            switch (spec.kind()) {
                case SHIPMENT -> {
                    if (deadlineMissed) {
                        points -= 5;
                        notes.add("no officer decision by the reply deadline (-5)");
                    }
                    if (officerDecision == null && automatic) {
                        notes.add("decided automatically by the node's thresholds");
                    }
                    unread = flagged != null && firstShown == null && acted == null;
                    if (unread && ended) {
                        points -= 3;
                        notes.add("flagged but never opened by an officer (-3)");
                    }
                    if (officerDecision != null) {
                        notes.add(officerDecision.equals(spec.expected().name()) ? "right decision" : "wrong decision: "
                                + spec.expected() + " was expected");
                    }
                }
                case INFORMATION_REQUEST -> {
                    if (acted == null && ended) {
                        points -= 5;
                        notes.add("request for information never answered (-5)");
                    }
                    unread = requested != null && firstShown == null && acted == null;
                }
                case INCIDENT -> {
                    unread = firstShown == null;
                    if (!unread) {
                        points += 2;
                    } else if (ended) {
                        points -= 3;
                        notes.add("shared incident never read (-3)");
                    }
                }
                default -> throw new IllegalStateException();
            }
            return new InjectTimeline(spec.id(), spec.kind(), spec.from(), spec.to(),
                    spec.expected() == null ? (spec.kind() == InjectKind.INFORMATION_REQUEST ? "ANSWER" : "READ")
                            : spec.expected().name(),
                    notificationId, fired, firedBy, flagged, score, firstShown, shownTo, acted, actedBy, action, outcome,
                    automatic && officerDecision == null, deadlineMissed, unread, points, notes);
        }
    }
}
