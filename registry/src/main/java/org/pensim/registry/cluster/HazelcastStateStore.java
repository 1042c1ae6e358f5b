package org.pensim.registry.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import com.hazelcast.map.IMap;
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

    /**
     * Sends every update to its key's owner at once and waits for all: one round trip's wait for a
     * notification's indicators instead of one per indicator.
     */
    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public List<Serializable> updateAll(List<Request> requests) {
        List<CompletableFuture<Serializable>> pending = new ArrayList<>();
        for (Request r : requests) {
            IMap<String, Serializable> map = hazelcast.getMap(r.map());
            pending.add(map.submitToKey(r.key(), new OnOwner(r.update())).toCompletableFuture());
        }
        List<Serializable> results = new ArrayList<>();
        for (CompletableFuture<Serializable> f : pending) {
            try {
                results.add(f.join());
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException re ? re : e;
            }
        }
        return results;
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
