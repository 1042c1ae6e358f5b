package org.pensim.registry.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.protocol.pki.AuthorityRole;

/**
 * Each authority's inbox: what was delivered to it, numbered 1, 2, 3... without gaps, so that a
 * reader resuming "after N" misses nothing. Entries live in a write-through map keyed by
 * authority and sequence; a read is one batched look-up of the next keys.
 *
 * <p>The head of each inbox (its last sequence) is kept in memory, with backups, and not written to
 * the database: it is derived data, the highest sequence of the inbox's stored entries, and is
 * recomputed from them when it is missing (after a cold restart). Writing it through on every
 * delivery made each importing country's inbox a queue of database round trips.
 */
public final class Inbox {

    /** A sequence allocated but never written (its writer died) is skipped once this old. */
    public static final Duration HOLE_TIMEOUT = Duration.ofSeconds(10);

    private final IMap<String, HazelcastJsonValue> entries;
    private final IMap<String, InboxHead> heads;
    private final Clock clock;
    /**
     * Real time, for judging whether an entry's writer died ({@link #HOLE_TIMEOUT}): a death or a stall takes wall
     * time, whatever the registry's clock does (an exercise's runs 720 times faster, or stands still).
     */
    private final Clock wall;

    public Inbox(IMap<String, HazelcastJsonValue> entries, IMap<String, InboxHead> heads, Clock clock) {
        this(entries, heads, clock, Clock.systemUTC());
    }

    public Inbox(IMap<String, HazelcastJsonValue> entries, IMap<String, InboxHead> heads, Clock clock, Clock wall) {
        this(entries, heads, clock, wall, org.pensim.registry.cluster.Departures.NONE);
    }

    public Inbox(IMap<String, HazelcastJsonValue> entries, IMap<String, InboxHead> heads, Clock clock, Clock wall,
            org.pensim.registry.cluster.Departures departures) {
        this.entries = entries;
        this.heads = heads;
        this.clock = clock;
        this.wall = wall;
        this.departures = departures;
    }

    /** Who left the cluster: entries their writer left without completing are passed without waiting. */
    private final org.pensim.registry.cluster.Departures departures;

    /** The member writing this member's entries, as they name it ({@link #writerGone}). */
    public String self() {
        return departures.self();
    }

    public static String owner(String country, AuthorityRole role) {
        return country + ":" + role.name();
    }

    public static String key(String owner, long sequence) {
        // Zero-padded to 12 digits so that keys sort as sequences; by hand, as String.format parsed its pattern on
        // every key of every inbox read and write.
        String digits = Long.toString(sequence);
        StringBuilder key = new StringBuilder(owner.length() + 13).append(owner).append(':');
        for (int pad = 12 - digits.length(); pad > 0; pad--) {
            key.append('0');
        }
        return key.append(digits).toString();
    }

    /** Delivers an item and returns its sequence in the owner's inbox. */
    public long append(String country, AuthorityRole role, String kind, String id, String notificationId) {
        return appendEntry(country, role, kind, id, notificationId).sequence();
    }

    /**
     * An entry written: its sequence, when it was delivered by the registry's clock, and when it was written in wall
     * time (what readers judge its age by, {@link #olderThanHoleTimeout}).
     */
    public record Appended(long sequence, Instant writtenAt, long writtenAtWallMillis) {
    }

    /** Delivers an item and returns its sequence in the owner's inbox, with the time written in the entry. */
    public Appended appendEntry(String country, AuthorityRole role, String kind, String id, String notificationId) {
        String owner = owner(country, role);
        // The token makes the allocation one even when Hazelcast runs it twice (InboxHead); the member is who readers
        // ask about when the entry does not come.
        long token = java.util.concurrent.ThreadLocalRandom.current().nextLong() | 1L;
        long seq = heads.executeOnKey(owner, new InboxHead.Allocate(token, departures.self()));
        if (seq < 0) {
            recoverHead(owner);
            seq = heads.executeOnKey(owner, new InboxHead.Allocate(token, departures.self()));
        }
        Instant at = clock.instant();
        long wallMillis = wall.millis();
        HazelcastJsonValue value = new HazelcastJsonValue(entry(seq, kind, id, notificationId, at, wallMillis).toString());
        if (rebuiltFromRecord(value)) {
            // Never written to the database (the record it delivers is, and a cold start rebuilds it from that):
            // a transient put does not pass through the map store, whose offloaded call was a hand-off to another
            // thread and back on every submission, to write nothing.
            entries.putTransient(key(owner, seq), value, 0, java.util.concurrent.TimeUnit.SECONDS);
        } else {
            entries.set(key(owner, seq), value);
        }
        return new Appended(seq, at, wallMillis);
    }

