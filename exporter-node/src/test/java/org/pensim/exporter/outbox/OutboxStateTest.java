package org.pensim.exporter.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Where a notification stands on the exporting desk, in a real H2 outbox: SUBMITTED until the registry's receipt,
 * DELIVERED with it (the registry stores a notification delivered before it answers, and the importing desk already
 * shows it), and an importing authority's answer recorded before the receipt is not moved back.
 */
class OutboxStateTest {

    @Test
    void the_receipt_means_delivered_and_a_later_answer_stays() {
        try (Outbox outbox = new Outbox("jdbc:h2:mem:outbox-state-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1")) {
            outbox.add("DE-1", "{}", 0);
            outbox.add("DE-2", "{}", 0);
            assertThat(state(outbox, "DE-1")).isEqualTo("SUBMITTED");

            outbox.acknowledged("DE-1", "{\"receipt\":1}");
            assertThat(state(outbox, "DE-1")).isEqualTo("DELIVERED");

            outbox.state("DE-2", "NO_OBJECTION"); // the reply's event came first
            outbox.acknowledged("DE-2", "{\"receipt\":2}");
            assertThat(state(outbox, "DE-2")).isEqualTo("NO_OBJECTION");
            assertThat(outbox.all()).allMatch(e -> e.status().equals("ACKNOWLEDGED"));
        }
    }

    private static String state(Outbox outbox, String id) {
        return outbox.all().stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow().state();
    }
}
