package org.pensim.importer.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The review queue holds what an officer can still decide: not what was decided, nor what ended without a decision. */
class ReviewQueueTest {

    @Test
    void a_notification_shipped_withdrawn_or_stopped_without_a_decision_leaves_the_queue(@TempDir Path dir) {
        try (ImporterStore store = new ImporterStore("jdbc:h2:file:" + dir.resolve("importer") + ";DB_CLOSE_DELAY=-1")) {
            queueAfterEndings(store);
        }
    }

    private static void queueAfterEndings(ImporterStore store) {
        String[] ids = {"DE-1", "DE-2", "DE-3", "DE-4", "DE-5", "DE-6"};
        for (int i = 0; i < ids.length; i++) {
            store.recordNotification(i + 1, ids[i], "DE", 0.1 * i, "[]", "DELIVERED", "{}");
        }
        store.recordEvent(10, "DE-1", "WITHDRAWN", false, null);
        store.recordEvent(11, "DE-2", "STOPPED", false, null);
        store.recordEvent(12, "DE-3", "NO_REPLY", false, null);
        store.decide("DE-4", "OBJECTION", "OBJECTION");
        store.recordEvent(13, "DE-6", "SHIPPED", false, null); // voluntary, or shipped after the deadline passed
        assertThat(store.queue()).extracting(ImporterStore.Received::id).as("a late one still waits for its reply")
                .containsExactly("DE-5", "DE-3");
        assertThat(store.all()).hasSize(6);
    }
}
