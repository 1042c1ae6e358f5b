package org.pensim.protocol.desk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.pensim.protocol.json.ProtocolJson;

class NotificationViewTest {

    static ObjectNode row(String deadline, String state, String today) {
        ObjectNode doc = ProtocolJson.mapper().createObjectNode().put("replyDeadline", deadline);
        ObjectNode row = ProtocolJson.mapper().createObjectNode();
        NotificationView.deadline(row, doc, state, LocalDate.parse(today));
        return row;
    }

    @Test
    void a_deadline_is_near_in_its_last_days_and_overdue_after_while_a_reply_is_awaited() {
        assertThat(row("2026-03-10", "DELIVERED", "2026-03-05").path("near").asBoolean()).isFalse();
        assertThat(row("2026-03-10", "DELIVERED", "2026-03-08").path("near").asBoolean()).isTrue();
        assertThat(row("2026-03-10", "DELIVERED", "2026-03-10").path("daysLeft").asInt()).isZero();
        ObjectNode late = row("2026-03-10", "DELIVERED", "2026-03-12");
        assertThat(late.path("overdue").asBoolean()).isTrue();
        assertThat(late.path("daysLeft").asInt()).isEqualTo(-2);
        assertThat(row("2026-03-10", "NO_REPLY", "2026-03-12").path("overdue").asBoolean())
                .as("the registry recorded the deadline passed: the reply is still awaited, and late").isTrue();
    }

    @Test
    void a_deadline_restarted_by_an_answer_replaces_the_one_the_document_gave() {
        ObjectNode doc = ProtocolJson.mapper().createObjectNode().put("issuedAt", "2026-03-02T08:00:00Z")
                .put("replyDeadline", "2026-03-05");
        ObjectNode row = ProtocolJson.mapper().createObjectNode();
        NotificationView.deadline(row, doc, "DELIVERED", LocalDate.parse("2026-03-06"), "2026-03-20");
        assertThat(row.path("replyDeadline").asText()).isEqualTo("2026-03-20");
        assertThat(row.path("daysLeft").asInt()).isEqualTo(14);
        assertThat(row.path("overdue").asBoolean()).isFalse();
        NotificationView.deadline(row, doc, "DELIVERED", LocalDate.parse("2026-03-06"), null);
        assertThat(row.path("overdue").asBoolean()).as("without an answer, the document's").isTrue();
    }

    @Test
    void the_notice_before_a_short_deadline_is_scaled_to_the_time_it_gave() {
        // Three days to reply (an exercise): the last day only; fifteen working days: the last two.
        ObjectNode shortDoc = ProtocolJson.mapper().createObjectNode().put("issuedAt", "2026-03-02T08:00:00Z")
                .put("replyDeadline", "2026-03-05");
        ObjectNode row = ProtocolJson.mapper().createObjectNode();
        NotificationView.deadline(row, shortDoc, "DELIVERED", LocalDate.parse("2026-03-03"));
        assertThat(row.path("near").asBoolean()).as("two days left of three").isFalse();
        NotificationView.deadline(row, shortDoc, "DELIVERED", LocalDate.parse("2026-03-05"));
        assertThat(row.path("near").asBoolean()).as("the day itself").isTrue();
        ObjectNode longDoc = ProtocolJson.mapper().createObjectNode().put("issuedAt", "2026-03-02T08:00:00Z")
                .put("replyDeadline", "2026-03-23");
        NotificationView.deadline(row, longDoc, "DELIVERED", LocalDate.parse("2026-03-21"));
        assertThat(row.path("near").asBoolean()).as("two days left of twenty-one").isTrue();
        NotificationView.deadline(row, longDoc, "DELIVERED", LocalDate.parse("2026-03-20"));
        assertThat(row.path("near").asBoolean()).isFalse();
    }

    @Test
    void once_answered_or_waiting_on_the_exporter_a_deadline_is_neither_near_nor_overdue() {
        for (String state : new String[] {"NO_OBJECTION", "OBJECTION", "INFO_REQUESTED", "SHIPPED", "WITHDRAWN"}) {
            ObjectNode r = row("2026-03-10", state, "2026-03-12");
            assertThat(r.path("overdue").asBoolean()).as(state).isFalse();
            assertThat(r.path("near").asBoolean()).as(state).isFalse();
        }
        assertThat(row(null, "DELIVERED", "2026-03-12").has("daysLeft")).as("voluntary: no deadline").isFalse();
    }

    @Test
    void the_standard_reasons_are_shipped_for_each_kind() {
        assertThat(StandardReasons.all()).containsKeys("OBJECTION", "INFO_REQUESTED", "WITHDRAW");
        assertThat(StandardReasons.all().get("OBJECTION")).isNotEmpty().allSatisfy(r -> assertThat(r).isNotBlank());
    }
}
