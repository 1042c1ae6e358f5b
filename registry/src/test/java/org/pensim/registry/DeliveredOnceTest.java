package org.pensim.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pensim.registry.TestCluster.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.protocol.pki.AuthorityCredentials;
import org.pensim.protocol.pki.AuthorityRole;
import org.pensim.protocol.signing.DocumentSigner;
import org.pensim.protocol.signing.DocumentType;
import org.pensim.protocol.signing.SignedDocument;
import org.pensim.protocol.testing.NotificationDraft;
import org.pensim.registry.client.RegistryClient;
import org.pensim.registry.cluster.RegistryMaps;

/**
 * A notification is delivered once even when its first submission died half way: the retry finds the
 * claim, waits for a live one to finish, and takes over a dead one, delivering it exactly once.
 */
class DeliveredOnceTest {

    static TestCluster cluster;
    static AuthorityCredentials germany;
    static AuthorityCredentials india;
    static IMap<String, HazelcastJsonValue> notifications;
    static IMap<String, HazelcastJsonValue> inbox;

    @BeforeAll
    static void start() throws Exception {
        cluster = new TestCluster(1).start();
        germany = cluster.enrol("DE", AuthorityRole.EXPORTING);
        india = cluster.enrol("IN", AuthorityRole.IMPORTING);
        notifications = RegistryMaps.map(cluster.members.get(0).hazelcast(), RegistryMaps.NOTIFICATIONS);
        inbox = RegistryMaps.map(cluster.members.get(0).hazelcast(), RegistryMaps.INBOX);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    static SignedDocument signed(String id) {
        return new DocumentSigner(germany).sign(DocumentType.NOTIFICATION, NotificationDraft.example().set("/id", id).json());
    }

    /** Turns a delivered record back into the claim of a request that died before delivering. */
    static void makeDeadClaim(String id, long claimedAtMillis) throws java.io.IOException {
        ObjectNode record = (ObjectNode) ProtocolJson.parse(notifications.get(id).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        inbox.delete("IN:IMPORTING:" + String.format("%012d", record.get("inboxSequence").asLong()));
        record.put("state", "SUBMITTED").put("claimedAtMillis", claimedAtMillis);
        record.remove(List.of("inboxSequence", "deliveredAt", "events"));
        notifications.set(id, new HazelcastJsonValue(record.toString()));
    }

    static List<String> deliveredIds(RegistryClient reader) throws Exception {
        List<String> ids = new ArrayList<>();
        for (JsonNode e : await(reader.inbox(0, 500)).body().get("entries")) {
            ids.add(e.get("id").asText());
        }
        return ids;
    }

    @Test
    void a_retry_takes_over_a_claim_whose_request_died_and_delivers_it_once() throws Exception {
        RegistryClient exporter = cluster.client(0, germany);
        RegistryClient reader = cluster.client(0, india);
        SignedDocument doc = signed("DE-ONCE-1");
        RegistryClient.Response first = await(exporter.submit(doc));
        assertThat(first.status()).isEqualTo(201);
        makeDeadClaim("DE-ONCE-1", System.currentTimeMillis() - 60_000);
        assertThat(deliveredIds(reader)).doesNotContain("DE-ONCE-1");

        RegistryClient.Response retry = await(exporter.submit(doc));
        assertThat(retry.status()).isEqualTo(200);
        // A receipt of its own (the first one never reached the exporter), for the same document.
        assertThat(retry.body().at("/document/notificationId").asText()).isEqualTo("DE-ONCE-1");
        assertThat(retry.body().at("/document/sha256").asText()).isEqualTo(first.body().at("/document/sha256").asText());
        assertThat(await(reader.notification("DE-ONCE-1")).body().get("state").asText()).isEqualTo("DELIVERED");
        assertThat(await(exporter.submit(doc)).status()).isEqualTo(200);
        // Readers pass the gap the dead request left once it is older than Inbox.HOLE_TIMEOUT.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> deliveredIds(reader).contains("DE-ONCE-1"));
        assertThat(deliveredIds(reader).stream().filter("DE-ONCE-1"::equals).count()).isEqualTo(1);
    }

    @Test
    void a_retry_waits_for_a_live_claim_instead_of_delivering_again() throws Exception {
        RegistryClient exporter = cluster.client(0, germany);
        RegistryClient reader = cluster.client(0, india);
        SignedDocument doc = signed("DE-ONCE-2");
        RegistryClient.Response first = await(exporter.submit(doc));
        HazelcastJsonValue delivered = notifications.get("DE-ONCE-2");
        // The first request is "still at work": its claim is fresh, and it finishes a moment later.
        makeDeadClaim("DE-ONCE-2", System.currentTimeMillis());
        HazelcastJsonValue claim = notifications.get("DE-ONCE-2");
        Thread finisher = new Thread(() -> {
            try {
                Thread.sleep(800);
            } catch (InterruptedException ignored) {
                return;
            }
            notifications.replace("DE-ONCE-2", claim, delivered);
        });
        finisher.start();
        RegistryClient.Response retry = await(exporter.submit(doc));
        finisher.join();
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.body()).isEqualTo(first.body());
        // No second delivery: the only inbox entry was the first request's (withdrawn by makeDeadClaim).
        assertThat(deliveredIds(reader)).doesNotContain("DE-ONCE-2");
    }

    @Test
    void a_claim_stays_in_the_cluster_and_only_the_delivered_record_reaches_the_database() throws Exception {
        RegistryClient exporter = cluster.client(0, germany);
        assertThat(await(exporter.submit(signed("DE-ONCE-3"))).status()).isEqualTo(201);
        HazelcastJsonValue claim = new HazelcastJsonValue(ProtocolJson.mapper().createObjectNode().put("id", "DE-ONCE-4")
                .put("sha256", "00").put("state", "SUBMITTED").put("claimedAtMillis", System.currentTimeMillis()).toString());
        assertThat(org.pensim.registry.lifecycle.NotificationRecords.isClaim(claim)).isTrue();
        assertThat(org.pensim.registry.lifecycle.NotificationRecords.isClaim(notifications.get("DE-ONCE-3"))).isFalse();
        notifications.putIfAbsent("DE-ONCE-4", claim);
        var db = cluster.config(0).database();
        try (var c = java.sql.DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             var ps = c.prepareStatement("SELECT k, v FROM pensim_notifications WHERE k IN ('DE-ONCE-3', 'DE-ONCE-4')");
             var rs = ps.executeQuery()) {
            List<String> stored = new ArrayList<>();
            while (rs.next()) {
                stored.add(rs.getString(1));
                assertThat(rs.getString(2)).contains("\"state\":\"DELIVERED\"");
            }
            assertThat(stored).containsExactly("DE-ONCE-3");
        } finally {
            notifications.delete("DE-ONCE-4");
        }
    }

    @Test
    void an_entry_left_by_a_request_whose_claim_was_taken_over_is_never_served_and_never_stalls_readers() throws Exception {
        RegistryClient exporter = cluster.client(0, germany);
        RegistryClient reader = cluster.client(0, india);
        assertThat(await(exporter.submit(signed("DE-ONCE-5"))).status()).isEqualTo(201);
        // What a slow first request leaves when a retry took its claim over and delivered: a second entry
        // for the same notification, which the record does not name (its withdrawal may come too late
        // for a reader that is already there).
        var hz = cluster.members.get(0).hazelcast();
        org.pensim.registry.delivery.Inbox inbox = new org.pensim.registry.delivery.Inbox(
                RegistryMaps.map(hz, RegistryMaps.INBOX), hz.getMap(RegistryMaps.INBOX_HEADS), java.time.Clock.systemUTC());
        long stray = inbox.append("IN", AuthorityRole.IMPORTING, "NOTIFICATION", "DE-ONCE-5", "DE-ONCE-5");
        assertThat(await(exporter.submit(signed("DE-ONCE-6"))).status()).isEqualTo(201);
        JsonNode page = await(reader.inbox(0, 500)).body();
        List<String> ids = new ArrayList<>();
        page.get("entries").forEach(e -> ids.add(e.get("id").asText()));
        assertThat(ids.stream().filter("DE-ONCE-5"::equals).count()).isEqualTo(1);
        assertThat(ids).contains("DE-ONCE-6"); // read past the stray entry at once, not after a hole timeout
        assertThat(page.get("next").asLong()).isGreaterThan(stray);
        page.get("entries").forEach(e -> assertThat(e.get("sequence").asLong()).isNotEqualTo(stray));
    }

    @Test
    void an_abandoned_claim_holds_readers_until_it_is_rolled_back_and_a_retry_then_delivers_it_once() throws Exception {
        RegistryClient exporter = cluster.client(0, germany);
        RegistryClient reader = cluster.client(0, india);
        // A request claimed DE-ONCE-7 five seconds ago, wrote its inbox entry (dated a minute back, so
        // that it is older than the hole timeout), and died before completing the record.
        notifications.set("DE-ONCE-7", new HazelcastJsonValue(ProtocolJson.mapper().createObjectNode().put("id", "DE-ONCE-7")
                .put("sha256", "00").put("state", "SUBMITTED").put("claimedAtMillis", System.currentTimeMillis() - 5_000)
                .put("claimToken", 7).toString()));
        var hz = cluster.members.get(0).hazelcast();
        new org.pensim.registry.delivery.Inbox(RegistryMaps.map(hz, RegistryMaps.INBOX), hz.getMap(RegistryMaps.INBOX_HEADS),
                java.time.Clock.offset(java.time.Clock.systemUTC(), java.time.Duration.ofMinutes(-1)))
                .append("IN", AuthorityRole.IMPORTING, "NOTIFICATION", "DE-ONCE-7", "DE-ONCE-7");
        assertThat(await(exporter.submit(signed("DE-ONCE-8"))).status()).isEqualTo(201);
        // The claim may yet be completed, so readers wait at its entry however old the entry is...
        assertThat(deliveredIds(reader)).doesNotContain("DE-ONCE-7", "DE-ONCE-8");
        // ...until it is rolled back as abandoned; then they pass its entry, which is never served.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .until(() -> deliveredIds(reader).contains("DE-ONCE-8"));
        assertThat(notifications.get("DE-ONCE-7")).isNull();
        assertThat(deliveredIds(reader)).doesNotContain("DE-ONCE-7");
        // The exporter's retry finds nothing claimed and delivers it, once.
        assertThat(await(exporter.submit(signed("DE-ONCE-7"))).status()).isEqualTo(201);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> deliveredIds(reader).contains("DE-ONCE-7"));
        assertThat(deliveredIds(reader).stream().filter("DE-ONCE-7"::equals).count()).isEqualTo(1);
    }
}
