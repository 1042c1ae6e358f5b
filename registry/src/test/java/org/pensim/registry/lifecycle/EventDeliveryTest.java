package org.pensim.registry.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pensim.registry.TestCluster.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.hazelcast.core.HazelcastInstance;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import com.hazelcast.core.HazelcastJsonValue;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
import org.pensim.registry.cluster.Departures;
import org.pensim.registry.cluster.RegistryMaps;
import org.pensim.registry.delivery.Inbox;

/**
 * A lifecycle event moves the notification's state in one write and reaches the other party in others. A request
 * that died in between (its member killed) left the state moved and the other party never told: the importer's
 * retry was answered "duplicate" and delivered nothing. A repeat now completes the delivery, and delivers once.
 */
class EventDeliveryTest {

    private static TestCluster cluster;
    private static AuthorityCredentials germany;
    private static AuthorityCredentials india;

    @BeforeAll
    static void start() throws Exception {
        cluster = new TestCluster(1).start();
        germany = cluster.enrol("DE", AuthorityRole.EXPORTING);
        india = cluster.enrol("IN", AuthorityRole.IMPORTING);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void a_repeat_delivers_an_event_whose_first_request_died_after_moving_the_state() throws Exception {
        submitNotification("DE-EVD-1");
        SignedDocument objection = objection("IN-EVD-1", "DE-EVD-1");
        // What the first request did before its member died: the state moved, nothing stored or delivered.
        String outcome = notifications().executeOnKey("DE-EVD-1", new NotificationRecords.ApplyEvent("IN-EVD-1",
                sha256(objection), EventType.REPLY, Decision.OBJECTION, AuthorityRole.IMPORTING, Instant.now().toString()));
        assertThat(outcome).contains("\"accepted\":true");

        var retry = await(cluster.client(0, india).event("DE-EVD-1", objection));
        assertThat(retry.status()).as(retry.body().toString()).isEqualTo(200);
        assertThat(retry.body().get("state").asText()).isEqualTo("OBJECTION");
        assertThat(eventsDeliveredToGermany()).containsOnlyOnce("IN-EVD-1");
    }

    @Test
    void an_entry_left_by_a_request_that_died_before_storing_the_event_is_not_served_beside_the_repeat() throws Exception {
        submitNotification("DE-EVD-2");
        SignedDocument objection = objection("IN-EVD-2", "DE-EVD-2");
        notifications().executeOnKey("DE-EVD-2", new NotificationRecords.ApplyEvent("IN-EVD-2", sha256(objection),
                EventType.REPLY, Decision.OBJECTION, AuthorityRole.IMPORTING, Instant.now().toString()));
        // ...and wrote its entry in the exporter's inbox, but died before the record naming it was stored.
        HazelcastInstance member = cluster.members.get(0).hazelcast();
        new Inbox(RegistryMaps.map(member, RegistryMaps.INBOX), member.getMap(RegistryMaps.INBOX_HEADS), Clock.systemUTC(),
                Clock.systemUTC(), new Departures(member, Clock.systemUTC()))
                .appendEntry("DE", AuthorityRole.EXPORTING, "EVENT", "IN-EVD-2", "DE-EVD-2");

        assertThat(await(cluster.client(0, india).event("DE-EVD-2", objection)).status()).isEqualTo(200);
        // The orphan entry comes first; its event's record names the retry's entry, so the orphan is passed at once.
        assertThat(eventsDeliveredToGermany()).containsOnlyOnce("IN-EVD-2");
    }

    @Test
    void an_event_sent_twice_is_delivered_once() throws Exception {
        submitNotification("DE-EVD-3");
        SignedDocument objection = objection("IN-EVD-3", "DE-EVD-3");
        assertThat(await(cluster.client(0, india).event("DE-EVD-3", objection)).status()).isEqualTo(201);
        assertThat(await(cluster.client(0, india).event("DE-EVD-3", objection)).status()).isEqualTo(200);
        assertThat(eventsDeliveredToGermany()).containsOnlyOnce("IN-EVD-3");
    }

    @Test
    void the_registry_delivers_an_event_whose_request_died_after_moving_the_state_without_it_being_sent_again()
            throws Exception {
        submitNotification("DE-EVD-4");
        SignedDocument objection = objection("IN-EVD-4", "DE-EVD-4");
        // What the request left when its member died: the intent (written a while ago) and the state moved; its sender
        // never sends it again (an officer's retry is another document).
        HazelcastInstance member = cluster.members.get(0).hazelcast();
        String intent = "IN-EVD-4/" + sha256(objection);
        RegistryMaps.map(member, RegistryMaps.EVENT_INTENTS).set(intent, new HazelcastJsonValue(ProtocolJson.mapper()
                .createObjectNode().put("notificationId", "DE-EVD-4")
                .put("writtenAtMillis", System.currentTimeMillis() - Inbox.HOLE_TIMEOUT.toMillis() - 1000)
                .set("envelope", objection.toJson()).toString()));
        notifications().executeOnKey("DE-EVD-4", new NotificationRecords.ApplyEvent("IN-EVD-4", sha256(objection),
                EventType.REPLY, Decision.OBJECTION, AuthorityRole.IMPORTING, Instant.now().toString()));
        // What an officer's retry sends: the same id, signed anew at another time. Refused, and it must not cancel the
        // delivery of the event that was applied.
        SignedDocument retry = new DocumentSigner(india).sign(DocumentType.EVENT, LifecycleEvent.reply("IN-EVD-4", "DE-EVD-4",
                Instant.now().plusSeconds(7).truncatedTo(ChronoUnit.SECONDS), "IN", Decision.OBJECTION,
                List.of("consignee unknown")));
        assertThat(await(cluster.client(0, india).event("DE-EVD-4", retry)).status()).isEqualTo(409);

        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> eventsDeliveredToGermany().contains("IN-EVD-4"));
        assertThat(eventsDeliveredToGermany()).containsOnlyOnce("IN-EVD-4");
        Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> !RegistryMaps.map(member, RegistryMaps.EVENT_INTENTS).containsKey(intent));
    }

    @Test
    void an_event_id_already_used_for_another_notification_is_refused_and_moves_nothing() throws Exception {
        submitNotification("DE-EVD-5");
        submitNotification("DE-EVD-6");
        assertThat(await(cluster.client(0, india).event("DE-EVD-5", objection("IN-EVD-5", "DE-EVD-5"))).status()).isEqualTo(201);
        var reused = await(cluster.client(0, india).event("DE-EVD-6", objection("IN-EVD-5", "DE-EVD-6")));
        assertThat(reused.status()).as(reused.body().toString()).isEqualTo(409);
        assertThat(reused.body().path("detail").asText()).contains("for notification DE-EVD-5");
        assertThat(ProtocolJson.parse(notifications().get("DE-EVD-6").getValue()).path("state").asText()).isEqualTo("DELIVERED");
    }

    private static void submitNotification(String id) throws Exception {
        var answer = await(cluster.client(0, germany).submit(new DocumentSigner(germany).sign(DocumentType.NOTIFICATION,
                NotificationDraft.example().set("/id", id).json())));
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
    }

    private static SignedDocument objection(String eventId, String notificationId) {
        LifecycleEvent reply = LifecycleEvent.reply(eventId, notificationId, Instant.now().truncatedTo(ChronoUnit.SECONDS),
                "IN", Decision.OBJECTION, List.of("consignee unknown"));
        return new DocumentSigner(india).sign(DocumentType.EVENT, reply);
    }

    /** What the registry quotes for a document: the SHA-256 of its canonical form. */
    private static String sha256(SignedDocument signed) {
        return Crypto.hex(Crypto.sha256(JsonCanonicalizer.signable().canonicalize(signed.document())));
    }

    private static com.hazelcast.map.IMap<String, com.hazelcast.core.HazelcastJsonValue> notifications() {
        return RegistryMaps.map(cluster.members.get(0).hazelcast(), RegistryMaps.NOTIFICATIONS);
    }

    /** The event ids the exporting authority reads from its whole inbox, in order, repeats included. */
    private static List<String> eventsDeliveredToGermany() throws Exception {
        List<String> ids = new ArrayList<>();
        for (JsonNode e : await(cluster.client(0, germany).inbox(0, 100)).body().get("entries")) {
            if (e.get("kind").asText().equals("EVENT")) {
                ids.add(e.get("id").asText());
            }
        }
        return ids;
    }
}
