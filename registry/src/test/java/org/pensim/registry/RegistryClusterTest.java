package org.pensim.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pensim.registry.TestCluster.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.pensim.protocol.pki.AuthorityCredentials;
import org.pensim.protocol.pki.AuthorityRole;
import org.pensim.protocol.pki.CertificateChecker;
import org.pensim.protocol.signing.DocumentSigner;
import org.pensim.protocol.signing.DocumentType;
import org.pensim.protocol.signing.SignatureVerifier;
import org.pensim.protocol.signing.SignedDocument;
import org.pensim.protocol.testing.NotificationDraft;
import org.pensim.registry.client.RegistryClient;

/** Three members in one JVM over loopback TCP: submission, reading and delivery across members, failure, cold restart. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@org.junit.jupiter.api.extension.ExtendWith(ThreadDumpOnFailure.class)
class RegistryClusterTest {

    static TestCluster cluster;
    static AuthorityCredentials germany;
    static AuthorityCredentials india;
    static DocumentSigner germanSigner;
    static final List<String> acknowledged = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        cluster = new TestCluster(3).start();
        germany = cluster.enrol("DE", AuthorityRole.EXPORTING);
        india = cluster.enrol("IN", AuthorityRole.IMPORTING);
        germanSigner = new DocumentSigner(germany);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    /**
     * Submits as an exporting authority does: a 503 (back-pressure, which the screening that stalls while
     * the dead member's partitions move on can cause) is retried after its Retry-After.
     */
    static io.vertx.core.Future<RegistryClient.Response> submitAsExportersDo(RegistryClient client, SignedDocument doc,
            int attempts) {
        return cluster.submitAsExportersDo(client, doc, attempts);
    }

    static SignedDocument notification(String id) {
        return germanSigner.sign(DocumentType.NOTIFICATION, NotificationDraft.example().set("/id", id).json());
    }

    @Test
    @Order(1)
    void submitted_through_one_member_it_is_read_through_another_and_delivered_to_the_importer_inbox() throws Exception {
        RegistryClient viaA = cluster.client(0, germany);
        RegistryClient.Response r = await(viaA.submit(notification("DE-CL-0001")));
        assertThat(r.status()).as(r.body().toString()).isEqualTo(201);
        acknowledged.add("DE-CL-0001");
        // The receipt is signed by the registry operator and names the canonical hash.
        SignedDocument receipt = SignedDocument.fromJson(r.body());
        SignatureVerifier verifier = new SignatureVerifier(new CertificateChecker(cluster.ca().certificate(),
                serial -> false, Clock.systemUTC()));
        JsonNode receiptDoc = verifier.verifyFrom(receipt, DocumentType.RECEIPT, AuthorityRole.OPERATOR, "AT").document();
        assertThat(receiptDoc.get("notificationId").asText()).isEqualTo("DE-CL-0001");
        assertThat(receiptDoc.get("sha256").asText()).hasSize(64);

        RegistryClient.Response read = await(cluster.client(1, india).notification("DE-CL-0001"));
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().get("state").asText()).isEqualTo("DELIVERED");
        assertThat(read.body().at("/notification/document/id").asText()).isEqualTo("DE-CL-0001");

        RegistryClient.Response inbox = await(cluster.client(2, india).inbox(0, 100));
        assertThat(inbox.status()).isEqualTo(200);
        assertThat(inbox.body().get("entries")).anySatisfy(e -> {
            assertThat(e.get("id").asText()).isEqualTo("DE-CL-0001");
            assertThat(e.get("sequence").asLong()).isEqualTo(1);
            assertThat(e.at("/envelope/document/id").asText()).isEqualTo("DE-CL-0001");
        });
    }

    @Test
    @Order(2)
    void the_same_document_again_gets_the_same_receipt_and_other_content_is_a_conflict() throws Exception {
        RegistryClient viaB = cluster.client(1, germany);
        SignedDocument doc = notification("DE-CL-0002");
        RegistryClient.Response first = await(viaB.submit(doc));
        RegistryClient.Response again = await(cluster.client(2, germany).submit(doc));
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        acknowledged.add("DE-CL-0002");
        ObjectNode changed = NotificationDraft.example().set("/id", "DE-CL-0002").set("/invoiceNumber", "OTHER").json();
        RegistryClient.Response conflict = await(viaB.submit(germanSigner.sign(DocumentType.NOTIFICATION, changed)));
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.body().get("detail").asText()).contains("already submitted with different content");
    }

    @Test
    @Order(3)
    void the_inbox_streams_over_server_sent_events_and_resumes_from_a_cursor() throws Exception {
        Map<String, Long> seen = new ConcurrentHashMap<>();
        RegistryClient streamer = cluster.client(1, india);
        streamer.followInbox(0, e -> seen.put(e.get("id").asText(), e.get("sequence").asLong()));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> seen.keySet().containsAll(acknowledged));
        await(cluster.client(0, germany).submit(notification("DE-CL-0003")));
        acknowledged.add("DE-CL-0003");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> seen.containsKey("DE-CL-0003"));
        // A reader that resumes after the second entry gets exactly the rest.
        Map<String, Long> resumed = new ConcurrentHashMap<>();
        cluster.client(2, india).followInbox(2, e -> resumed.put(e.get("id").asText(), e.get("sequence").asLong()));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> resumed.containsKey("DE-CL-0003"));
        assertThat(resumed.keySet()).containsExactly("DE-CL-0003");
    }

    @Test
    @Order(4)
    void a_member_killed_during_a_stream_of_submissions_loses_nothing_acknowledged() throws Exception {
        RegistryClient viaA = cluster.client(0, germany);
        RegistryClient viaC = cluster.client(2, germany);
        List<io.vertx.core.Future<RegistryClient.Response>> pending = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String id = "DE-KILL-" + i;
            ids.add(id);
            if (i == 120) {
                cluster.members.get(1).kill();
            }
            pending.add(submitAsExportersDo(i % 2 == 0 ? viaA : viaC, notification(id), 30));
            if (i % 20 == 0) {
                Thread.sleep(20); // pacing, so that the kill lands in the middle of the stream
            }
        }
        Map<String, Integer> outcomes = new java.util.TreeMap<>();
        for (int i = 0; i < pending.size(); i++) {
            try {
                RegistryClient.Response r = await(pending.get(i));
                outcomes.merge(String.valueOf(r.status()), 1, Integer::sum);
                if (r.ok()) {
                    acknowledged.add(ids.get(i));
                }
            } catch (Exception e) {
                // not acknowledged: the client may retry it
                outcomes.merge(e.getClass().getSimpleName(), 1, Integer::sum);
            }
        }
        cluster.awaitSize(2);
        assertThat(acknowledged).as("answers: %s", outcomes).hasSizeGreaterThan(250);
        RegistryClient reader = cluster.client(0, india);
        for (String id : acknowledged) {
            assertThat(await(reader.notification(id)).status()).as(id).isEqualTo(200);
        }
        // A delivery cut short by the kill leaves a hole in the inbox sequence; readers pass it once it is
        // older than Inbox.HOLE_TIMEOUT, so everything acknowledged is readable within that time.
        ImporterInbox.readUntilDelivered(reader, acknowledged);
    }

    @Test
    @Order(5)
    void a_cold_restart_recovers_everything_acknowledged_from_the_database() throws Exception {
        cluster.stopAll();
        cluster.restart(0);
        cluster.awaitSize(1);
        RegistryClient reader = cluster.client(0, india);
        for (String id : acknowledged) {
            // Vert.x 5.0.7 could lose the end of these answers (eclipse-vertx/vert.x#6038); 5.1.6 does not.
            RegistryClient.Response r = await(reader.notification(id));
            assertThat(r.status()).as(id).isEqualTo(200);
        }
        ImporterInbox.readUntilDelivered(reader, acknowledged);
        // Sequences continue where they stopped: a new notification gets the next inbox number.
        long head = await(reader.inbox(0, 1)).body().get("head").asLong();
        assertThat(await(cluster.client(0, germany).submit(notification("DE-AFTER-RESTART"))).status()).isEqualTo(201);
        assertThat(await(reader.inbox(head, 10)).body().get("entries").get(0).get("id").asText()).isEqualTo("DE-AFTER-RESTART");
    }

    @Test
    @Order(6)
    void year_to_date_quantities_sum_every_stored_notification_across_members_and_restarts() throws Exception {
        // After the cold restart: two members join again, so the sum spans the entries of three members.
        cluster.restart(1);
        cluster.restart(2);
        cluster.awaitSize(3);
        java.math.BigDecimal perNotification = NotificationDraft.example().build().items().stream()
                .filter(i -> i.substanceId().equals("pseudoephedrine"))
                .map(org.pensim.protocol.notification.ShipmentItem::netPureKg)
                .reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add);
        assertThat(perNotification).isPositive();
        int stored = cluster.members.get(0).hazelcast().getMap(org.pensim.registry.cluster.RegistryMaps.NOTIFICATIONS).size();
        assertThat(stored).isGreaterThanOrEqualTo(acknowledged.size());
        RegistryClient exporter = cluster.client(1, germany);
        JsonNode status = await(exporter.get("/v1/countries/IN")).body();
        assertThat(new java.math.BigDecimal(status.at("/alr/pseudoephedrine/notifiedYearToDateKg").asText()))
                .isEqualByComparingTo(perNotification.multiply(java.math.BigDecimal.valueOf(stored)));
        assertThat(status.at("/alr/ephedrine/notifiedYearToDateKg").asText()).isEqualTo("0");
        // One more, through another member, counts at once everywhere.
        assertThat(await(cluster.client(2, germany).submit(notification("DE-YTD-1"))).status()).isEqualTo(201);
        JsonNode after = await(cluster.client(0, india).get("/v1/countries/IN")).body();
        assertThat(new java.math.BigDecimal(after.at("/alr/pseudoephedrine/notifiedYearToDateKg").asText()))
                .isEqualByComparingTo(perNotification.multiply(java.math.BigDecimal.valueOf(stored + 1L)));
        // Nothing was notified to another importing country.
        assertThat(await(exporter.get("/v1/countries/NG")).body().at("/alr/pseudoephedrine/notifiedYearToDateKg").asText())
                .isEqualTo("0");
    }
}
