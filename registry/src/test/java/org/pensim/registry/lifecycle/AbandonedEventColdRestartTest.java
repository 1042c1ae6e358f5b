package org.pensim.registry.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pensim.registry.TestCluster.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.hazelcast.core.HazelcastJsonValue;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.pensim.protocol.canonical.JsonCanonicalizer;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.protocol.lifecycle.Decision;
import org.pensim.protocol.lifecycle.EventType;
import org.pensim.protocol.lifecycle.LifecycleEvent;
import org.pensim.protocol.pki.AuthorityCredentials;
import org.pensim.protocol.pki.AuthorityRole;
import org.pensim.protocol.pki.Crypto;
import org.pensim.protocol.signing.DocumentSigner;
import org.pensim.protocol.signing.DocumentType;
import org.pensim.protocol.signing.SignedDocument;
import org.pensim.protocol.testing.NotificationDraft;
import org.pensim.registry.TestCluster;
import org.pensim.registry.cluster.RegistryMaps;
import org.pensim.registry.delivery.Inbox;

/**
 * An event whose state change was stored but whose request died before delivering it is delivered by the registry
 * (EventIntake.completeAbandoned), however long the registry was down. Its intent used to live in memory only, so a
 * cold restart of every member in that moment left the state moved and the other party never told; and it was checked
 * again at completion, so a signer's certificate that expired in the meantime left it undelivered too.
 */
class AbandonedEventColdRestartTest {

