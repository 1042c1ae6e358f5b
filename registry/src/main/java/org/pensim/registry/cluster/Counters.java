package org.pensim.registry.cluster;

import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import java.util.Map;

/**
 * Durable counters kept in a write-through map and changed atomically on their owner member: inbox
 * sequences stay contiguous and survive a cold restart.
 */
public final class Counters {

    private final IMap<String, HazelcastJsonValue> map;

    public Counters(IMap<String, HazelcastJsonValue> map) {
        this.map = map;
    }

    /** Adds one and returns the new value. */
    public long next(String name) {
        return map.executeOnKey(name, new Increment());
    }

    /** Reserves {@code size} values at once and returns the last of them (the first is last - size + 1). */
    public long reserve(String name, int size) {
        return map.executeOnKey(name, new Increment(size));
    }

    /**
     * Hands out unique, increasing numbers from durable blocks, so that a member writes the counter once
     * per block rather than once per number. Numbers are unique across the cluster and restarts; gaps
     * appear when a member stops with part of its block unused.
     */
    public static final class Sequence {
        private final Counters counters;
        private final String name;
        private final int blockSize;
        private long next = 1;
        private long last = 0;

        public Sequence(Counters counters, String name, int blockSize) {
            this.counters = counters;
            this.name = name;
            this.blockSize = blockSize;
        }

        public synchronized long next() {
            if (next > last) {
                last = counters.reserve(name, blockSize);
                next = last - blockSize + 1;
            }
            return next++;
        }
    }

    public long current(String name) {
        HazelcastJsonValue v = map.get(name);
        return v == null ? 0 : Long.parseLong(field(v.toString(), "value"));
    }

    static String field(String json, String name) {
        try {
            return org.pensim.protocol.json.ProtocolJson.parse(json).path(name).asText();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("corrupt counter " + json, e);
        }
    }

    public static final class Increment implements EntryProcessor<String, HazelcastJsonValue, Long>,
            com.hazelcast.nio.serialization.IdentifiedDataSerializable {
        private static final long serialVersionUID = 2L;
        private int by = 1;

        /** Adds one; also the form deserialization starts from ({@link ClusterSerialization}). */
        public Increment() {
        }

        Increment(int by) {
            this.by = by;
        }

        @Override
        public int getFactoryId() {
            return ClusterSerialization.FACTORY_ID;
        }

        @Override
        public int getClassId() {
            return ClusterSerialization.INCREMENT;
        }

        @Override
        public void writeData(com.hazelcast.nio.ObjectDataOutput out) throws java.io.IOException {
            out.writeInt(by);
        }

        @Override
        public void readData(com.hazelcast.nio.ObjectDataInput in) throws java.io.IOException {
            by = in.readInt();
        }

        @Override
        public Long process(Map.Entry<String, HazelcastJsonValue> entry) {
            long next = (entry.getValue() == null ? 0 : Long.parseLong(field(entry.getValue().toString(), "value"))) + by;
            entry.setValue(new HazelcastJsonValue("{\"value\":" + next + "}"));
            return next;
        }
    }
}
