package org.pensim.protocol.screening.global;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    /** Runs one update; the key is its own group (see {@link Call}). */
    <S extends Serializable, R extends Serializable> R update(String map, String key, Update<S, R> update);

    /**
     * One update of one key. {@code group} names the keys a store may keep together (a cluster: in one entry),
     * so that the updates one notification makes to several keys of a map can travel and run as one.
     */
    record Call(String map, String key, String group, Update<?, ?> update) {
    }

    /**
     * Runs the calls and returns their results in the order of the calls. Each key's updates run in the order given;
     * a store may run the calls to one map together, and those to different maps at the same time.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    default List<Object> updateAll(List<Call> calls) {
        List<Object> out = new ArrayList<>(calls.size());
        for (Call c : calls) {
            out.add(update(c.map(), c.key(), (Update) c.update()));
        }
        return out;
    }

    /**
     * A store in the local heap, for one process. Updates are serialised on the store: a simulation runs
     * them from one thread, and a lock nobody contends costs less than a concurrent map's compute with
     * its captured lambdas (a simulation makes four updates per notification).
     */
    final class InMemory implements GlobalStateStore {
        private final Map<String, Map<String, Object>> maps = new HashMap<>();
        private final Slot slot = new Slot();

        @Override
        @SuppressWarnings("unchecked")
        public synchronized <S extends Serializable, R extends Serializable> R update(String map, String key,
                Update<S, R> update) {
            Map<String, Object> m = maps.computeIfAbsent(map, k -> new HashMap<>());
            Object current = m.get(key);
            slot.state = current;
            R result = update.apply((StateHolder<S>) (StateHolder<?>) slot);
            Object next = slot.state;
            slot.state = null;
            if (next == null) {
                m.remove(key);
            } else if (next != current) {
                m.put(key, next);
            }
            return result;
        }

        public synchronized int size(String map) {
            return maps.getOrDefault(map, Map.of()).size();
        }

        /** The one state slot, reused: updates run one at a time. */
        private static final class Slot implements StateHolder<Object> {
            private Object state;

            @Override
            public Object get() {
                return state;
            }

            @Override
            public void set(Object state) {
                this.state = state;
            }
        }
    }
}
