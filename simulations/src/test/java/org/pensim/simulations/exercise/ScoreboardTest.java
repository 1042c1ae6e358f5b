package org.pensim.simulations.exercise;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.simulations.exercise.ExerciseRecording.Event;
import org.pensim.simulations.exercise.ExerciseRecording.Kind;

/** The scoring rules, checked on recordings written by hand. */
class ScoreboardTest {

    static final ExercisePlan PLAN = ExercisePlanLoader.load(Path.of("exercises/two-country.yaml"));
    static final Instant T0 = PLAN.start();

    final List<Event> events = new ArrayList<>();

    ScoreboardTest() {
        add(0, Kind.STARTED, o().set("plan", ProtocolJson.mapper().valueToTree(PLAN)));
    }

    ObjectNode o() {
        return ProtocolJson.mapper().createObjectNode();
    }

    void add(double hours, Kind kind, com.fasterxml.jackson.databind.JsonNode data) {
        Instant sim = T0.plus(Duration.ofMinutes((long) (hours * 60)));
        events.add(new Event(events.size() + 1, Instant.EPOCH.plusSeconds(events.size()), sim, kind, data));
    }

    void fired(double h, String inject, String notification) {
        add(h, Kind.INJECT_FIRED, o().put("inject", inject).put("notificationId", notification).put("by", "schedule"));
    }

    void screened(double h, String notification, double score) {
        add(h, Kind.SCREENED, o().put("notificationId", notification).put("score", score).put("flagged", score >= 0.5));
    }

    void decided(double h, String who, String notification, String decision, int status) {
        add(h, Kind.ACTION, o().put("participant", who).put("notificationId", notification).put("action", "decision")
                .put("decision", decision).put("status", status));
    }

    @Test
    void a_quick_right_objection_scores_fifteen_for_the_officer_and_the_country() {
        fired(1, "front-company-pse", "DE-X-front-company-pse");
        screened(1.1, "DE-X-front-company-pse", 1.2);
        add(3, Kind.SHOWN, o().put("inject", "front-company-pse").put("participant", "Priya Raman"));
        decided(5, "Priya Raman", "DE-X-front-company-pse", "OBJECTION", 200);
        Scoreboard b = Scoreboard.of(PLAN, events);
        var t = b.injects().get(0);
        assertThat(t.points()).isEqualTo(15);
        assertThat(t.actedBy()).isEqualTo("Priya Raman");
        assertThat(t.hoursToAct()).isCloseTo(3.9, org.assertj.core.data.Offset.offset(0.05));
        assertThat(b.participant("Priya Raman").points()).isEqualTo(15);
        assertThat(b.participant("Priya Raman").correct()).isEqualTo(1);
        assertThat(b.country("IN").points()).isEqualTo(15);
        assertThat(b.country("DE").points()).isZero();
    }

    @Test
    void clearing_a_diversion_costs_ten_and_objecting_to_licit_trade_costs_five() {
        fired(1, "front-company-pse", "DE-X-front-company-pse");
        screened(1, "DE-X-front-company-pse", 1.2);
        decided(2, "Priya Raman", "DE-X-front-company-pse", "NO_OBJECTION", 200);
        fired(1, "regular-customer", "DE-X-regular-customer");
        screened(1, "DE-X-regular-customer", 0.1);
        decided(100, "Priya Raman", "DE-X-regular-customer", "OBJECTION", 200);
        Scoreboard b = Scoreboard.of(PLAN, events);
        assertThat(b.injects()).extracting(Scoreboard.InjectTimeline::points).containsExactly(-10, -5);
        assertThat(b.participant("Priya Raman").wrong()).isEqualTo(2);
        assertThat(b.country("IN").points()).isEqualTo(-15);
        assertThat(b.country("IN").wrong()).isEqualTo(2);
    }

    @Test
    void a_refused_decision_is_no_decision() {
        fired(1, "front-company-pse", "DE-X-front-company-pse");
        decided(2, "Priya Raman", "DE-X-front-company-pse", "OBJECTION", 400);
        assertThat(Scoreboard.of(PLAN, events).injects().get(0).actedBy()).isNull();
    }

