package org.pensim.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pensim.registry.TestCluster.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.awaitility.Awaitility;
import org.pensim.registry.client.RegistryClient;
import org.pensim.registry.delivery.Inbox;

/**
 * Reads an inbox as an importing authority does: from its cursor, page after page, and again later when what
 * it expects is not there yet. After a stop or a crash cut requests off, a page stops at a sequence whose
 * writer never finished until the entry after it is {@link Inbox#HOLE_TIMEOUT} old, so one pass is not enough.
 */
final class ImporterInbox {

    private ImporterInbox() {
    }

    /** Every entry read, withdrawn ones left out, in inbox order, once all {@code expected} ids are among them. */
    static List<JsonNode> readUntilDelivered(RegistryClient reader, Collection<String> expected) {
        List<JsonNode> entries = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        java.util.Set<Long> sequences = new java.util.HashSet<>();
        List<Long> repeated = new ArrayList<>();
        long[] cursor = {0};
        Awaitility.await().atMost(Inbox.HOLE_TIMEOUT.plusSeconds(50)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    while (true) {
                        JsonNode page = await(reader.inbox(cursor[0], 500)).body();
                        for (JsonNode e : page.get("entries")) {
                            if (!sequences.add(e.get("sequence").asLong())) {
                                repeated.add(e.get("sequence").asLong());
                            }
                            if (!Inbox.isWithdrawn(e)) {
                                entries.add(e);
                                ids.add(e.get("id").asText());
                            }
                        }
                        long next = page.get("next").asLong();
                        if (next == cursor[0]) {
                            assertThat(ids).containsAll(expected);
                            return;
                        }
                        cursor[0] = next;
                    }
                });
        // Checked after the wait, which would otherwise retry past it.
        assertThat(repeated).as("sequences read twice").isEmpty();
        return entries;
    }

    /** The ids of {@link #readUntilDelivered}, in inbox order. */
    static List<String> idsUntilDelivered(RegistryClient reader, Collection<String> expected) {
        return readUntilDelivered(reader, expected).stream().map(e -> e.get("id").asText()).toList();
    }
}
