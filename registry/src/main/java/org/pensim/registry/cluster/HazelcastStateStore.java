package org.pensim.registry.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.pensim.protocol.screening.global.GlobalStateStore;

/**
 * Keeps the global indicators' windows in Hazelcast maps and updates them with entry processors on the member
 * that owns them, so detection work spreads over the cluster with the data. A map's entry is a group (a
 * consignee, a pair of countries, an importer) holding the windows of its keys: the updates one notification
 * makes to a group (one per substance) travel, run and are backed up as one operation, and the groups of
 * different maps are updated at the same time.
 */
public final class HazelcastStateStore implements GlobalStateStore {

    private final HazelcastInstance hazelcast;

    public HazelcastStateStore(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S extends Serializable, R extends Serializable> R update(String map, String key, Update<S, R> update) {
        return (R) updateAll(List.of(new Call(map, key, key, update))).get(0);
    }

    /** One entry processor per group of each map, all sent before any answer is waited for. */
    @Override
    public List<Object> updateAll(List<Call> calls) {
        Map<String, Map<String, OnGroup>> byMapAndGroup = new LinkedHashMap<>();
        for (Call c : calls) {
            byMapAndGroup.computeIfAbsent(c.map(), m -> new LinkedHashMap<>())
                    .computeIfAbsent(c.group(), g -> new OnGroup()).add(c.key(), c.update());
        }
        Map<OnGroup, CompletableFuture<ArrayList<Object>>> pending = new HashMap<>();
        byMapAndGroup.forEach((map, groups) -> groups.forEach((group, processor) -> pending.put(processor,
                hazelcast.<String, HashMap<String, Serializable>>getMap(map).submitToKey(group, processor)
                        .toCompletableFuture())));
        // Each group's answers come in the order of its updates, which is the order of the calls.
        Map<OnGroup, Integer> next = new HashMap<>();
        List<Object> out = new ArrayList<>(calls.size());
        for (Call c : calls) {
            OnGroup processor = byMapAndGroup.get(c.map()).get(c.group());
            out.add(pending.get(processor).join().get(next.merge(processor, 1, Integer::sum) - 1));
        }
        return out;
    }

    /**
     * Runs, on a group's entry (its keys' windows), each update on its key's window in turn, as
     * {@link GlobalStateStore.InMemory} would one by one; a window set to null goes, and so does an empty group.
     */
    public static final class OnGroup implements EntryProcessor<String, HashMap<String, Serializable>, ArrayList<Object>>,
            IdentifiedDataSerializable {
        private static final long serialVersionUID = 1L;
        private List<String> keys = new ArrayList<>();
        private List<Update<?, ?>> updates = new ArrayList<>();

        /** An empty one, to {@link #add} to; also the form deserialization starts from ({@link ClusterSerialization}). */
        public OnGroup() {
        }

        void add(String key, Update<?, ?> update) {
            keys.add(key);
            updates.add(update);
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public ArrayList<Object> process(Map.Entry<String, HashMap<String, Serializable>> entry) {
            HashMap<String, Serializable> windows = entry.getValue() == null ? new HashMap<>() : entry.getValue();
            ArrayList<Object> results = new ArrayList<>(keys.size());
            for (int i = 0; i < keys.size(); i++) {
                String key = keys.get(i);
                results.add(((Update) updates.get(i)).apply(new StateHolder<Serializable>() {
                    @Override
                    public Serializable get() {
                        return windows.get(key);
                    }

                    @Override
                    public void set(Serializable state) {
                        if (state == null) {
                            windows.remove(key);
                        } else {
                            windows.put(key, state);
                        }
                    }
                }));
            }
            // Set again even when changed in place: the map keeps objects, and the backup runs this same processor.
            entry.setValue(windows.isEmpty() ? null : windows);
            return results;
        }

        @Override
        public int getFactoryId() {
            return ClusterSerialization.FACTORY_ID;
        }

        @Override
        public int getClassId() {
            return ClusterSerialization.ON_GROUP;
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            out.writeInt(keys.size());
            for (int i = 0; i < keys.size(); i++) {
                out.writeString(keys.get(i));
                // The update's own serializer (DetectorSerializers), not Java serialization.
                out.writeObject(updates.get(i));
            }
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            int n = in.readInt();
            keys = new ArrayList<>(n);
            updates = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                keys.add(in.readString());
                updates.add(in.readObject());
            }
        }
    }
}
