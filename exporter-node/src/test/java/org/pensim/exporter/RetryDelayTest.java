package org.pensim.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.registry.client.RegistryClient;

/** When the exporting authority's outbox tries a notification again. */
class RetryDelayTest {

    static RegistryClient.Response answer(int status, int retryAfterSeconds) {
        return new RegistryClient.Response(status, ProtocolJson.mapper().createObjectNode().put("status", status)
                .put("retryAfterSeconds", retryAfterSeconds));
    }

    @Test
    void backs_off_exponentially_within_its_bounds_when_the_registry_cannot_be_reached() {
        assertThat(ExporterNode.retryDelayMillis(1, 500, 60_000, null)).isEqualTo(500);
        assertThat(ExporterNode.retryDelayMillis(2, 500, 60_000, null)).isEqualTo(1_000);
        assertThat(ExporterNode.retryDelayMillis(4, 500, 60_000, null)).isEqualTo(4_000);
        assertThat(ExporterNode.retryDelayMillis(40, 500, 60_000, null)).isEqualTo(60_000);
    }

    @Test
    void never_retries_before_the_registrys_retry_after_when_it_pushes_back() {
        assertThat(ExporterNode.retryDelayMillis(1, 500, 60_000, answer(503, 7))).isEqualTo(7_000);
        assertThat(ExporterNode.retryDelayMillis(1, 500, 60_000, answer(429, 3))).isEqualTo(3_000);
        // Its own backoff, when longer, still holds.
        assertThat(ExporterNode.retryDelayMillis(6, 500, 60_000, answer(503, 1))).isEqualTo(16_000);
        // Only a push-back's Retry-After counts.
        assertThat(ExporterNode.retryDelayMillis(1, 500, 60_000, answer(500, 7))).isEqualTo(500);
    }

    @Test
    void the_retry_after_header_counts_when_the_answer_arrived_without_its_body() {
        RegistryClient.Response headerOnly = new RegistryClient.Response(503, ProtocolJson.mapper().createObjectNode(), 9);
        assertThat(ExporterNode.retryDelayMillis(1, 500, 60_000, headerOnly)).isEqualTo(9_000);
    }
}
