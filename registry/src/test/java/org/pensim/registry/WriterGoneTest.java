package org.pensim.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pensim.registry.TestCluster.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.hazelcast.core.HazelcastInstance;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.pensim.protocol.pki.AuthorityRole;
import org.pensim.protocol.signing.DocumentSigner;
import org.pensim.protocol.signing.DocumentType;
import org.pensim.protocol.testing.NotificationDraft;
import org.pensim.registry.cluster.Departures;
import org.pensim.registry.cluster.RegistryMaps;
import org.pensim.registry.delivery.Inbox;
import org.pensim.registry.submission.StoreFirstDelivery;

/**
 * A member killed under load leaves inbox entries its requests wrote but never named in a record. Readers used to
 * wait out {@link Inbox#HOLE_TIMEOUT} (10 s) before passing them, so every inbox stalled that long after a kill;
 * they now pass an entry once its writer has left the cluster (after {@link Departures#GRACE}), and the store that
 * names an entry refuses a writer the owner no longer counts as a member, so no record can name a passed entry.
 */
class WriterGoneTest {

    @Test
    void an_entry_whose_writer_was_killed_is_passed_before_the_hole_timeout() throws Exception {
        try (TestCluster cluster = new TestCluster(2).start()) {
            var germany = cluster.enrol("DE", AuthorityRole.EXPORTING);
            var india = cluster.enrol("IN", AuthorityRole.IMPORTING);
            DocumentSigner signer = new DocumentSigner(germany);
            // What a request on member 1 leaves when the member dies between writing its entry and storing the record.
            HazelcastInstance doomed = cluster.members.get(1).hazelcast();
            Inbox onDoomed = new Inbox(RegistryMaps.map(doomed, RegistryMaps.INBOX), doomed.getMap(RegistryMaps.INBOX_HEADS),
                    Clock.systemUTC(), Clock.systemUTC(), new Departures(doomed, Clock.systemUTC()));
            Inbox.Appended orphan = onDoomed.appendEntry("IN", AuthorityRole.IMPORTING, "NOTIFICATION", "DE-GONE-1", "DE-GONE-1");
            assertThat(await(cluster.client(0, germany).submit(signer.sign(DocumentType.NOTIFICATION,
                    NotificationDraft.example().set("/id", "DE-AFTER-1").json()))).status()).isEqualTo(201);
            cluster.members.get(1).kill();

            var reader = cluster.client(0, india);
            List<String> delivered = new ArrayList<>();
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
                for (JsonNode e : await(reader.inbox(0, 10)).body().get("entries")) {
                    delivered.add(e.get("id").asText());
                }
                return delivered.contains("DE-AFTER-1");
            });
            long passedAfterMillis = System.currentTimeMillis() - orphan.writtenAtWallMillis();
            assertThat(delivered).doesNotContain("DE-GONE-1");
            assertThat(passedAfterMillis).as("passed %d ms after the orphan was written", passedAfterMillis)
                    .isLessThan(Inbox.HOLE_TIMEOUT.toMillis());
        }
    }

    @Test
    void a_sequence_handed_to_a_killed_member_is_passed_before_the_hole_timeout() throws Exception {
        try (TestCluster cluster = new TestCluster(2).start()) {
            var germany = cluster.enrol("DE", AuthorityRole.EXPORTING);
            var india = cluster.enrol("IN", AuthorityRole.IMPORTING);
            DocumentSigner signer = new DocumentSigner(germany);
            assertThat(await(cluster.client(0, germany).submit(signer.sign(DocumentType.NOTIFICATION,
                    NotificationDraft.example().set("/id", "DE-BEFORE-2").json()))).status()).isEqualTo(201);
            // What a request on member 1 leaves when the member dies between taking its sequence and writing its entry.
            HazelcastInstance doomed = cluster.members.get(1).hazelcast();
            long hole = doomed.<String, org.pensim.registry.delivery.InboxHead>getMap(RegistryMaps.INBOX_HEADS)
                    .executeOnKey(Inbox.owner("IN", AuthorityRole.IMPORTING), new org.pensim.registry.delivery.InboxHead.Allocate(
                            12345L, doomed.getCluster().getLocalMember().getUuid().toString()));
            long allocatedAt = System.currentTimeMillis();
            assertThat(await(cluster.client(0, germany).submit(signer.sign(DocumentType.NOTIFICATION,
                    NotificationDraft.example().set("/id", "DE-AFTER-2").json()))).status()).isEqualTo(201);
            cluster.members.get(1).kill();

            var reader = cluster.client(0, india);
            List<Long> sequences = new ArrayList<>();
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
                sequences.clear();
                for (JsonNode e : await(reader.inbox(0, 10)).body().get("entries")) {
                    sequences.add(e.get("sequence").asLong());
                }
                return sequences.stream().anyMatch(s -> s > hole);
            });
            long passedAfterMillis = System.currentTimeMillis() - allocatedAt;
            assertThat(sequences).doesNotContain(hole);
            assertThat(passedAfterMillis).as("passed %d ms after the sequence was handed out", passedAfterMillis)
                    .isLessThan(Inbox.HOLE_TIMEOUT.toMillis());
        }
    }

    @Test
    void a_record_is_not_stored_for_a_writer_that_is_no_member() throws Exception {
        try (TestCluster cluster = new TestCluster(2).start()) {
            HazelcastInstance first = cluster.members.get(0).hazelcast();
            HazelcastInstance second = cluster.members.get(1).hazelcast();
            var notifications = RegistryMaps.map(second, RegistryMaps.NOTIFICATIONS);
            long now = System.currentTimeMillis();
            long maxAge = Inbox.HOLE_TIMEOUT.toMillis() / 2;
            // Owned by the first member, sent from the second: the owner judges the writer.
            String gone = TestCluster.keyOwnedBy(first, "DE-WRITER-GONE-");
            String present = TestCluster.keyOwnedBy(first, "DE-WRITER-HERE-");
            assertThat(notifications.executeOnKey(gone, new StoreFirstDelivery("{\"id\":\"" + gone + "\"}", now, maxAge,
                    java.util.UUID.randomUUID().toString()))).isEqualTo(StoreFirstDelivery.WRITER_GONE);
            assertThat(notifications.containsKey(gone)).isFalse();
            String writer = second.getCluster().getLocalMember().getUuid().toString();
            assertThat(notifications.executeOnKey(present, new StoreFirstDelivery("{\"id\":\"" + present + "\"}", now, maxAge,
                    writer))).isNull();
            assertThat(notifications.containsKey(present)).isTrue();
        }
    }

}
