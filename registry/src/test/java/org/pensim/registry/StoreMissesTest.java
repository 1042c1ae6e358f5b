package org.pensim.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pensim.registry.TestCluster.await;

import com.hazelcast.core.HazelcastInstance;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pensim.protocol.pki.AuthorityCredentials;
import org.pensim.protocol.pki.AuthorityRole;
import org.pensim.protocol.signing.DocumentSigner;
import org.pensim.protocol.signing.DocumentType;
import org.pensim.protocol.testing.NotificationDraft;
import org.pensim.registry.client.RegistryClient;
import org.pensim.registry.cluster.RegistryMaps;
import org.pensim.registry.delivery.Inbox;
import org.pensim.registry.storage.JdbcMapStore;

/**
 * A read that misses keys (an inbox entry still being written, a notification without global flags) costs no
 * database work: the members hold every entry, so a miss is an absence. Only bulk loads go to the database, and
 * they still rebuild the inbox entries that notification records stand for.
 */
class StoreMissesTest {

    @Test
    void reads_of_missing_keys_neither_query_nor_rebuild_while_a_bulk_reload_still_rebuilds() throws Exception {
        try (TestCluster cluster = new TestCluster(2).start()) {
            AuthorityCredentials germany = cluster.enrol("DE", AuthorityRole.EXPORTING);
            DocumentSigner signer = new DocumentSigner(germany);
            RegistryClient exporter = cluster.client(0, germany);
            for (int i = 1; i <= 4; i++) {
                assertThat(await(exporter.submit(signer.sign(DocumentType.NOTIFICATION,
                        NotificationDraft.example().set("/id", "DE-MISS-" + i).json()))).status()).isEqualTo(201);
            }
            String owner = Inbox.owner("IN", AuthorityRole.IMPORTING);
            long before = rebuilds(cluster);

            // Keys on every partition, none of them written: each member's store is asked for its own.
            Set<String> missing = new LinkedHashSet<>();
            for (long s = 1_000; s < 1_200; s++) {
                missing.add(Inbox.key(owner, s));
            }
            for (RegistryMember m : cluster.members) {
                var inbox = RegistryMaps.map(m.hazelcast(), RegistryMaps.INBOX);
                assertThat(inbox.getAll(missing)).isEmpty();
                assertThat(RegistryMaps.map(m.hazelcast(), RegistryMaps.GLOBAL_FLAGS).getAll(Set.of("DE-MISS-1", "DE-MISS-9")))
                        .isEmpty();
            }
            assertThat(rebuilds(cluster)).as("inbox entries rebuilt from the records for reads that missed").isEqualTo(before);

            // A bulk reload (what a partition lost with all its replicas gets) still rebuilds the deliveries.
            var inbox = RegistryMaps.map(cluster.members.get(0).hazelcast(), RegistryMaps.INBOX);
            Set<String> delivered = new LinkedHashSet<>();
            for (long s = 1; s <= 4; s++) {
                delivered.add(Inbox.key(owner, s));
            }
            assertThat(inbox.getAll(delivered)).hasSize(4);
            inbox.evictAll();
            assertThat(inbox.getAll(delivered)).as("evicted, and a read does not load").isEmpty();
            inbox.loadAll(false);
            assertThat(inbox.getAll(delivered)).hasSize(4);
            assertThat(rebuilds(cluster)).isGreaterThan(before);
        }
    }

    private static long rebuilds(TestCluster cluster) {
        long n = 0;
        for (RegistryMember m : cluster.members) {
            HazelcastInstance hz = m.hazelcast();
            n += ((JdbcMapStore) hz.getConfig().getMapConfig(RegistryMaps.INBOX).getMapStoreConfig().getImplementation()).rebuilds();
        }
        return n;
    }
}
