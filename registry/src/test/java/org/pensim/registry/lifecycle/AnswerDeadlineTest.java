package org.pensim.registry.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastJsonValue;
import java.util.AbstractMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.protocol.lifecycle.EventType;
import org.pensim.protocol.pki.AuthorityRole;

/** Issue 20, item 2: after the exporter's answer the importing authority's time to reply runs again. */
class AnswerDeadlineTest {

    static Map.Entry<String, HazelcastJsonValue> record(String state) {
        return new AbstractMap.SimpleEntry<>("DE-1", new HazelcastJsonValue("{\"state\":\"" + state
                + "\",\"channel\":\"FULL\",\"replyDeadline\":\"2026-03-01\",\"events\":[]}"));
    }

    @Test
    void an_answer_moves_the_notification_back_to_delivered_with_the_new_deadline() throws Exception {
        var entry = record("INFO_REQUESTED");
        String outcome = new NotificationRecords.ApplyEvent("DE-A-1", "sha", EventType.ANSWER, null, AuthorityRole.EXPORTING,
                "2026-03-05T10:00:00Z", "2026-03-26").process(entry);
        assertThat(ProtocolJson.parse(outcome).path("state").asText()).isEqualTo("DELIVERED");
        var stored = ProtocolJson.parse(entry.getValue().toString());
        assertThat(stored.path("replyDeadline").asText()).isEqualTo("2026-03-26");
        assertThat(stored.at("/events/0/replyDeadline").asText()).isEqualTo("2026-03-26");
    }

    @Test
    void other_events_leave_the_deadline_alone() throws Exception {
        var entry = record("DELIVERED");
        new NotificationRecords.ApplyEvent("DE-W-1", "sha", EventType.WITHDRAW, null, AuthorityRole.EXPORTING,
                "2026-03-05T10:00:00Z", "2026-03-26").process(entry);
        assertThat(ProtocolJson.parse(entry.getValue().toString()).path("replyDeadline").asText()).isEqualTo("2026-03-01");
    }
}