    @Test
    void a_missed_deadline_and_an_unread_flag_are_charged_to_the_country_when_the_exercise_ends() {
        fired(1, "front-company-pse", "DE-X-front-company-pse");
        screened(1, "DE-X-front-company-pse", 1.2);
        add(500, Kind.DEADLINE_MISSED, o().put("inject", "front-company-pse").put("notificationId", "DE-X-front-company-pse"));
        Scoreboard running = Scoreboard.of(PLAN, events);
        assertThat(running.injects().get(0).points()).isEqualTo(-5);
        assertThat(running.country("IN").unread()).isEqualTo(1);
        add(501, Kind.ENDED, o().put("by", "Trainer"));
        Scoreboard ended = Scoreboard.of(PLAN, events);
        assertThat(ended.injects().get(0).points()).isEqualTo(-8);
        assertThat(ended.injects().get(0).notes()).anyMatch(n -> n.contains("never opened"));
        assertThat(ended.country("IN").missedDeadlines()).isEqualTo(1);
    }

    @Test
    void an_answered_request_for_information_scores_for_the_exporting_officer() {
        fired(48, "ae-asks", "DE-X-ae-asks");
        add(48.2, Kind.STATE, o().put("inject", "ae-asks").put("state", "INFO_REQUESTED"));
        add(60, Kind.ACTION, o().put("participant", "Jonas Weber").put("notificationId", "DE-X-ae-asks").put("action", "answer")
                .put("status", 200));
        Scoreboard b = Scoreboard.of(PLAN, events);
        assertThat(b.injects().get(0).points()).isEqualTo(10);
        assertThat(b.participant("Jonas Weber").points()).isEqualTo(10);
        assertThat(b.country("DE").points()).isEqualTo(10);
    }

    @Test
    void a_shared_incident_read_scores_two_and_unread_costs_three_at_the_end() {
        fired(24, "seizure-lagos", "NG-INC-seizure-lagos");
        add(30, Kind.ENDED, o());
        assertThat(Scoreboard.of(PLAN, events).country("IN").points()).isEqualTo(-3);
        events.remove(events.size() - 1);
        add(26, Kind.SHOWN, o().put("inject", "seizure-lagos").put("participant", "Priya Raman"));
        add(30, Kind.ENDED, o());
        Scoreboard b = Scoreboard.of(PLAN, events);
        assertThat(b.country("IN").points()).isEqualTo(2);
        assertThat(b.participant("Priya Raman").points()).isEqualTo(2);
    }

    @Test
    void the_score_at_any_earlier_event_is_the_score_of_the_events_up_to_it() {
        fired(1, "front-company-pse", "DE-X-front-company-pse");
        screened(1, "DE-X-front-company-pse", 1.2);
        int before = events.size();
        decided(5, "Priya Raman", "DE-X-front-company-pse", "OBJECTION", 200);
        assertThat(Scoreboard.of(PLAN, events.subList(0, before)).country("IN").points()).isZero();
        assertThat(Scoreboard.of(PLAN, events).country("IN").points()).isEqualTo(15);
    }

    @Test
    void a_report_drawn_during_play_is_as_of_the_exercise_clock_and_does_not_end_a_day_that_has_not() {
        fired(5, "front-company-pse", "DE-2026-00001");
        screened(6, "DE-2026-00001", 0.9);
        Instant now = T0.plus(Duration.ofHours(2 * 24 + 15)); // day 3, 15:00 after the start: nothing happened since hour 6
        AfterActionReport live = AfterActionReport.of(PLAN, events, now);
        assertThat(live.at()).as("when it was drawn, not the last event").isEqualTo(now);
        assertThat(live.days()).extracting(AfterActionReport.DayScores::label).containsExactly("1", "2", "3 (so far)");
        AfterActionReport replay = AfterActionReport.of(PLAN, events);
        assertThat(replay.at()).isEqualTo(T0.plus(Duration.ofHours(6)));
        assertThat(replay.days()).extracting(AfterActionReport.DayScores::label).containsExactly("1 (so far)");
    }
}
