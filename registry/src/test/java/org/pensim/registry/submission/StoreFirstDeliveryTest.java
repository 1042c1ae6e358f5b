package org.pensim.registry.submission;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import org.junit.jupiter.api.Test;
import org.pensim.registry.TestCluster;
import org.pensim.registry.cluster.RegistryMaps;
import org.pensim.registry.delivery.Inbox;

/**
 * The write that accepts a submission, on two real members: the backup holds exactly what the owner stored, so
 * that the member left after the owner's death has the record it stored and nothing it refused to store (a
 * backup that judged the entry's age again could decide otherwise), and it judges an entry's age by the registry's
 * own clock, which may be virtual.
 */
class StoreFirstDeliveryTest {

    private static final long MAX_AGE = Inbox.HOLE_TIMEOUT.toMillis() / 2;

    @Test
    void the_backup_holds_what_the_owner_stored_and_nothing_it_refused() throws Exception {
        try (TestCluster cluster = new TestCluster(2).start()) {
            HazelcastInstance first = cluster.members.get(0).hazelcast();
            HazelcastInstance second = cluster.members.get(1).hazelcast();
            // Keys the first member owns, written from the second: the owner decides, the survivor keeps its backup.
            String stored = TestCluster.keyOwnedBy(first, "DE-FIRST-STORED-");
            String refused = TestCluster.keyOwnedBy(first, "DE-FIRST-REFUSED-");
            String record = "{\"id\":\"" + stored + "\",\"inboxSequence\":7}";
            IMap<String, HazelcastJsonValue> viaSecond = RegistryMaps.map(second, RegistryMaps.NOTIFICATIONS);
            long now = System.currentTimeMillis();
            assertThat(viaSecond.executeOnKey(stored, new StoreFirstDelivery(record, now, MAX_AGE))).isNull();
            assertThat(viaSecond.executeOnKey(refused, new StoreFirstDelivery("{\"id\":\"" + refused + "\"}", now - MAX_AGE - 500,
                    MAX_AGE))).isEqualTo(StoreFirstDelivery.ENTRY_TOO_OLD);

            cluster.members.get(0).kill();
            cluster.awaitSize(1);
            assertThat(viaSecond.get(stored)).isEqualTo(new HazelcastJsonValue(record));
            assertThat(viaSecond.containsKey(refused)).isFalse();
            // The survivor, now the owner, answers a later request with the record stored first.
            assertThat(viaSecond.executeOnKey(stored, new StoreFirstDelivery("{\"other\":1}", System.currentTimeMillis(), MAX_AGE)))
                    .isEqualTo(record);
        }
    }

    @Test
    void a_registry_on_a_clock_of_its_own_judges_its_entries_by_that_clock() throws Exception {
        // An exercise's registry runs on virtual time, here a month behind the wall clock: its entries are dated
        // by that clock, its readers judge their age by it, and so must the owner that stores the record.
        try (TestCluster cluster = new TestCluster(1)) {
            cluster.clock = java.time.Clock.offset(java.time.Clock.systemUTC(), java.time.Duration.ofDays(-30));
            cluster.start();
            var germany = cluster.enrol("DE", org.pensim.protocol.pki.AuthorityRole.EXPORTING);
            var india = cluster.enrol("IN", org.pensim.protocol.pki.AuthorityRole.IMPORTING);
            var doc = new org.pensim.protocol.signing.DocumentSigner(germany).sign(org.pensim.protocol.signing.DocumentType.NOTIFICATION,
                    org.pensim.protocol.testing.NotificationDraft.example().set("/id", "DE-VIRTUAL-1").json());
            assertThat(TestCluster.await(cluster.client(0, germany).submit(doc)).status()).isEqualTo(201);
            var entries = TestCluster.await(cluster.client(0, india).inbox(0, 10)).body().get("entries");
            assertThat(entries).hasSize(1);
            assertThat(entries.get(0).get("id").asText()).isEqualTo("DE-VIRTUAL-1");
        }
    }

}
