package org.pensim.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pensim.registry.TestCluster.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.pensim.protocol.pki.AuthorityCredentials;
import org.pensim.protocol.pki.AuthorityRole;
import org.pensim.protocol.signing.DocumentSigner;
import org.pensim.protocol.signing.DocumentType;
import org.pensim.protocol.testing.NotificationDraft;
import org.pensim.registry.client.RegistryClient;

/** A reply deadline that passes in silence moves the notification to NO_REPLY and tells both sides. */
class DeadlineWatchTest {

    @Test
    void a_silent_deadline_becomes_no_reply_with_a_registry_signed_event_in_both_inboxes() throws Exception {
        try (TestCluster cluster = new TestCluster(2)) {
            // The example's deadline is 2026-12-11; the registry's clock runs 60 days ahead of today.
            cluster.clock = Clock.offset(Clock.systemUTC(), Duration.ofDays(60));
            cluster.start();
            AuthorityCredentials germany = cluster.enrol("DE", AuthorityRole.EXPORTING);
            AuthorityCredentials india = cluster.enrol("IN", AuthorityRole.IMPORTING);
            RegistryClient exporter = cluster.client(0, germany);
            assertThat(await(exporter.submit(new DocumentSigner(germany).sign(DocumentType.NOTIFICATION,
                    NotificationDraft.example().set("/id", "DE-LATE-1").json()))).status()).isEqualTo(201);
            Awaitility.await().atMost(Duration.ofSeconds(15)).until(() ->
                    "NO_REPLY".equals(await(exporter.notification("DE-LATE-1")).body().get("state").asText()));
            // The state changes first; the event reaches both inboxes right after.
            Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> !await(exporter.inbox(0, 10)).body()
                    .get("entries").isEmpty() && !await(cluster.client(1, india).inbox(0, 10)).body().get("entries").isEmpty());
            JsonNode exporterInbox = await(exporter.inbox(0, 10)).body().get("entries");
            assertThat(exporterInbox).anySatisfy(e -> {
                assertThat(e.get("kind").asText()).isEqualTo("EVENT");
                assertThat(e.at("/envelope/document/type").asText()).isEqualTo("DEADLINE_PASSED");
                assertThat(e.at("/envelope/document/issuerRole").asText()).isEqualTo("OPERATOR");
            });
            JsonNode importerInbox = await(cluster.client(1, india).inbox(0, 10)).body().get("entries");
            assertThat(importerInbox).anySatisfy(e -> assertThat(e.at("/envelope/document/type").asText())
                    .isEqualTo("DEADLINE_PASSED"));
            // Only once, although both members keep checking every second.
            Awaitility.await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(10))
                    .until(() -> await(exporter.inbox(0, 10)).body().get("entries").size() == 1);
        }
    }
}
