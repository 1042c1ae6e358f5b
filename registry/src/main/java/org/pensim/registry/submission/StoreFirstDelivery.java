package org.pensim.registry.submission;

import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.util.Map;
import org.pensim.registry.cluster.ClusterSerialization;

/**
 * Stores a notification's delivered record, naming its inbox entry, unless its id is already stored: the one
 * write that accepts a submission, run where the record lives. A lifecycle event's record is stored the same way
 * ({@code lifecycle.EventIntake}). A record stored is what makes its inbox entry
 * the delivery (readers serve an entry only once the record names it), so the first request to store wins
 * and every other request for the id withdraws its own entry.
 *
 * <p>Readers pass an entry whose record never came once it is {@link org.pensim.registry.delivery.Inbox#HOLE_TIMEOUT}
 * old. A request that stalled that long between writing its entry and storing its record must therefore not
 * store it: this refuses when the entry is older than {@code maxEntryAgeMillis} in wall time on the owner (entries
 * carry the wall time they were written at), half the hole timeout, which leaves the other half for the members'
 * clocks to differ. The request then withdraws that
 * entry and delivers anew.
 */
public final class StoreFirstDelivery implements EntryProcessor<String, HazelcastJsonValue, String>, IdentifiedDataSerializable,
        com.hazelcast.core.HazelcastInstanceAware {

    private static final long serialVersionUID = 1L;

    /** What {@link #process} answers when the entry was too old to be named: nothing was stored. */
    public static final String ENTRY_TOO_OLD = "ENTRY_TOO_OLD";

    /**
     * What {@link #process} answers when the member that wrote the entry is not a member (any more) as the owner
     * sees it: nothing was stored. Readers pass such a writer's unnamed entries soon after it left
     * ({@code Inbox.writerGone}); a store arriving after that must not name one.
     */
    public static final String WRITER_GONE = "WRITER_GONE";

    private String record;
    /** The member that wrote the entry (its id), or null when not known. */
    private String writer;
    private transient com.hazelcast.core.HazelcastInstance owner;
    private long entryWrittenAtMillis;
    private long maxEntryAgeMillis;
    /** Set on the backup's copy: the owner decided, the backup follows without judging the time again. */
    private boolean decided;
    /** Whether the owner stored the record, for {@link #getBackupProcessor()}, which Hazelcast asks after the run. */
    private transient boolean stored;

    /** For deserialization ({@link ClusterSerialization}). */
    public StoreFirstDelivery() {
    }

    public StoreFirstDelivery(String record, long entryWrittenAtMillis, long maxEntryAgeMillis) {
        this(record, entryWrittenAtMillis, maxEntryAgeMillis, null);
    }

    /** @param writer the member that wrote the entry, as {@code Inbox.self()} names it (null: not checked) */
    public StoreFirstDelivery(String record, long entryWrittenAtMillis, long maxEntryAgeMillis, String writer) {
        this.record = record;
        this.entryWrittenAtMillis = entryWrittenAtMillis;
        this.maxEntryAgeMillis = maxEntryAgeMillis;
        this.writer = writer;
    }

    @Override
    public void setHazelcastInstance(com.hazelcast.core.HazelcastInstance hazelcastInstance) {
        this.owner = hazelcastInstance;
    }

    /**
     * @return null when this record was stored; {@link #ENTRY_TOO_OLD} when nothing was; otherwise the record
     *         already stored for the id (the JSON), which may be this very record when the cluster ran the
     *         operation again after its owner died
     */
    @Override
    public String process(Map.Entry<String, HazelcastJsonValue> entry) {
        if (entry.getValue() != null) {
            return entry.getValue().getValue();
        }
        // Wall time, as readers judge an entry's age (Inbox.olderThanHoleTimeout): a stall takes real time, whatever
        // the registry's own clock does.
        if (!decided && System.currentTimeMillis() - entryWrittenAtMillis > maxEntryAgeMillis) {
            return ENTRY_TOO_OLD;
        }
        if (!decided && writer != null && owner != null
                && !org.pensim.registry.cluster.Departures.isMember(owner, writer)) {
            return WRITER_GONE;
        }
        entry.setValue(new HazelcastJsonValue(record));
        stored = true;
        return null;
    }

    /**
     * The backup stores exactly what the owner stored: the same processor, without the time check, whose
     * outcome on the backup could differ. Nothing goes to the backup when the owner stored nothing.
     */
    @Override
    public EntryProcessor<String, HazelcastJsonValue, String> getBackupProcessor() {
        if (decided || !stored) {
            return null;
        }
        StoreFirstDelivery backup = new StoreFirstDelivery(record, entryWrittenAtMillis, maxEntryAgeMillis, writer);
        backup.decided = true;
        return backup;
    }

    @Override
    public int getFactoryId() {
        return ClusterSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return ClusterSerialization.STORE_FIRST_DELIVERY;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(record);
        out.writeLong(entryWrittenAtMillis);
        out.writeLong(maxEntryAgeMillis);
        out.writeBoolean(decided);
        out.writeString(writer);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        record = in.readString();
        entryWrittenAtMillis = in.readLong();
        maxEntryAgeMillis = in.readLong();
        decided = in.readBoolean();
        writer = in.readString();
    }
}
