package org.pensim.registry.screening;

import com.fasterxml.jackson.databind.JsonNode;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.query.Predicates;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.pensim.protocol.json.ProtocolJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The accepted notifications whose global indicators are still to be computed. The queue is a cluster
 * map with backups, so a member's death loses none of them: each entry is screened on the member that
 * owns it (the partition of the notification's record), as soon as it is queued (the entry carries the
 * document, so the event that announces it is all screening reads), or by the sweep that a failover or a migration leaves to the new owner. A screening thread takes
 * what waits on its member in batches (up to {@code screening.batchSize}), so that under load the updates of
 * many notifications to one window group travel as one operation; when little waits, a batch is one
 * notification and nothing is held back to fill it.
 *
 * <p>Screened entries stay for a while as tombstones, so that a retried submission, which re-queues
 * its notification in case the first request died between storing and queueing, is not screened twice.
 * A member that dies in the middle of screening one notification leaves it to be screened again by the
 * new owner: at least once, and exactly once unless a member dies.
 */
public final class GlobalScreeningQueue {

    public static final String MAP = "global-screening-queue";

    /** How long a screened entry is remembered; longer than a retried submission re-queues (see {@link #requeueWindowSeconds()}). */
    static final int TOMBSTONE_SECONDS = 60;

    /**
     * A queued notification, with the wall-clock time it was accepted (what its flags' delay is timed from) and,
     * when it was queued with them, what screening reads of it (the notification document and the time the registry
     * received it), so that screening need not read its record; null when the screener must read the record.
     */
    public record Queued(String notificationId, long acceptedEpochNanos, JsonNode document, String receivedAt) {
        public Queued(String notificationId, long acceptedEpochNanos) {
            this(notificationId, acceptedEpochNanos, null, null);
        }
    }

    /**
     * Screens queued notifications, in the order given; must tolerate being called again for an id after a
     * failover. Returns once the indicators' windows are updated, with one stage per notification, in the same
     * order, that completes when that notification's flags are stored.
     */
    @FunctionalInterface
    public interface Screener {
        List<java.util.concurrent.CompletionStage<?>> screen(List<Queued> batch) throws Exception;
    }

    private static final Logger LOG = LoggerFactory.getLogger(GlobalScreeningQueue.class);
    private static final String PENDING = "PENDING";
    private static final HazelcastJsonValue DONE = new HazelcastJsonValue("{\"state\":\"DONE\"}");

    private final HazelcastInstance hazelcast;
    private final IMap<String, HazelcastJsonValue> queue;
    private final Executor executor;
    private final Screener screener;
    private final int batchSize;
    private final int threads;
    /** Handed over and not yet taken by a screening thread, in the order handed over. */
    private final java.util.concurrent.ConcurrentLinkedQueue<Queued> ready = new java.util.concurrent.ConcurrentLinkedQueue<>();
    /** Screening threads at work on {@link #ready}: at most {@link #threads}. */
    private final java.util.concurrent.atomic.AtomicInteger draining = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.function.IntConsumer batchSizes;
    /** False while the cluster's indicator windows are rebuilt after a cold start (see {@link ScreeningRecovery}). */
    private final java.util.function.BooleanSupplier open;
    /**
     * Entries handed to the executor and not finished, with the wall-clock time each was accepted: the local
     * backlog, and what the sweep must not hand over twice.
     */
    private final ConcurrentHashMap<String, Long> inFlight = new ConcurrentHashMap<>();
    /** The longest wait in {@link #inFlight}, recomputed at most every {@link #LONGEST_WAIT_REFRESH_NANOS}. */
    private volatile long longestWaitMillis;
    private final java.util.concurrent.atomic.AtomicLong longestWaitComputedAt = new java.util.concurrent.atomic.AtomicLong();
    private static final long LONGEST_WAIT_REFRESH_NANOS = 100_000_000L;
    private final UUID listener;
    /**
     * What this member screened within the tombstone window, by id, with when ({@link System#nanoTime()}): a sweep
     * that read an entry as pending just before its screening ended must not hand it over again.
     */
    private final ConcurrentHashMap<String, Long> screenedHere = new ConcurrentHashMap<>();
    /** Pending entries this member owns while the queue is closed, as of the last {@link #sweep()}. */
    private volatile int held;

