package org.pensim.registry.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.pensim.protocol.screening.global.GlobalStateStore;

/**
 * Runs global-indicator updates as entry processors on the member that owns the key, so detection work
 * spreads over the cluster with the data. A key is stored as {@code key@group}: the maps partition by the
 * group ({@link #PARTITIONING}), so the keys one notification updates in a map share a partition and its
 * updates there travel, run and are backed up as one operation.
 */
public final class HazelcastStateStore implements GlobalStateStore {

    private final HazelcastInstance hazelcast;

    public HazelcastStateStore(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
    }

    /** How the window maps place their keys: by what follows the first {@code @}, the group. */
    public static com.hazelcast.config.PartitioningStrategyConfig partitioning() {
        return new com.hazelcast.config.PartitioningStrategyConfig(PARTITIONING);
    }

    private static final com.hazelcast.partition.strategy.StringPartitioningStrategy PARTITIONING =
            new com.hazelcast.partition.strategy.StringPartitioningStrategy();

    static String stored(String key, String group) {
        return key + "@" + group;
    }

    @Override
    public <S extends Serializable, R extends Serializable> R update(String map, String key, Update<S, R> update) {
        return hazelcast.<String, S>getMap(map).executeOnKey(stored(key, key), new OnOwner<>(update));
    }

    /**
     * Sends each map its calls at once, all maps at the same time, and waits for them all. A map's calls go in
     * one entry processor that runs, on each key, that key's update: one operation per partition the keys span
     * (one, for a notification's keys of a group) instead of one per key.
     */
    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public List<Object> updateAll(List<Call> calls) {
        Map<String, LinkedHashMap<String, Update<?, ?>>> byMap = new LinkedHashMap<>();
        for (Call c : calls) {
            LinkedHashMap<String, Update<?, ?>> updates = byMap.computeIfAbsent(c.map(), m -> new LinkedHashMap<>());
            if (updates.putIfAbsent(stored(c.key(), c.group()), c.update()) != null) {
                // A key twice: its updates must run one after the other, which one processor per map cannot do.
                return GlobalStateStore.super.updateAll(calls);
            }
        }
        Map<String, CompletableFuture<Map<String, Object>>> pending = new LinkedHashMap<>();
        byMap.forEach((map, updates) -> pending.put(map, hazelcast.<String, Serializable>getMap(map)
                .submitToKeys(updates.keySet(), (EntryProcessor) new OnOwnerEach(updates)).toCompletableFuture()));
        List<Object> out = new ArrayList<>(calls.size());
        for (Call c : calls) {
            // A key whose update answered null has no entry in its map's answer.
            out.add(pending.get(c.map()).join().get(stored(c.key(), c.group())));
        }
        return out;
    }

    /** Runs on each of its keys the update meant for that key; one of these goes to each partition concerned. */
    public static final class OnOwnerEach implements EntryProcessor<String, Serializable, Object>, IdentifiedDataSerializable {
        private static final long serialVersionUID = 1L;
        private Map<String, Update<?, ?>> updates;

        OnOwnerEach(Map<String, Update<?, ?>> updates) {
            this.updates = updates;
        }

        /** For deserialization ({@link ClusterSerialization}). */
        public OnOwnerEach() {
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public Object process(Map.Entry<String, Serializable> entry) {
            Update update = updates.get(entry.getKey());
            return update == null ? null : new OnOwner<>(update).process((Map.Entry) entry);
        }

        @Override
        public int getFactoryId() {
            return ClusterSerialization.FACTORY_ID;
        }

        @Override
        public int getClassId() {
            return ClusterSerialization.ON_OWNER_EACH;
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            out.writeInt(updates.size());
            for (Map.Entry<String, Update<?, ?>> e : updates.entrySet()) {
                out.writeString(e.getKey());
                out.writeObject(e.getValue());
            }
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            int n = in.readInt();
            updates = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                updates.put(in.readString(), in.readObject());
            }
        }
    }

    /** Adapts an update to Hazelcast's entry processor; runs where the entry lives. */
    public static final class OnOwner<S extends Serializable, R extends Serializable> implements EntryProcessor<String, S, R>,
            IdentifiedDataSerializable {
        private static final long serialVersionUID = 1L;
        private Update<S, R> update;

        OnOwner(Update<S, R> update) {
            this.update = update;
        }

        /** For deserialization ({@link ClusterSerialization}). */
        public OnOwner() {
        }

        @Override
        public int getFactoryId() {
            return ClusterSerialization.FACTORY_ID;
        }

        @Override
        public int getClassId() {
            return ClusterSerialization.ON_OWNER;
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            // The update's own serializer (DetectorSerializers), not Java serialization.
            out.writeObject(update);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            update = in.readObject();
        }

        @Override
        public R process(Map.Entry<String, S> entry) {
            return update.apply(new StateHolder<S>() {
                @Override
                public S get() {
                    return entry.getValue();
                }

                @Override
                public void set(S state) {
                    entry.setValue(state);
                }
            });
        }
    }
}
