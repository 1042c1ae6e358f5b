package org.pensim.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pensim.registry.TestCluster.await;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.pensim.registry.delivery.Inbox;
import org.pensim.registry.submission.StoreFirstDelivery;

/**
 * A notification is delivered once, whatever happens to the requests that submit it: its inbox entry is served
 * only once a stored record names that entry, and only the first request to store a record for an id does. An
 * entry whose request died before storing is passed once it is old; the entries of repeats, conflicts and the
 * losers of simultaneous submissions are passed at once; a request that stalled too long stores nothing.
 */
class DeliveredOnceTest {

    static TestCluster cluster;
    static AuthorityCredentials germany;
    static AuthorityCredentials india;
    static IMap<String, HazelcastJsonValue> notifications;
    static Inbox inbox;

    @BeforeAll
    static void start() throws Exception {
        cluster = new TestCluster(1).start();
        germany = cluster.enrol("DE", AuthorityRole.EXPORTING);
        india = cluster.enrol("IN", AuthorityRole.IMPORTING);
        var hz = cluster.members.get(0).hazelcast();
        notifications = RegistryMaps.map(hz, RegistryMaps.NOTIFICATIONS);
        inbox = inboxWithClock(java.time.Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    static Inbox inboxWithClock(java.time.Clock clock) {
        var hz = cluster.members.get(0).hazelcast();
        return new Inbox(RegistryMaps.map(hz, RegistryMaps.INBOX), hz.getMap(RegistryMaps.INBOX_HEADS), clock);
    }

    static SignedDocument signed(String id) {
        return new DocumentSigner(germany).sign(DocumentType.NOTIFICATION, NotificationDraft.example().set("/id", id).json());
    }

    static List<String> deliveredIds(RegistryClient reader) throws Exception {
        List<String> ids = new ArrayList<>();
        for (JsonNode e : await(reader.inbox(0, 500)).body().get("entries")) {
            ids.add(e.get("id").asText());
        }
        return ids;
    }

    static long count(List<String> ids, String id) {
        return ids.stream().filter(id::equals).count();
    }

    @Test
    void the_entry_of_a_request_that_died_before_storing_is_never_served_and_the_retry_delivers_once() throws Exception {
        RegistryClient exporter = cluster.client(0, germany);
        RegistryClient reader = cluster.client(0, india);
        // A request wrote DE-ONCE-1's inbox entry and died before storing the record.
        long stray = inbox.append("IN", AuthorityRole.IMPORTING, "NOTIFICATION", "DE-ONCE-1", "DE-ONCE-1");
        assertThat(notifications.get("DE-ONCE-1")).isNull();
        // The exporter, never answered, submits again: a new entry, which the stored record names.
        RegistryClient.Response retry = await(exporter.submit(signed("DE-ONCE-1")));
        assertThat(retry.status()).isEqualTo(201);
        assertThat(notifications.get("DE-ONCE-1").getValue()).doesNotContain("\"inboxSequence\":" + stray + ",");
        // The dead request's entry is passed at once (the record names another), not after a hole timeout.
        JsonNode page = await(reader.inbox(0, 500)).body();
        List<String> ids = new ArrayList<>();
        page.get("entries").forEach(e -> {
            ids.add(e.get("id").asText());
            assertThat(e.get("sequence").asLong()).isNotEqualTo(stray);
            assertThat(e.has("writtenAtMillis")).as("the registry's bookkeeping stays out of the API").isFalse();
        });
        assertThat(count(ids, "DE-ONCE-1")).isEqualTo(1);
        assertThat(page.get("next").asLong()).isGreaterThan(stray);
        assertThat(await(exporter.submit(signed("DE-ONCE-1"))).status()).isEqualTo(200);
        assertThat(count(deliveredIds(reader), "DE-ONCE-1")).isEqualTo(1);
    }

    @Test
    void readers_wait_at_an_entry_whose_record_may_still_come_and_pass_it_once_it_is_old() throws Exception {
        RegistryClient exporter = cluster.client(0, germany);
        RegistryClient reader = cluster.client(0, india);
        // A request wrote DE-ONCE-2's entry just now and has not stored its record (yet, or ever).
        inbox.append("IN", AuthorityRole.IMPORTING, "NOTIFICATION", "DE-ONCE-2", "DE-ONCE-2");
        assertThat(await(exporter.submit(signed("DE-ONCE-3"))).status()).isEqualTo(201);
        assertThat(deliveredIds(reader)).doesNotContain("DE-ONCE-2", "DE-ONCE-3");
        // Once the entry is older than Inbox.HOLE_TIMEOUT, no request may still name it (StoreFirstDelivery).
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> deliveredIds(reader).contains("DE-ONCE-3"));
        assertThat(deliveredIds(reader)).doesNotContain("DE-ONCE-2");
    }

    @Test
    void the_same_document_submitted_many_times_at_once_is_accepted_once_and_delivered_once() throws Exception {
        RegistryClient reader = cluster.client(0, india);
        SignedDocument doc = signed("DE-ONCE-4");
        List<java.util.concurrent.CompletableFuture<RegistryClient.Response>> answers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            RegistryClient exporter = cluster.client(0, germany);
            answers.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return await(exporter.submit(doc));
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            }));
        }
        List<RegistryClient.Response> all = answers.stream().map(java.util.concurrent.CompletableFuture::join).toList();
        assertThat(all.stream().filter(r -> r.status() == 201)).hasSize(1);
        assertThat(all.stream().filter(r -> r.status() == 200)).hasSize(7);
        assertThat(all.stream().map(RegistryClient.Response::body).distinct()).hasSize(1); // one receipt for all
        // The seven withdrawn entries hold nobody up: the next notification is readable at once.
        assertThat(await(cluster.client(0, germany).submit(signed("DE-ONCE-5"))).status()).isEqualTo(201);
        List<String> ids = deliveredIds(reader);
        assertThat(count(ids, "DE-ONCE-4")).isEqualTo(1);
        assertThat(ids).contains("DE-ONCE-5");
    }

    @Test
    void a_conflicting_document_is_refused_changes_nothing_and_holds_no_reader_up() throws Exception {
        RegistryClient exporter = cluster.client(0, germany);
        RegistryClient reader = cluster.client(0, india);
        assertThat(await(exporter.submit(signed("DE-ONCE-6"))).status()).isEqualTo(201);
        String stored = notifications.get("DE-ONCE-6").getValue();
        SignedDocument other = new DocumentSigner(germany).sign(DocumentType.NOTIFICATION,
                NotificationDraft.example().set("/id", "DE-ONCE-6").set("/parties/1/address/street", "Plot 45, Phase II, IDA Pashamylaram").json());
        RegistryClient.Response conflict = await(exporter.submit(other));
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.body().get("detail").asText()).contains("DE-ONCE-6 was already submitted with different content");
        assertThat(notifications.get("DE-ONCE-6").getValue()).isEqualTo(stored);
        assertThat(await(exporter.submit(signed("DE-ONCE-7"))).status()).isEqualTo(201);
        List<String> ids = deliveredIds(reader);
        assertThat(count(ids, "DE-ONCE-6")).isEqualTo(1);
        assertThat(ids).contains("DE-ONCE-7");
    }

    @Test
    void a_request_whose_entry_is_too_old_stores_nothing_and_the_first_record_stored_stands() {
        String record = "{\"id\":\"DE-ONCE-8\",\"inboxSequence\":41}";
        long now = System.currentTimeMillis();
        long maxAge = org.pensim.registry.delivery.Inbox.HOLE_TIMEOUT.toMillis() / 2;
        // Stalled past half the hole timeout: readers may pass the entry soon, so it must not become the delivery.
        assertThat(notifications.executeOnKey("DE-ONCE-8", new StoreFirstDelivery(record, now - maxAge - 1000, maxAge)))
                .isEqualTo(StoreFirstDelivery.ENTRY_TOO_OLD);
        assertThat(notifications.get("DE-ONCE-8")).isNull();
        assertThat(notifications.executeOnKey("DE-ONCE-8", new StoreFirstDelivery(record, now, maxAge))).isNull();
        String second = "{\"id\":\"DE-ONCE-8\",\"inboxSequence\":42}";
        assertThat(notifications.executeOnKey("DE-ONCE-8", new StoreFirstDelivery(second, now, maxAge))).isEqualTo(record);
        assertThat(notifications.get("DE-ONCE-8").getValue()).isEqualTo(record);
        notifications.delete("DE-ONCE-8");
    }

    @Test
    void the_one_durable_write_of_a_submission_is_the_delivered_record_naming_its_entry() throws Exception {
        RegistryClient exporter = cluster.client(0, germany);
        assertThat(await(exporter.submit(signed("DE-ONCE-9"))).status()).isEqualTo(201);
        var db = cluster.config(0).database();
        try (var c = java.sql.DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             var ps = c.prepareStatement("SELECT v FROM pensim_notifications WHERE k = 'DE-ONCE-9'");
             var rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
            JsonNode row = ProtocolJson.parse(rs.getString(1));
            assertThat(row.get("state").asText()).isEqualTo("DELIVERED");
            assertThat(row.get("inboxSequence").asLong()).isPositive();
            assertThat(row.get("receipt").isObject()).isTrue();
        }
    }

    @Test
    void an_entry_s_age_is_judged_in_wall_time_whatever_the_registry_s_clock_does() {
        // An exercise's clock runs 720 times faster, or stands still: a writer's death or stall still takes real time.
        var hz = cluster.members.get(0).hazelcast();
        java.time.Clock standingStill = java.time.Clock.fixed(java.time.Instant.parse("2026-01-01T00:00:00Z"), java.time.ZoneOffset.UTC);
        Inbox exercise = new Inbox(RegistryMaps.map(hz, RegistryMaps.INBOX), hz.getMap(RegistryMaps.INBOX_HEADS), standingStill);
        long now = System.currentTimeMillis();
        JsonNode stalled = ProtocolJson.mapper().createObjectNode().put("deliveredAt", "2026-01-01T00:00:00Z")
                .put("writtenAtMillis", now - Inbox.HOLE_TIMEOUT.toMillis() - 1000);
        JsonNode fresh = ProtocolJson.mapper().createObjectNode().put("deliveredAt", "2025-01-01T00:00:00Z")
                .put("writtenAtMillis", now);
        assertThat(exercise.olderThanHoleTimeout(stalled)).isTrue();
        assertThat(exercise.olderThanHoleTimeout(fresh)).isFalse();
        // Entries rebuilt from records after a cold restart carry no wall time: judged by their delivery time.
        JsonNode rebuilt = ProtocolJson.mapper().createObjectNode().put("deliveredAt", "2025-12-31T23:59:00Z");
        assertThat(exercise.olderThanHoleTimeout(rebuilt)).isTrue();
    }
}