    /**
     * @param executor where screening runs, with {@code threads} threads
     * @param batchSize how many waiting notifications one thread screens at once, at most
     * @param open whether live screening may run: while it is false, queued notifications wait, to be
     *        handed over by the first {@link #sweep()} after it turns true
     * @param batchSizes told the size of each batch screened (a metric)
     */
    public GlobalScreeningQueue(HazelcastInstance hazelcast, Executor executor, int threads, int batchSize, Screener screener,
            java.util.function.BooleanSupplier open, java.util.function.IntConsumer batchSizes) {
        this.hazelcast = hazelcast;
        this.queue = hazelcast.getMap(MAP);
        this.executor = executor;
        this.threads = threads;
        this.batchSize = batchSize;
        this.screener = screener;
        this.open = open;
        this.batchSizes = batchSizes;
        // A local listener runs on the member that owns the new entry: the work follows the data.
        this.listener = queue.addLocalEntryListener((EntryAddedListener<String, HazelcastJsonValue>) e -> {
            JsonNode entry = parse(e.getValue());
            if (isPending(entry)) {
                handOver(queued(e.getKey(), entry));
            }
        });
    }

    /** The queue's map: in memory with backups, not written to the database (the windows it feeds live in memory too). */
    public static com.hazelcast.config.MapConfig mapConfig(int backupCount) {
        return new com.hazelcast.config.MapConfig(MAP).setBackupCount(backupCount)
                .setMetadataPolicy(com.hazelcast.config.MetadataPolicy.OFF)
                .addIndexConfig(new com.hazelcast.config.IndexConfig(com.hazelcast.config.IndexType.HASH, "state"));
    }

    /** A retried submission re-queues its notification when it was accepted less than this ago. */
    public static int requeueWindowSeconds() {
        return TOMBSTONE_SECONDS - 10;
    }

    /**
     * Queues a notification whose record is stored; call before answering the submission. Queueing an
     * id that is queued or was screened within the tombstone window changes nothing.
     */
    public void enqueue(String notificationId, long acceptedEpochNanos) {
        queue.putIfAbsent(notificationId, new HazelcastJsonValue(ProtocolJson.mapper().createObjectNode()
                .put("state", PENDING).put("acceptedEpochNanos", acceptedEpochNanos).toString()));
    }

    /**
     * Queues a notification with what screening reads of it, the signed document and the time the registry received
     * it: the entry travels to the screening thread with the event that announces it, and screening reads no record.
     */
    public void enqueue(String notificationId, long acceptedEpochNanos, JsonNode document, String receivedAt) {
        com.fasterxml.jackson.databind.node.ObjectNode entry = ProtocolJson.mapper().createObjectNode()
                .put("state", PENDING).put("acceptedEpochNanos", acceptedEpochNanos).put("receivedAt", receivedAt);
        entry.set("document", document);
        queue.putIfAbsent(notificationId, new HazelcastJsonValue(entry.toString()));
    }

    /**
     * Notifications this member has still to screen: those handed to its screening threads, and, while
     * the queue is closed, those it owns that wait (as counted by the last sweep), so that back-pressure
     * bounds what a cold start's replay leaves waiting.
     */
    public int backlog() {
        return inFlight.size() + held;
    }

    /**
     * How long, in milliseconds of wall-clock time, the oldest notification this member has still to screen
     * has waited since it was accepted (0 when none waits): how late its flags will be. Refreshed at most
     * every 100 ms, as a scan of the backlog per request would cost more than the check saves.
     */
    public long longestWaitMillis() {
        long now = System.nanoTime();
        long computed = longestWaitComputedAt.get();
        if (now - computed > LONGEST_WAIT_REFRESH_NANOS && longestWaitComputedAt.compareAndSet(computed, now)) {
            long oldest = Long.MAX_VALUE;
            for (long accepted : inFlight.values()) {
                oldest = Math.min(oldest, accepted);
            }
            longestWaitMillis = oldest == Long.MAX_VALUE ? 0 : Math.max(0, (StoredNotificationScreening.epochNanos() - oldest) / 1_000_000);
        }
        return longestWaitMillis;
    }

    /**
     * Hands over the pending entries this member owns that nobody here works on: those a dead member
     * owned before, or that a migration brought. Run periodically on every member.
     *
     * @return how many entries were handed over
     */
    public int sweep() {
        long forgetBefore = System.nanoTime() - TimeUnit.SECONDS.toNanos(TOMBSTONE_SECONDS);
        screenedHere.values().removeIf(at -> at < forgetBefore);
        if (!open.getAsBoolean()) {
            // Nothing is handed over, but what waits here still counts for back-pressure (see backlog).
            held = queue.localKeySet(Predicates.equal("state", PENDING)).size();
            return 0;
        }
        held = 0;
        int handed = 0;
        Set<String> waiting = new java.util.HashSet<>(queue.localKeySet(Predicates.equal("state", PENDING)));
        waiting.removeIf(inFlight::containsKey);
        if (waiting.isEmpty()) {
            return 0;
        }
        for (var e : queue.getAll(waiting).entrySet()) {
            JsonNode entry = e.getValue() == null ? null : parse(e.getValue());
            if (isPending(entry) && handOver(queued(e.getKey(), entry))) {
                handed++;
            }
        }
        return handed;
    }

