package org.pensim.registry.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
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
    static final class OnOwner<S extends Serializable, R extends Serializable> implements EntryProcessor<String, S, R> {
        private static final long serialVersionUID = 1L;
        private final Update<S, R> update;

        OnOwner(Update<S, R> update) {
            this.update = update;
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