    private ObjectNode entry(long sequence, String kind, String id, String notificationId, Instant at, long wallMillis) {
        ObjectNode n = ProtocolJson.mapper().createObjectNode();
        n.put("sequence", sequence);
        n.put("kind", kind);
        n.put("id", id);
        n.put("notificationId", notificationId);
        n.put("deliveredAt", at.toString());
        n.put("writtenAtMillis", wallMillis);
        String writer = departures.self();
        if (writer != null) {
            n.put("writtenBy", writer);
        }
        return n;
    }

    /**
     * Whether an entry was written longer than {@link #HOLE_TIMEOUT} ago in wall time, so that a writer that has not
     * completed it by now never will ({@code submission.StoreFirstDelivery} refuses to, from half that age on).
     * Entries rebuilt after a cold restart carry no wall time and are judged by their delivery time.
     */
    public boolean olderThanHoleTimeout(JsonNode entry) {
        JsonNode written = entry.get("writtenAtMillis");
        if (written != null) {
            return wall.millis() - written.asLong() > HOLE_TIMEOUT.toMillis();
        }
        return Instant.parse(entry.get("deliveredAt").asText()).isBefore(clock.instant().minus(HOLE_TIMEOUT));
    }

    /**
     * Whether the member that wrote an entry has left the cluster for good ({@link org.pensim.registry.cluster.Departures}):
     * a notification's entry it had not named in a stored record by then never will be (the store refuses a writer
     * that is no member, {@code submission.StoreFirstDelivery}), so readers pass it without waiting out
     * {@link #HOLE_TIMEOUT}. After a member is killed under load this is most of what its requests in flight leave.
     */
    public boolean writerGone(JsonNode entry) {
        return departures.goneForGood(entry.path("writtenBy").asText(null));
    }

    /**
     * Withdraws an entry that must not be delivered (its notification is delivered by another request):
     * it stays as a tombstone, which readers pass at once, rather than a gap; a gap at the end of an
     * inbox would let a head recovered after a cold restart hand its sequence out again, behind the
     * cursor of a reader who had passed it.
     */
    public void withdraw(String country, AuthorityRole role, long sequence, String kind, String id) {
        ObjectNode n = entry(sequence, kind, id, id, clock.instant(), wall.millis()).put("withdrawn", true);
        entries.set(key(owner(country, role), sequence), new HazelcastJsonValue(n.toString()));
    }

    /**
     * Whether an inbox entry is left out of the database: a notification's delivery, which the notification's
     * stored record names ({@code inboxSequence}), so that one durable write (the record) acknowledges a
     * submission and a cold restart rebuilds the entry from the record ({@link #deliveriesOf}). Withdrawn
     * entries and events are written as they are.
     */
    public static boolean rebuiltFromRecord(HazelcastJsonValue entry) {
        String s = entry.getValue();
        return s.contains("\"kind\":\"NOTIFICATION\"") && !s.contains("\"withdrawn\"");
    }

