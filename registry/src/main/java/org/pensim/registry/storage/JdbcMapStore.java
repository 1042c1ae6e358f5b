package org.pensim.registry.storage;

import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.MapStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Writes a Hazelcast map through to its database table before the map operation returns, so that an
 * acknowledged write is a persisted write; loads everything back when a cluster starts cold. The writes
 * of every map of a member share commits ({@link GroupCommit}): Hazelcast runs them off its partition
 * threads (offloaded map store), each waiting for its batch.
 */
public final class JdbcMapStore implements MapStore<String, HazelcastJsonValue> {

    private final Database database;
    private final GroupCommit writes;
    private final String table;
    private final Predicate<HazelcastJsonValue> transientValue;
    private final java.util.function.Supplier<Map<String, HazelcastJsonValue>> derived;
    /** The derived entries as of the last {@link #loadAllKeys()}, for the {@link #loadAll} calls that follow it. */
    private volatile Map<String, HazelcastJsonValue> derivedAtLoad;

    public JdbcMapStore(Database database, GroupCommit writes, String table) {
        this(database, writes, table, v -> false, Map::of);
    }

    public JdbcMapStore(Database database, GroupCommit writes, String table, Predicate<HazelcastJsonValue> transientValue) {
        this(database, writes, table, transientValue, Map::of);
    }

    /**
     * @param transientValue values that are not written to this table: working states that a cold restart
     *                       must not bring back, or values that {@code derived} rebuilds from other tables
     * @param derived        entries rebuilt from other tables when the map loads (after a cold restart or
     *                       the loss of a partition), for the keys this table does not hold
     */
    public JdbcMapStore(Database database, GroupCommit writes, String table, Predicate<HazelcastJsonValue> transientValue,
            java.util.function.Supplier<Map<String, HazelcastJsonValue>> derived) {
        this.database = database;
        this.writes = writes;
        this.table = table;
        this.transientValue = transientValue;
        this.derived = derived;
        database.ensureTable(table);
    }

    @Override
    public void store(String key, HazelcastJsonValue value) {
        if (!transientValue.test(value)) {
            writes.put(table, key, value.toString());
        }
    }

    @Override
    public void storeAll(Map<String, HazelcastJsonValue> map) {
        Map<String, String> rows = new java.util.LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (!transientValue.test(v)) {
                rows.put(k, v.toString());
            }
        });
        writes.putAll(table, rows);
    }

    @Override
    public void delete(String key) {
        writes.deleteAll(table, List.of(key));
    }

    @Override
    public void deleteAll(Collection<String> keys) {
        writes.deleteAll(table, keys);
    }

    /**
     * Hazelcast asks the store on every miss. Members load every entry at start (eager initial load)
     * and keep backups, so a miss means the key does not exist: answering null here spares a database
     * round trip on every new key. Entries of partitions lost with all their replicas are reloaded in
     * bulk (see {@code RegistryMember}), through {@link #loadAll}.
     */
    @Override
    public HazelcastJsonValue load(String key) {
        return null;
    }

    /** Reads one entry from the database. */
    public HazelcastJsonValue read(String key) {
        try (Connection c = database.connection(); PreparedStatement ps = c.prepareStatement("SELECT v FROM " + table + " WHERE k = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new HazelcastJsonValue(rs.getString(1)) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load " + table + "/" + key + ": " + e.getMessage(), e);
        }
    }

    /**
     * Loads what Hazelcast loads in bulk: a map's initial load, or its reload after a partition was lost with all its
     * replicas, after {@link #loadAllKeys}. Hazelcast also comes here for the keys a multi-key read (getAll) did not
     * find in memory; those are answered as {@link #load} answers one: nothing, since a key not in memory does not
     * exist. Answering them from the database cost a query per key and, for the inbox, a scan and parse of every
     * stored notification (its rebuilt entries), on every inbox read that met an entry still being written: about a
     * tenth of the registry's CPU at 100 notifications a second after a minute, growing with every notification kept.
     */
    @Override
    public Map<String, HazelcastJsonValue> loadAll(Collection<String> keys) {
        if (askedForKeysAReadMissed()) {
            return Map.of();
        }
        Map<String, HazelcastJsonValue> out = new HashMap<>();
        Map<String, HazelcastJsonValue> rebuilt = null;
        for (String k : keys) {
            HazelcastJsonValue v = read(k);
            if (v == null) {
                if (rebuilt == null) {
                    rebuilt = derivedAtLoad != null ? derivedAtLoad : rebuild();
                }
                v = rebuilt.get(k);
            }
            if (v != null) {
                out.put(k, v);
            }
        }
        return out;
    }

    private Map<String, HazelcastJsonValue> rebuild() {
        rebuilds.incrementAndGet();
        return derived.get();
    }

    /** How many times this store rebuilt its derived entries (each a scan of the tables they derive from). */
    public long rebuilds() {
        return rebuilds.get();
    }

    private final java.util.concurrent.atomic.AtomicLong rebuilds = new java.util.concurrent.atomic.AtomicLong();

    private static final StackWalker STACK = StackWalker.getInstance();

    /**
     * Whether Hazelcast asks for the keys a multi-key read missed: it runs the store from its record store's
     * {@code loadMultipleKeys} then, on the same thread, and never on a bulk load. (Hazelcast offers no setting
     * that keeps reads from loading; {@code StoreMissesTest} fails if a Hazelcast upgrade renames the method.)
     */
    static boolean askedForKeysAReadMissed() {
        return STACK.walk(frames -> frames.limit(100).anyMatch(f -> "loadMultipleKeys".equals(f.getMethodName())
                && f.getClassName().startsWith("com.hazelcast.map.impl.recordstore.")));
    }

    /** Every row of this table, one at a time (for rebuilding what other maps derive from it). */
    public void forEachRow(java.util.function.BiConsumer<String, String> row) {
        try (Connection c = database.connection(); PreparedStatement ps = c.prepareStatement("SELECT k, v FROM " + table);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                row.accept(rs.getString(1), rs.getString(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + table + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Iterable<String> loadAllKeys() {
        List<String> keys = new ArrayList<>();
        try (Connection c = database.connection(); PreparedStatement ps = c.prepareStatement("SELECT k FROM " + table);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                keys.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list " + table + ": " + e.getMessage(), e);
        }
        Map<String, HazelcastJsonValue> rebuilt = rebuild();
        derivedAtLoad = rebuilt;
        java.util.Set<String> stored = new java.util.HashSet<>(keys);
        rebuilt.keySet().stream().filter(k -> !stored.contains(k)).forEach(keys::add);
        return keys;
    }
}
