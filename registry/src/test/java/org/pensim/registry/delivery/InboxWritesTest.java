package org.pensim.registry.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.Config;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MapStoreConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.MapStore;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.pensim.protocol.pki.AuthorityRole;
import org.pensim.registry.TestCluster;

/**
 * What an inbox writes to its map store, on a real member: a notification's delivery entry nothing (a cold start
 * rebuilds it from the record, and a pass through the store was a hand-off to an offloaded thread on every
 * submission), an event's entry and a withdrawal everything. Keys sort as sequences.
 */
class InboxWritesTest {

    @Test
    void a_notifications_entry_bypasses_the_store_and_events_and_withdrawals_do_not() throws Exception {
        RecordingStore store = new RecordingStore();
        Config config = new Config().setClusterName("inbox-writes-" + UUID.randomUUID());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        org.pensim.registry.cluster.ClusterSerialization.configure(config.getSerializationConfig());
        config.getNetworkConfig().setPort(TestCluster.freePort()).getJoin().getMulticastConfig().setEnabled(false);
        config.getNetworkConfig().getJoin().getAutoDetectionConfig().setEnabled(false);
        config.addMapConfig(new MapConfig("inbox").setMapStoreConfig(new MapStoreConfig().setEnabled(true)
                .setImplementation(store).setWriteDelaySeconds(0).setOffload(true)));
        HazelcastInstance hz = Hazelcast.newHazelcastInstance(config);
        try {
            Inbox inbox = new Inbox(hz.getMap("inbox"), hz.getMap("inbox-heads"), Clock.systemUTC());
            Inbox.Appended delivered = inbox.appendEntry("IN", AuthorityRole.IMPORTING, "NOTIFICATION", "DE-1", "DE-1");
            assertThat(store.keys).isEmpty();
            assertThat(hz.getMap("inbox").get(Inbox.key("IN:IMPORTING", delivered.sequence()))).isNotNull();

            long event = inbox.append("IN", AuthorityRole.IMPORTING, "EVENT", "DE-1/ask", "DE-1");
            assertThat(store.keys).containsExactly(Inbox.key("IN:IMPORTING", event));
            inbox.withdraw("IN", AuthorityRole.IMPORTING, delivered.sequence(), "NOTIFICATION", "DE-1");
            assertThat(store.keys).containsExactly(Inbox.key("IN:IMPORTING", event), Inbox.key("IN:IMPORTING", delivered.sequence()));
        } finally {
            hz.shutdown();
        }
    }

    @Test
    void keys_are_zero_padded_to_sort_as_sequences() {
        assertThat(Inbox.key("IN:IMPORTING", 7)).isEqualTo("IN:IMPORTING:000000000007");
        assertThat(Inbox.key("IN:IMPORTING", 123_456_789_012L)).isEqualTo("IN:IMPORTING:123456789012");
        assertThat(Inbox.key("IN:IMPORTING", 9)).isLessThan(Inbox.key("IN:IMPORTING", 10));
    }

    /** Remembers the keys it was asked to store; loads nothing. */
    static final class RecordingStore implements MapStore<String, HazelcastJsonValue> {
        final Collection<String> keys = new ConcurrentLinkedQueue<>();

        @Override
        public void store(String key, HazelcastJsonValue value) {
            keys.add(key);
        }

        @Override
        public void storeAll(Map<String, HazelcastJsonValue> map) {
            keys.addAll(map.keySet());
        }

        @Override
        public void delete(String key) {
        }

        @Override
        public void deleteAll(Collection<String> keys) {
        }

        @Override
        public HazelcastJsonValue load(String key) {
            return null;
        }

        @Override
        public Map<String, HazelcastJsonValue> loadAll(Collection<String> keys) {
            return Map.of();
        }

        @Override
        public Iterable<String> loadAllKeys() {
            return List.of();
        }
    }
}