    /**
     * The inbox entries that the stored notification records name as their deliveries, by inbox key: what
     * {@link #rebuiltFromRecord} leaves out of the database.
     *
     * @param records calls its argument with each stored record's JSON
     */
    public static Map<String, HazelcastJsonValue> deliveriesOf(java.util.function.Consumer<java.util.function.Consumer<String>> records) {
        Map<String, HazelcastJsonValue> out = new java.util.HashMap<>();
        records.accept(json -> {
            JsonNode r;
            try {
                r = ProtocolJson.parse(json);
            } catch (IOException e) {
                throw new IllegalStateException("unreadable notification record", e);
            }
            if (!r.has("inboxSequence")) {
                return;
            }
            long sequence = r.get("inboxSequence").asLong();
            ObjectNode n = ProtocolJson.mapper().createObjectNode();
            n.put("sequence", sequence);
            n.put("kind", "NOTIFICATION");
            n.put("id", r.get("id").asText());
            n.put("notificationId", r.get("id").asText());
            n.put("deliveredAt", r.path("deliveredAt").asText(r.path("receivedAt").asText()));
            out.put(key(owner(r.get("importingCountry").asText(), AuthorityRole.IMPORTING), sequence),
                    new HazelcastJsonValue(n.toString()));
        });
        return out;
    }

    /** Whether an entry read from an inbox was withdrawn (see {@link #withdraw}). */
    public static boolean isWithdrawn(JsonNode entry) {
        return entry.path("withdrawn").asBoolean(false);
    }

    /** Up to {@code limit} entries after {@code after}, in order and without gaps. */
    public List<JsonNode> read(String country, AuthorityRole role, long after, int limit) {
        String owner = owner(country, role);
        long head = head(owner);
        List<JsonNode> out = new ArrayList<>();
        long next = after + 1;
        while (out.size() < limit && next <= head) {
            long end = Math.min(head, next + (limit - out.size()) - 1);
            Set<String> keys = new LinkedHashSet<>();
            for (long s = next; s <= end; s++) {
                keys.add(key(owner, s));
            }
            Map<String, HazelcastJsonValue> found = entries.getAll(keys);
            boolean stalled = false;
            for (long s = next; s <= end; s++) {
                HazelcastJsonValue v = found.get(key(owner, s));
                if (v == null) {
                    if (!holeExpired(owner, s, end, found)) {
                        stalled = true;
                        break;
                    }
                    next = s + 1;
                    continue;
                }
                out.add(parse(v));
                next = s + 1;
            }
            if (stalled) {
                break;
            }
        }
        return out;
    }

    public long head(String country, AuthorityRole role) {
        return head(owner(country, role));
    }

    private long head(String owner) {
        long head = heads.executeOnKey(owner, new InboxHead.Last());
        return head >= 0 ? head : recoverHead(owner);
    }

    /**
     * Sets a missing head to the highest stored sequence of the inbox. Members racing here compute the
     * same value; the first one's stands, and no sequence can be handed out before it is set.
     */
    private long recoverHead(String owner) {
        long max = 0;
        for (String key : entries.keySet(com.hazelcast.query.Predicates.like("__key", owner + ":%"))) {
            max = Math.max(max, Long.parseLong(key.substring(owner.length() + 1)));
        }
        InboxHead previous = heads.putIfAbsent(owner, new InboxHead(max));
        return previous != null ? previous.last() : max;
    }

    /**
     * A missing entry was allocated by a writer that will never finish it: an entry after it is old enough, or, a
     * while after a member left, the entry after it has waited {@link org.pensim.registry.cluster.Departures#GRACE}
     * and the sequence went to a member that has left the cluster (asked only then: a missing entry is usually one
     * being written at that moment, and the question costs a cluster call).
     */
    private boolean holeExpired(String owner, long missing, long end, Map<String, HazelcastJsonValue> found) {
        for (long s = missing + 1; s <= end; s++) {
            HazelcastJsonValue v = found.get(key(owner, s));
            if (v != null) {
                JsonNode next = parse(v);
                boolean expired = olderThanHoleTimeout(next) || (departures.someLeftLately()
                        && writtenLongerAgoThan(next, org.pensim.registry.cluster.Departures.GRACE.toMillis())
                        && departures.goneForGood(heads.executeOnKey(owner, new InboxHead.MemberOf(missing))));
                return expired && entries.get(key(owner, missing)) == null;
            }
        }
        return false;
    }

    private boolean writtenLongerAgoThan(JsonNode entry, long millis) {
        JsonNode written = entry.get("writtenAtMillis");
        return written != null && wall.millis() - written.asLong() > millis;
    }

    private static JsonNode parse(HazelcastJsonValue v) {
        try {
            return ProtocolJson.parse(v.toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
