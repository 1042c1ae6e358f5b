package org.pensim.registry.cluster;

import com.hazelcast.config.SerializationConfig;
import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.util.Map;
import java.util.function.Supplier;
import org.pensim.registry.authorities.EnrolmentTokens;
import org.pensim.registry.lifecycle.NotificationRecords;
import org.pensim.registry.screening.DetectorSerializers;

/**
 * How the registry's own operations travel between members: each entry processor writes its few fields itself
 * ({@link IdentifiedDataSerializable}), and the global indicators' updates have serializers of their own
 * ({@link DetectorSerializers}). Java serialization of these objects, on the sender, the owner and the backup,
 * was the largest single cost in a three-member cluster's partition threads.
 */
public final class ClusterSerialization {

    /** Positive, unlike Hazelcast's own factories. */
    public static final int FACTORY_ID = 1100;

    // 1 was Inbox.NextSequence, before an inbox head remembered who each sequence went to (InboxHead).
    public static final int INCREMENT = 2;
    public static final int ON_GROUP = 3;
    public static final int APPLY_EVENT = 4;
    public static final int STORE_FIRST_DELIVERY = 5;
    public static final int ADD_FLAGS = 6;
    public static final int SPEND_TOKEN = 7;
    public static final int INBOX_HEAD = 8;
    public static final int ALLOCATE_SEQUENCE = 9;
    public static final int LAST_SEQUENCE = 10;
    public static final int MEMBER_OF_SEQUENCE = 11;

    private static final Map<Integer, Supplier<IdentifiedDataSerializable>> CLASSES = Map.of(
            INCREMENT, Counters.Increment::new,
            ON_GROUP, HazelcastStateStore.OnGroup::new,
            APPLY_EVENT, NotificationRecords.ApplyEvent::new,
            STORE_FIRST_DELIVERY, org.pensim.registry.submission.StoreFirstDelivery::new,
            ADD_FLAGS, NotificationRecords.AddFlags::new,
            SPEND_TOKEN, EnrolmentTokens.Spend::new,
            INBOX_HEAD, org.pensim.registry.delivery.InboxHead::new,
            ALLOCATE_SEQUENCE, org.pensim.registry.delivery.InboxHead.Allocate::new,
            LAST_SEQUENCE, org.pensim.registry.delivery.InboxHead.Last::new,
            MEMBER_OF_SEQUENCE, org.pensim.registry.delivery.InboxHead.MemberOf::new);

    private ClusterSerialization() {
    }

    /** Adds the registry's factory and serializers to a member's configuration. */
    public static void configure(SerializationConfig config) {
        config.addDataSerializableFactory(FACTORY_ID, factory());
        DetectorSerializers.register(config);
    }

    static DataSerializableFactory factory() {
        return classId -> {
            Supplier<IdentifiedDataSerializable> make = CLASSES.get(classId);
            if (make == null) {
                throw new IllegalArgumentException("no registry class with id " + classId);
            }
            return make.get();
        };
    }
}
