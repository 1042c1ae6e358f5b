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
}
