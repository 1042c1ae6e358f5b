package org.pensim.registry.delivery;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.util.Map;
import org.pensim.registry.cluster.ClusterSerialization;

/**
 * The head of one inbox: its last sequence, and who was handed each of the most recent ones. Readers that meet a
 * sequence with no entry yet ask who it went to: when that member has left the cluster the entry will never be
 * written, and they pass it at once instead of waiting out {@link Inbox#HOLE_TIMEOUT}. Each allocation carries
 * its request's token, so that Hazelcast running the allocation again (its owner left before answering, and the
 * promoted backup already counted it) hands out the same sequence rather than leaving the first one a hole.
 *
 * <p>Kept in memory in object form (the map {@code inbox-heads}), changed only by the operations here, on the
 * owner and, the same operation, on the backup.
 */
public final class InboxHead implements IdentifiedDataSerializable {

    /** How many recent allocations a head remembers: more than the requests one inbox can have in flight. */
    static final int REMEMBERED = 256;

    private long last;
    private long[] tokens = new long[REMEMBERED];
    private String[] members = new String[REMEMBERED];

    /** For deserialization ({@link ClusterSerialization}). */
    public InboxHead() {
    }

    InboxHead(long last) {
        this.last = last;
    }

    public long last() {
        return last;
    }

    /** The sequence allocated to {@code token}, a new one unless this token already has one among the remembered. */
    long allocate(long token, String member) {
        for (long s = last; s > Math.max(0, last - REMEMBERED); s--) {
            int i = slot(s);
            if (tokens[i] == token && token != 0) {
                return s;
            }
        }
        last++;
        tokens[slot(last)] = token;
        members[slot(last)] = member;
        return last;
    }

    /** The member a remembered sequence went to; null when it is too old to be remembered or went to nobody known. */
    String memberOf(long sequence) {
        return sequence <= last && sequence > last - REMEMBERED && sequence > 0 ? members[slot(sequence)] : null;
    }

    private static int slot(long sequence) {
        return (int) Math.floorMod(sequence, (long) REMEMBERED);
    }

    @Override
    public int getFactoryId() {
        return ClusterSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return ClusterSerialization.INBOX_HEAD;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(last);
        out.writeLongArray(tokens);
        out.writeStringArray(members);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        last = in.readLong();
        tokens = in.readLongArray();
        members = in.readStringArray();
    }

    /**
     * Hands out the next sequence of an inbox, on its owner member, to one request (its token) of one member; -1
     * when the head is missing and must be recovered first.
     */
    public static final class Allocate implements EntryProcessor<String, InboxHead, Long>, IdentifiedDataSerializable {
        private long token;
        private String member;

        /** For deserialization ({@link ClusterSerialization}). */
        public Allocate() {
        }

        public Allocate(long token, String member) {
            this.token = token;
            this.member = member;
        }

        @Override
        public Long process(Map.Entry<String, InboxHead> entry) {
            InboxHead head = entry.getValue();
            if (head == null) {
                return -1L;
            }
            long sequence = head.allocate(token, member);
            entry.setValue(head);
            return sequence;
        }

        @Override
        public int getFactoryId() {
            return ClusterSerialization.FACTORY_ID;
        }

        @Override
        public int getClassId() {
            return ClusterSerialization.ALLOCATE_SEQUENCE;
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            out.writeLong(token);
            out.writeString(member);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            token = in.readLong();
            member = in.readString();
        }
    }

    /** Reads a head without copying its allocations: its last sequence, or -1 when it is missing. */
    public static final class Last implements EntryProcessor<String, InboxHead, Long>, com.hazelcast.core.ReadOnly,
            IdentifiedDataSerializable {

        @Override
        public Long process(Map.Entry<String, InboxHead> entry) {
            return entry.getValue() == null ? -1L : entry.getValue().last();
        }

        @Override
        public EntryProcessor<String, InboxHead, Long> getBackupProcessor() {
            return null;
        }

        @Override
        public int getFactoryId() {
            return ClusterSerialization.FACTORY_ID;
        }

        @Override
        public int getClassId() {
            return ClusterSerialization.LAST_SEQUENCE;
        }

        @Override
        public void writeData(ObjectDataOutput out) {
        }

        @Override
        public void readData(ObjectDataInput in) {
        }
    }

    /** Who a sequence of an inbox went to, if the head still remembers it (see {@link InboxHead#memberOf}). */
    public static final class MemberOf implements EntryProcessor<String, InboxHead, String>, com.hazelcast.core.ReadOnly,
            IdentifiedDataSerializable {
        private long sequence;

        /** For deserialization ({@link ClusterSerialization}). */
        public MemberOf() {
        }

        MemberOf(long sequence) {
            this.sequence = sequence;
        }

        @Override
        public String process(Map.Entry<String, InboxHead> entry) {
            return entry.getValue() == null ? null : entry.getValue().memberOf(sequence);
        }

        @Override
        public EntryProcessor<String, InboxHead, String> getBackupProcessor() {
            return null;
        }

        @Override
        public int getFactoryId() {
            return ClusterSerialization.FACTORY_ID;
        }

        @Override
        public int getClassId() {
            return ClusterSerialization.MEMBER_OF_SEQUENCE;
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            out.writeLong(sequence);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            sequence = in.readLong();
        }
    }
}
