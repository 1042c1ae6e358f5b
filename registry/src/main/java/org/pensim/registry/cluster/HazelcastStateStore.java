package org.pensim.registry.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.io.Serializable;
import java.util.Map;
import org.pensim.protocol.screening.global.GlobalStateStore;

/**
 * Runs global-indicator updates as entry processors on the member that owns the key, so detection work
 * spreads over the cluster with the data.
 */
public final class HazelcastStateStore implements GlobalStateStore {

    private final HazelcastInstance hazelcast;

    public HazelcastStateStore(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
    }

    @Override
    public <S extends Serializable, R extends Serializable> R update(String map, String key, Update<S, R> update) {
        return hazelcast.<String, S>getMap(map).executeOnKey(key, new OnOwner<>(update));
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
