package org.pensim.registry.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which members have left the cluster, and since when, as this member saw it: an inbox entry whose writer left
 * before naming it in a record will never be named (the store that names it refuses a writer that is not a
 * member, {@code submission.StoreFirstDelivery}), so readers need not wait out {@code Inbox.HOLE_TIMEOUT} for it.
 */
public final class Departures {

    /**
     * How long after this member saw a member leave its entries are passed: members apply a new member list within
     * milliseconds of each other, and an owner that still counted the writer as a member when it stored a record
     * did so long before this.
     */
    public static final Duration GRACE = Duration.ofSeconds(2);

    /** For code that runs without a cluster (tests of one part): nobody ever leaves. */
    public static final Departures NONE = new Departures(null, Clock.systemUTC());

    private final HazelcastInstance hazelcast;
    private final Clock wall;
    private final long joinedAtMillis;
    private final Map<UUID, Long> leftAtMillis = new ConcurrentHashMap<>();
    /** When a member last left, or this member joined (see {@link #someLeftLately}). */
    private volatile long lastChangeMillis;

    /** Longer than any hole a departure leaves takes to be passed (Inbox.HOLE_TIMEOUT, 10 s). */
    private static final Duration LATELY = Duration.ofMinutes(1);

    public Departures(HazelcastInstance hazelcast, Clock wall) {
        this.hazelcast = hazelcast;
        this.wall = wall;
        this.joinedAtMillis = wall.millis();
        this.lastChangeMillis = joinedAtMillis;
        if (hazelcast != null) {
            hazelcast.getCluster().addMembershipListener(new MembershipListener() {
                @Override
                public void memberAdded(MembershipEvent event) {
                }

                @Override
                public void memberRemoved(MembershipEvent event) {
                    leftAtMillis.put(event.getMember().getUuid(), wall.millis());
                    lastChangeMillis = wall.millis();
                }
            });
        }
    }

    /**
     * Whether a member left, or this member joined, within the last minute: only then can readers meet entries that
     * a departed member will never write, and only then is it worth asking who a missing entry went to.
     */
    public boolean someLeftLately() {
        return hazelcast != null && wall.millis() - lastChangeMillis < LATELY.toMillis();
    }

    /** This member's id, as entries it writes name their writer; null without a cluster. */
    public String self() {
        return hazelcast == null ? null : hazelcast.getCluster().getLocalMember().getUuid().toString();
    }

    /**
     * Whether the member with this id left at least {@link #GRACE} ago: it is not a member now, and either this
     * member saw it leave that long ago or it left before this member joined, that long ago. Null (an entry
     * written before entries named their writer) and a present member are never gone.
     */
    public boolean goneForGood(String member) {
        if (hazelcast == null || member == null || isMember(hazelcast, member)) {
            return false;
        }
        Long left = leftAtMillis.get(UUID.fromString(member));
        long since = left != null ? left : joinedAtMillis;
        return wall.millis() - since >= GRACE.toMillis();
    }

    /** Whether the member with this id is in the cluster as {@code hazelcast} sees it now. */
    public static boolean isMember(HazelcastInstance hazelcast, String member) {
        for (Member m : hazelcast.getCluster().getMembers()) {
            if (m.getUuid().toString().equals(member)) {
                return true;
            }
        }
        return false;
    }
}