    /** Stops listening; what is still queued is screened by the members that own it. */
    public void close() {
        try {
            queue.removeEntryListener(listener);
        } catch (HazelcastInstanceNotActiveException stopped) {
            // nothing listens any more anyway
        }
    }

    private boolean handOver(Queued q) {
        if (!open.getAsBoolean()) {
            return false; // the sweep hands it over once the windows are rebuilt
        }
        if (inFlight.putIfAbsent(q.notificationId(), q.acceptedEpochNanos()) != null) {
            return false;
        }
        // Screened here meanwhile: a sweep may hand over an entry it read just before its screening ended (checked
        // after the in-flight mark, which is removed only after this one is set).
        if (screenedHere.containsKey(q.notificationId())) {
            inFlight.remove(q.notificationId());
            return false;
        }
        ready.add(q);
        startThread();
        return true;
    }

    /** Puts one more thread to work on what is ready, unless all of them already are. */
    private void startThread() {
        int now = draining.get();
        while (now < threads) {
            if (draining.compareAndSet(now, now + 1)) {
                try {
                    executor.execute(this::drain);
                } catch (RejectedExecutionException stopping) {
                    // The member stops; what is queued stays in the cluster map for the member that takes its partitions.
                    draining.decrementAndGet();
                }
                return;
            }
            now = draining.get();
        }
    }

    /** Screens what is ready, a batch at a time, until nothing is. */
    private void drain() {
        try {
            List<Queued> batch = new ArrayList<>(batchSize);
            while (true) {
                Queued next;
                while (batch.size() < batchSize && (next = ready.poll()) != null) {
                    batch.add(next);
                }
                if (batch.isEmpty()) {
                    return;
                }
                screen(batch);
                batch.clear();
            }
        } finally {
            draining.decrementAndGet();
            // Something handed over after this thread's last look, while all threads were busy, must not be stranded.
            if (!ready.isEmpty()) {
                startThread();
            }
        }
    }

    private void screen(List<Queued> batch) {
        List<Queued> owned = new ArrayList<>(batch.size());
        Set<Queued> handedOn = Set.of();
        try {
            for (Queued q : batch) {
                Member owner = hazelcast.getPartitionService().getPartition(q.notificationId()).getOwner();
                if (owner != null && owner.localMember()) {
                    owned.add(q);
                } // else migrated away meanwhile: its new owner's sweep takes it
            }
            if (owned.isEmpty()) {
                return;
            }
            batchSizes.accept(owned.size());
            // The thread goes on to the next batch while the flags are committed; each entry stays in flight (and
            // counts for back-pressure) until its flags are, and only then is it marked done.
            List<java.util.concurrent.CompletionStage<?>> stored = screener.screen(owned);
            for (int i = 0; i < owned.size(); i++) {
                String id = owned.get(i).notificationId();
                stored.get(i).thenCompose(flagged -> queue.setAsync(id, DONE, TOMBSTONE_SECONDS, TimeUnit.SECONDS))
                        .whenComplete((v, failure) -> {
                            if (failure == null) {
                                screenedHere.put(id, System.nanoTime());
                            }
                            inFlight.remove(id);
                            if (failure != null && !(unwrap(failure) instanceof HazelcastInstanceNotActiveException)) {
                                LOG.warn("storing the global flags of {} failed (screened again by the next sweep): {}", id,
                                        unwrap(failure).toString());
                            }
                        });
            }
            handedOn = new java.util.HashSet<>(owned);
        } catch (HazelcastInstanceNotActiveException stopping) {
            // The member stops; the entries stay queued for the member that takes their partitions.
        } catch (Exception e) {
            // Left queued: the next sweep tries again.
            LOG.warn("global screening of {} notifications ({} first) failed: {}", batch.size(), batch.get(0).notificationId(),
                    e.toString());
        } finally {
            for (Queued q : batch) {
                if (!handedOn.contains(q)) {
                    inFlight.remove(q.notificationId());
                }
            }
        }
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    private static boolean isPending(JsonNode entry) {
        return entry != null && PENDING.equals(entry.path("state").asText());
    }

    private static Queued queued(String id, JsonNode entry) {
        JsonNode document = entry.get("document");
        return new Queued(id, entry.path("acceptedEpochNanos").asLong(), document,
                document == null ? null : entry.path("receivedAt").asText());
    }

    private static JsonNode parse(HazelcastJsonValue v) {
        try {
            return ProtocolJson.parse(v.getValue());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable entry in " + MAP + ": " + v, e);
        }
    }
}
