package org.pensim.importer.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The review queue holds what an officer can still decide: not what was decided, nor what ended without a decision. */
class ReviewQueueTest {

    @Test
    void a_notification_withdrawn_stopped_or_received_before_a_decision_leaves_the_queue(@TempDir Path dir) {
        ImporterStore store = new ImporterStore("jdbc:h2:file:" + dir.resolve("importer") + ";DB_CLOSE_DELAY=-1");
        String[] ids = {"DE-1", "DE-2", "DE-3", "DE-4", "DE-5"};
        for (int i = 0; i < ids.length; i++) {
            store.recordNotification(i + 1, ids[i], "DE", 0.1 * i, "[]", "DELIVERED", "{}");
        }
        store.recordEvent(10, "DE-1", "WITHDRAWN", false, null);
        store.recordEvent(11, "DE-2", "STOPPED", false, null);
        store.recordEvent(12, "DE-3", "NO_REPLY", false, null);
        store.decide("DE-4", "OBJECTION", "OBJECTION");
        assertThat(store.queue()).extracting(ImporterStore.Received::id).as("a late one still waits for its reply")
                .containsExactly("DE-5", "DE-3");
        assertThat(store.all()).hasSize(5);
    }
}
