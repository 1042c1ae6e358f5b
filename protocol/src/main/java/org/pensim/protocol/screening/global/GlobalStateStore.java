package org.pensim.protocol.screening.global;

import java.io.Serializable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the registry keeps the state of its global indicators: one small state object per key,
 * updated atomically where it lives. The registry's implementation runs each update as a Hazelcast
 * entry processor on the partition that owns the key, so detection scales out with the cluster;
 * {@link InMemory} serves simulations and tests.
 */
public interface GlobalStateStore {

    /** An atomic read-modify-write of one key's state; must be serializable to travel to its partition. */
    interface Update<S extends Serializable, R extends Serializable> extends Serializable {
        /** @param state the current state, or null; return the detection result. Mutate {@code holder}. */
        R apply(StateHolder<S> holder);
    }

    /** The state slot of one key, as an update sees it. */
    interface StateHolder<S> {
        S get();

        void set(S state);
    }

    <S extends Serializable, R extends Serializable> R update(String map, String key, Update<S, R> update);

    /** A store in the local heap, for one process. */
    final class InMemory implements GlobalStateStore {
        private final Map<String, Map<String, Object>> maps = new ConcurrentHashMap<>();

        @Override
        @SuppressWarnings("unchecked")
        public <S extends Serializable, R extends Serializable> R update(String map, String key, Update<S, R> update) {
            Map<String, Object> m = maps.computeIfAbsent(map, k -> new ConcurrentHashMap<>());
            Object[] result = new Object[1];
            m.compute(key, (k, current) -> {
                Object[] slot = {current};
                result[0] = update.apply(new StateHolder<S>() {
                    @Override
                    public S get() {
                        return (S) slot[0];
                    }

                    @Override
                    public void set(S state) {
                        slot[0] = state;
                    }
                });
                return slot[0];
            });
            return (R) result[0];
        }

        public int size(String map) {
            return maps.getOrDefault(map, Map.of()).size();
        }
    }
}
