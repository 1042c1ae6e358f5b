package org.pensim.registry.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.IndexType;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MapStoreConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import com.hazelcast.core.HazelcastInstance;
import java.util.List;
import org.pensim.registry.config.RegistryConfig;
import org.pensim.registry.delivery.Inbox;
import org.pensim.registry.storage.Database;
import org.pensim.registry.storage.GroupCommit;
import org.pensim.registry.storage.JdbcMapStore;

/**
 * The registry's Hazelcast member configuration and its maps. Durable maps write through to the
 * database before an operation returns; the rest (screening windows, request nonces) are derived or
 * short-lived and live in memory with backups.
 */
public final class RegistryMaps {

    /** Notification id to its record: envelope, receipt, state, events (its global flags: {@link #GLOBAL_FLAGS}). */
    public static final String NOTIFICATIONS = "notifications";
    /**
     * Notification id to the global flags raised on it, as a JSON array: kept apart from the record, so that
     * a flag writes a few hundred bytes instead of rewriting (and re-indexing) the whole signed record.
     */
    public static final String GLOBAL_FLAGS = "global-flags";
    /** Event id to its record. */
    public static final String EVENTS = "events";
    /** "CC:ROLE:sequence" to an inbox entry; sequences are contiguous per authority. */
    public static final String INBOX = "inbox";
    /** Named counters: inbox sequences, receipt sequence, year-to-date quantities. */
    public static final String COUNTERS = "counters";
    /** Certificate thumbprint to enrolled authority. */
    public static final String AUTHORITIES = "authorities";
    /** Serial number (hex) of each revoked certificate: one look-up per check, on every member. */
    public static final String REVOCATIONS = "revocations";
    /** SHA-256 of each one-time enrolment token to what it may enrol (country, role, expiry, used). */
    public static final String ENROLMENT_TOKENS = "enrolment-tokens";
    /** Request nonces seen within the clock-skew window (replay protection). */
    public static final String NONCES = "nonces";
    /** The head of each inbox ({@link org.pensim.registry.delivery.InboxHead}): derived from the inbox, so kept in memory only. */
    public static final String INBOX_HEADS = "inbox-heads";
    /**
     * Event id and content to the signed event, from its acceptance until its delivery (lifecycle.EventIntake): durable,
     * so that an event whose state change is stored is delivered even after a cold restart of every member.
     */
    public static final String EVENT_INTENTS = "event-intents";

    /** Hazelcast's pool for offloaded map-store calls (ExecutionService.MAP_STORE_OFFLOADABLE_EXECUTOR). */
    static final String OFFLOADED_WRITERS = "hz:map-store-offloadable";

    public static final List<String> DURABLE = List.of(NOTIFICATIONS, GLOBAL_FLAGS, EVENTS, INBOX, COUNTERS, AUTHORITIES, REVOCATIONS, ENROLMENT_TOKENS,
            EVENT_INTENTS);

    private RegistryMaps() {
    }

    private static void threadCount(Config c, String property, int count) {
        if (count > 0) {
            c.setProperty(property, String.valueOf(count));
        }
    }