    @Test
    void an_event_applied_but_not_delivered_before_every_member_stopped_is_delivered_after_the_cold_restart() throws Exception {
        try (TestCluster cluster = new TestCluster(1).start()) {
            AuthorityCredentials germany = cluster.enrol("DE", AuthorityRole.EXPORTING);
            AuthorityCredentials india = cluster.enrol("IN", AuthorityRole.IMPORTING);
            assertThat(await(cluster.client(0, germany).submit(new DocumentSigner(germany).sign(DocumentType.NOTIFICATION,
                    NotificationDraft.example().set("/id", "DE-COLD-EVT-1").json()))).status()).isEqualTo(201);
            SignedDocument objection = new DocumentSigner(india).sign(DocumentType.EVENT, LifecycleEvent.reply("IN-COLD-EVT-1",
                    "DE-COLD-EVT-1", Instant.now().truncatedTo(ChronoUnit.SECONDS), "IN", Decision.OBJECTION,
                    List.of("consignee unknown")));
            String sha = Crypto.hex(Crypto.sha256(JsonCanonicalizer.signable().canonicalize(objection.document())));
            // What the request left when every member stopped: its intent (just written, so the running member's sweep
            // leaves it alone) and the state moved, nothing delivered.
            var member = cluster.members.get(0).hazelcast();
            RegistryMaps.map(member, RegistryMaps.EVENT_INTENTS).set("IN-COLD-EVT-1/" + sha, new HazelcastJsonValue(
                    ProtocolJson.mapper().createObjectNode().put("notificationId", "DE-COLD-EVT-1")
                            .put("writtenAtMillis", System.currentTimeMillis()).set("envelope", objection.toJson()).toString()));
            assertThat(RegistryMaps.map(member, RegistryMaps.NOTIFICATIONS).executeOnKey("DE-COLD-EVT-1",
                    new NotificationRecords.ApplyEvent("IN-COLD-EVT-1", sha, EventType.REPLY, Decision.OBJECTION,
                            AuthorityRole.IMPORTING, Instant.now().toString()))).contains("\"accepted\":true");

            cluster.stopAll();
            cluster.restart(0);
            cluster.awaitSize(1);

            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .until(() -> eventsDeliveredTo(cluster, germany).contains("IN-COLD-EVT-1"));
            assertThat(eventsDeliveredTo(cluster, germany)).containsOnlyOnce("IN-COLD-EVT-1");
            var restarted = cluster.members.get(0).hazelcast();
            assertThat(ProtocolJson.parse(RegistryMaps.map(restarted, RegistryMaps.NOTIFICATIONS).get("DE-COLD-EVT-1")
                    .getValue()).path("state").asText()).isEqualTo("OBJECTION");
            Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> RegistryMaps.map(restarted, RegistryMaps.EVENT_INTENTS).isEmpty());
        }
    }

    @Test
    void an_event_accepted_before_its_signers_certificate_expired_is_delivered_after_it_expired() throws Exception {
        MovableClock clock = new MovableClock();
        try (TestCluster cluster = new TestCluster(1)) {
            cluster.clock = clock;
            cluster.start();
            AuthorityCredentials germany = cluster.enrol("DE", AuthorityRole.EXPORTING);
            AuthorityCredentials india = cluster.enrol("IN", AuthorityRole.IMPORTING);
            assertThat(await(cluster.client(0, germany).submit(new DocumentSigner(germany).sign(DocumentType.NOTIFICATION,
                    NotificationDraft.example().set("/id", "DE-OLD-CERT-1").json()))).status()).isEqualTo(201);
            Instant accepted = clock.instant();
            SignedDocument objection = new DocumentSigner(india).sign(DocumentType.EVENT, LifecycleEvent.reply("IN-OLD-CERT-1",
                    "DE-OLD-CERT-1", accepted.truncatedTo(ChronoUnit.SECONDS), "IN", Decision.OBJECTION,
                    List.of("consignee unknown")));
            String sha = Crypto.hex(Crypto.sha256(JsonCanonicalizer.signable().canonicalize(objection.document())));
            var member = cluster.members.get(0).hazelcast();
            // Accepted and applied; the sweep takes it up about two seconds from now, once the registry's clock has
            // passed the end of India's certificate (as after a long outage).
            RegistryMaps.map(member, RegistryMaps.EVENT_INTENTS).set("IN-OLD-CERT-1/" + sha, new HazelcastJsonValue(
                    ProtocolJson.mapper().createObjectNode().put("notificationId", "DE-OLD-CERT-1")
                            .put("writtenAtMillis", System.currentTimeMillis() - Inbox.HOLE_TIMEOUT.toMillis() + 2000)
                            .put("acceptedAt", accepted.toString()).set("envelope", objection.toJson()).toString()));
            assertThat(RegistryMaps.map(member, RegistryMaps.NOTIFICATIONS).executeOnKey("DE-OLD-CERT-1",
                    new NotificationRecords.ApplyEvent("IN-OLD-CERT-1", sha, EventType.REPLY, Decision.OBJECTION,
                            AuthorityRole.IMPORTING, accepted.toString()))).contains("\"accepted\":true");
            clock.offset = Duration.ofDays(cluster.config(0).authority().certificateDays() + 30L);

            Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                    .until(() -> RegistryMaps.map(member, RegistryMaps.EVENT_INTENTS).isEmpty());
            assertThat(RegistryMaps.map(member, RegistryMaps.EVENTS).containsKey("IN-OLD-CERT-1"))
                    .as("delivered, not dropped as signed with an expired certificate").isTrue();
            clock.offset = Duration.ZERO;
            assertThat(eventsDeliveredTo(cluster, germany)).containsOnlyOnce("IN-OLD-CERT-1");
        }
    }

    /** The registry's clock, moved forward by the test. */
    private static final class MovableClock extends java.time.Clock {
        volatile Duration offset = Duration.ZERO;

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }
    }

    private static List<String> eventsDeliveredTo(TestCluster cluster, AuthorityCredentials reader) throws Exception {
        List<String> ids = new ArrayList<>();
        for (JsonNode e : await(cluster.client(0, reader).inbox(0, 100)).body().get("entries")) {
            if (e.get("kind").asText().equals("EVENT")) {
                ids.add(e.get("id").asText());
            }
        }
        return ids;
    }
}
