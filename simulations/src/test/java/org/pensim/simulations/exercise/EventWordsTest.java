package org.pensim.simulations.exercise;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.simulations.exercise.ExerciseRecording.Event;
import org.pensim.simulations.exercise.ExerciseRecording.Kind;

/** The recording in words, as the debrief and the console's latest events print it. */
class EventWordsTest {

    private static String answer(String message) {
        var data = ProtocolJson.mapper().createObjectNode().put("participant", "Jonas Weber").put("country", "DE")
                .put("desk", "exporter").put("action", "answer").put("notificationId", "DE-2026-00004").put("inject", "ae-asks")
                .put("message", message);
        return EventWords.of(new Event(1, Instant.EPOCH, Instant.EPOCH, Kind.ACTION, data));
    }

    @Test
    void an_officers_words_that_end_their_sentence_get_no_second_full_stop() {
        assertThat(answer("consignee is a licensed dye maker.")).endsWith("licensed dye maker.").doesNotContain("..");
        assertThat(answer("sent by courier")).endsWith("sent by courier.");
        assertThat(answer("sent by courier")).startsWith(
                "Jonas Weber (DE, exporter desk) answered the request for information on DE-2026-00004 (inject ae-asks): ");
    }

    @Test
    void an_answer_is_answered_in_the_debrief_and_a_decision_decided() {
        assertThat(AfterActionReport.did("ANSWER")).isEqualTo("answered");
        assertThat(AfterActionReport.did("OBJECTION")).isEqualTo("decided OBJECTION");
    }

    @Test
    void a_refused_submission_names_the_notification_and_says_why() {
        var data = ProtocolJson.mapper().createObjectNode().put("participant", "Jonas Weber").put("country", "DE")
                .put("desk", "exporter").put("action", "new-notification").put("notificationId", "DE-2026-00007")
                .put("status", 400).put("refusal", "1 problem(s) in the notification; notification DE-2026-00007 is already in the outbox");
        assertThat(EventWords.of(new Event(1, Instant.EPOCH, Instant.EPOCH, Kind.ACTION, data))).isEqualTo(
                "Jonas Weber (DE, exporter desk) submitted DE-2026-00007 (refused: 1 problem(s) in the notification; "
                        + "notification DE-2026-00007 is already in the outbox).");
    }

    @Test
    void a_pace_set_while_paused_is_not_said_to_pause_the_clock() {
        var pace = ProtocolJson.mapper().createObjectNode().put("change", "pace").put("paused", true).put("minutesPerDay", 4.0)
                .put("by", "Trainer");
        assertThat(EventWords.of(new Event(1, Instant.EPOCH, Instant.EPOCH, Kind.CLOCK, pace)))
                .isEqualTo("Trainer set the clock to 4.0 minutes a day; it stays paused.");
        var resume = pace.deepCopy().put("change", "resume").put("paused", false);
        assertThat(EventWords.of(new Event(2, Instant.EPOCH, Instant.EPOCH, Kind.CLOCK, resume)))
                .isEqualTo("Trainer resumed the clock, at 4.0 minutes a day.");
        var incident = ProtocolJson.mapper().createObjectNode().put("inject", "seizure-lagos").put("kind", "INCIDENT")
                .put("notificationId", "NG-INC-2026-0001").put("by", "schedule");
        assertThat(EventWords.of(new Event(3, Instant.EPOCH, Instant.EPOCH, Kind.INJECT_FIRED, incident)))
                .isEqualTo("Inject seizure-lagos fired (on schedule): incident NG-INC-2026-0001.");
    }
}