    public static Config hazelcastConfig(RegistryConfig config, Database database, GroupCommit writes) {
        RegistryConfig.Cluster cluster = config.cluster();
        Config c = new Config();
        ClusterSerialization.configure(c.getSerializationConfig());
        c.setClusterName(cluster.name());
        c.setInstanceName("pensim-registry-" + cluster.host() + "-" + cluster.port());
        c.setProperty("hazelcast.phone.home.enabled", "false");
        c.setProperty("hazelcast.logging.type", "slf4j");
        c.setProperty("hazelcast.shutdownhook.enabled", "false");
        c.setProperty("hazelcast.local.localAddress", cluster.host());
        c.setProperty("hazelcast.max.no.heartbeat.seconds", String.valueOf(cluster.heartbeatTimeoutSeconds()));
        c.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        RegistryConfig.Threads threads = cluster.threads();
        threadCount(c, "hazelcast.io.input.thread.count", threads.ioInput());
        threadCount(c, "hazelcast.io.output.thread.count", threads.ioOutput());
        threadCount(c, "hazelcast.operation.response.thread.count", threads.response());
        threadCount(c, "hazelcast.operation.generic.thread.count", threads.genericOperation());
        threadCount(c, "hazelcast.operation.thread.count", threads.partitionOperation());
        threadCount(c, "hazelcast.event.thread.count", threads.event());
        NetworkConfig network = c.getNetworkConfig();
        network.setPort(cluster.port()).setPortAutoIncrement(false);
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(cluster.members().isEmpty()
                ? List.of(cluster.host() + ":" + cluster.port()) : cluster.members());
        JdbcMapStore notificationStore = new JdbcMapStore(database, writes, "pensim_notifications");
        for (String name : DURABLE) {
            MapConfig map = new MapConfig(name)
                    .setBackupCount(cluster.backupCount())
                    .setMapStoreConfig(new MapStoreConfig()
                            .setEnabled(true)
                            .setImplementation(switch (name) {
                                case NOTIFICATIONS -> notificationStore;
                                // A notification's delivery entry is rebuilt from its record, the one durable
                                // write that acknowledges a submission.
                                case INBOX -> new JdbcMapStore(database, writes, "pensim_inbox", Inbox::rebuiltFromRecord,
                                        () -> Inbox.deliveriesOf(record -> notificationStore.forEachRow((k, v) -> record.accept(v))));
                                default -> new JdbcMapStore(database, writes, "pensim_" + name.replace('-', '_'));
                            })
                            .setWriteDelaySeconds(0)
                            // Off the partition threads: each write waits for its group's commit, and a
                            // partition thread waiting there would hold up every other partition it serves.
                            .setOffload(true)
                            .setInitialLoadMode(MapStoreConfig.InitialLoadMode.EAGER));
            // No JSON metadata anywhere. Hazelcast's metadata is a parsed schema of each value, kept beside it on the
            // owner and the backup: for an 8 KB notification record it took more heap than the record itself
            // (about 1 GB for 60,000 notifications in bench-registry, whose collector then took most of the CPU),
            // and building it parsed the whole record at every write. Queries and indexes read the few top-level
            // fields they need straight from the JSON instead.
            map.setMetadataPolicy(com.hazelcast.config.MetadataPolicy.OFF);
            if (name.equals(NOTIFICATIONS)) {
                map.addIndexConfig(new com.hazelcast.config.IndexConfig(IndexType.HASH, "exportingCountry"));
                map.addIndexConfig(new com.hazelcast.config.IndexConfig(IndexType.HASH, "importingCountry"));
                map.addIndexConfig(new com.hazelcast.config.IndexConfig(IndexType.SORTED, "sequence"));
            }
            c.addMapConfig(map);
        }
        // The threads that wait for group commits: as many writes as may join one batch.
        c.addExecutorConfig(new com.hazelcast.config.ExecutorConfig(OFFLOADED_WRITERS)
                .setPoolSize(config.database().groupCommit().writers()));
        c.addMapConfig(new MapConfig(NONCES).setBackupCount(cluster.backupCount()).setTimeToLiveSeconds(
                2 * config.http().clockSkewSeconds() + 60));
        c.addMapConfig(screeningWindows(cluster.backupCount()));
        // Kept as objects: an allocation changes one slot of the head's memory of recent sequences (InboxHead), which
        // in binary form would be read and written whole at every delivery.
        c.addMapConfig(new MapConfig(INBOX_HEADS).setBackupCount(cluster.backupCount())
                .setInMemoryFormat(com.hazelcast.config.InMemoryFormat.OBJECT));
        c.addMapConfig(org.pensim.registry.screening.GlobalScreeningQueue.mapConfig(cluster.backupCount()));
        c.addMapConfig(org.pensim.registry.screening.ScreeningRecovery.mapConfig(cluster.backupCount()));
        return c;
    }

    /** The global indicators' windows (maps {@code screening-*}, grouped as {@link HazelcastStateStore} keeps them). */
    public static MapConfig screeningWindows(int backupCount) {
        // The indicators' states are only ever changed by entry processors where they live: kept as objects,
        // an update does not deserialize and serialize the whole window each time (Java serialization of
        // its maps cost more than the detection itself).
        return new MapConfig("screening-*").setBackupCount(backupCount)
                .setInMemoryFormat(com.hazelcast.config.InMemoryFormat.OBJECT);
    }

    public static IMap<String, HazelcastJsonValue> map(HazelcastInstance hz, String name) {
        return hz.getMap(name);
    }
}
