package org.pensim.registry.screening;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import com.hazelcast.projection.Projections;
import com.hazelcast.query.Predicates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.protocol.screening.global.GlobalScreening;
import org.pensim.registry.cluster.RegistryMaps;
import org.pensim.registry.lifecycle.NotificationRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the global indicators' windows after the whole cluster was down. The windows live in memory
 * with backups (a member's death loses none of them), but a cold start finds them empty: without this, a
 * consignee supplied from two countries before a restart and a third after would go unflagged, and a
 * notification acknowledged just before a crash but not yet screened would never be. The windows are
 * derived from what the database keeps, so they are replayed from it: every notification received within
 * the longest window and every objection, in the order the registry received them, through the same
 * screening as live traffic. Flags the replay raises again are not added twice (each indicator once per
 * notification); flags it raises for the first time are those of notifications the crash left unscreened.
 *
 * <p>One member replays; live screening waits (its notifications stay queued) until the replay is done,
 * so that they are screened after everything received before them. Should that member die, another takes
 * the replay over from scratch.
 */
public final class ScreeningRecovery {

    /** The replay's state: present while the cluster keeps its windows in memory, gone after a cold start. */
    public static final String MAP = "screening-recovery";
    private static final String KEY = "windows";
    private static final String RECOVERING = "RECOVERING";
    private static final String READY = "READY";
    private static final Logger LOG = LoggerFactory.getLogger(ScreeningRecovery.class);

    private final HazelcastInstance hazelcast;
    private final IMap<String, HazelcastJsonValue> state;
    private final IMap<String, HazelcastJsonValue> notifications;
    private final IMap<String, HazelcastJsonValue> events;
    private final GlobalScreeningQueue.Screener screener;
    private final GlobalScreening global;
    private final Executor executor;
    private final Duration horizon;
    /** How many notifications between two objections the replay screens at once, at most. */
    private final int batchSize;
    private final Clock clock;
    private Runnable whenReady = () -> { };
    private volatile boolean ready;

    /**
     * @param horizon how far back the replay reaches: the longest window of any global indicator
     * @param batchSize how many notifications the replay screens at once, at most (as live screening does)
     */
    public ScreeningRecovery(HazelcastInstance hazelcast, GlobalScreeningQueue.Screener screener, GlobalScreening global,
            Executor executor, Duration horizon, int batchSize, Clock clock) {
        this.batchSize = batchSize;
        this.hazelcast = hazelcast;
        this.state = hazelcast.getMap(MAP);
        this.notifications = RegistryMaps.map(hazelcast, RegistryMaps.NOTIFICATIONS);
        this.events = RegistryMaps.map(hazelcast, RegistryMaps.EVENTS);
        this.screener = screener;
        this.global = global;
        this.executor = executor;
        this.horizon = horizon;
        this.clock = clock;
    }

    /** The replay's map: in memory with backups, like the windows whose presence it stands for. */
    public static com.hazelcast.config.MapConfig mapConfig(int backupCount) {
        return new com.hazelcast.config.MapConfig(MAP).setBackupCount(backupCount)
                .setMetadataPolicy(com.hazelcast.config.MetadataPolicy.OFF);
    }

    /** "READY", "RECOVERING" (with how far the replay got), or "UNKNOWN" before any member started it. */
    public static JsonNode describe(HazelcastInstance hazelcast) {
        HazelcastJsonValue v = hazelcast.<String, HazelcastJsonValue>getMap(MAP).get(KEY);
        return v == null ? ProtocolJson.mapper().createObjectNode().put("state", "UNKNOWN") : NotificationRecords.parse(v);
    }

    /**
     * Follows the replay's state and, after a cold start, replays (on this member, or on the member that
     * got there first). Returns at once; the replay runs on the executor.
     *
     * @param whenReady run on this member once live screening may go on (the queue's sweep)
     */
    public void start(Runnable whenReady) {
        this.whenReady = whenReady;
        state.addEntryListener((EntryAddedListener<String, HazelcastJsonValue>) e -> observe(e.getValue()), true);
        state.addEntryListener((EntryUpdatedListener<String, HazelcastJsonValue>) e -> observe(e.getValue()), true);
        hazelcast.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                // nothing to do: a new member finds the state in the map
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                try {
                    executor.execute(ScreeningRecovery.this::takeOverIfOrphaned);
                } catch (java.util.concurrent.RejectedExecutionException stopping) {
                    // this member stops too: a member that stays takes the replay over
                }
            }
        });
        HazelcastJsonValue mine = value(entry(RECOVERING));
        HazelcastJsonValue current = state.putIfAbsent(KEY, mine);
        if (current == null) {
            executor.execute(() -> replay(mine));
        } else {
            observe(current);
            takeOverIfOrphaned();
        }
    }

    /** Whether live screening may run: the windows hold everything received before it. */
    public boolean ready() {
        return ready;
    }

    private void observe(HazelcastJsonValue v) {
        if (!ready && READY.equals(NotificationRecords.parse(v).path("state").asText())) {
            ready = true;
            try {
                executor.execute(whenReady);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                // stopping: nothing to screen here any more
            }
        }
    }

    /** A replay whose member left the cluster is started again, from scratch, by one of the others. */
    private void takeOverIfOrphaned() {
        try {
            HazelcastJsonValue current = state.get(KEY);
            if (current == null || !RECOVERING.equals(NotificationRecords.parse(current).path("state").asText())) {
                return;
            }
            String owner = NotificationRecords.parse(current).path("member").asText();
            boolean alive = hazelcast.getCluster().getMembers().stream().anyMatch(m -> m.getUuid().toString().equals(owner));
            if (alive) {
                return;
            }
            HazelcastJsonValue mine = value(entry(RECOVERING));
            if (state.replace(KEY, current, mine)) {
                LOG.info("member {} left during the replay of the global indicators: replaying here", owner);
                executor.execute(() -> replay(mine));
            }
        } catch (HazelcastInstanceNotActiveException stopping) {
            // this member stops: another one takes it over
        }
    }

    /** Screens and empties the batch; the stages complete as its flags are stored. */
    private List<java.util.concurrent.CompletionStage<?>> screen(List<GlobalScreeningQueue.Queued> batch) throws Exception {
        if (batch.isEmpty()) {
            return List.of();
        }
        List<java.util.concurrent.CompletionStage<?>> stored = screener.screen(List.copyOf(batch));
        batch.clear();
        return stored;
    }

    private void replay(HazelcastJsonValue claim) {
        long started = System.nanoTime();
        try {
            Instant until = clock.instant();
            // What a dead replayer left behind would be counted twice: start from empty windows.
            for (String map : List.of(GlobalScreening.CONSIGNEES, GlobalScreening.REFUSALS, GlobalScreening.PAIRS,
                    GlobalScreening.CORRIDORS)) {
                hazelcast.getMap(map).clear();
            }
            List<Step> steps = steps(until.minus(horizon), until);
            int done = 0;
            List<java.util.concurrent.CompletionStage<?>> flagsStored = new java.util.ArrayList<>();
            // Notifications between two objections are screened in batches, as live traffic is; an objection is
            // recorded only once everything received before it is.
            List<GlobalScreeningQueue.Queued> batch = new java.util.ArrayList<>();
            for (Step step : steps) {
                if (step.objection() || batch.size() == batchSize) {
                    if (!claim.equals(state.get(KEY))) {
                        return; // taken over (this member was thought dead): the other replay counts
                    }
                    flagsStored.addAll(screen(batch));
                }
                if (step.objection()) {
                    HazelcastJsonValue stored = notifications.get(step.notificationId());
                    if (stored != null) {
                        global.recordRefusal(NotificationRecords.notification(NotificationRecords.parse(stored)));
                    }
                } else {
                    batch.add(new GlobalScreeningQueue.Queued(step.notificationId(), StoredNotificationScreening.epochNanos(step.at())));
                }
                done++;
            }
            if (!claim.equals(state.get(KEY))) {
                return;
            }
            flagsStored.addAll(screen(batch));
            // The windows are rebuilt in order; the flags found on the way are stored before live screening resumes.
            java.util.concurrent.CompletableFuture.allOf(flagsStored.stream().map(java.util.concurrent.CompletionStage::toCompletableFuture)
                    .toArray(java.util.concurrent.CompletableFuture[]::new)).join();
            if (state.replace(KEY, claim, value(entry(READY).put("replayed", done)
                    .put("millis", Duration.ofNanos(System.nanoTime() - started).toMillis())
                    .put("since", until.minus(horizon).toString())))) {
                if (done > 0) { // a fresh cluster has nothing to say here
                    LOG.info("global indicators rebuilt from {} notifications and objections received since {} in {} ms",
                            done, until.minus(horizon), Duration.ofNanos(System.nanoTime() - started).toMillis());
                }
            }
        } catch (HazelcastInstanceNotActiveException stopping) {
            // this member stops mid-replay: another member takes it over
        } catch (Exception e) {
            // Left RECOVERING under this member: should it stay up, live screening waits; say why loudly.
            LOG.error("replaying the global indicators failed; live global screening waits: {}", e.toString(), e);
        }
    }

    /** One thing to replay: a notification received, or an objection to one. */
    private record Step(Instant at, long sequence, boolean objection, String notificationId) {
    }

    /** Notifications received and objections made in [from, until), in the order the registry received them. */
    private List<Step> steps(Instant from, Instant until) {
        List<Step> steps = new ArrayList<>();
        for (Object[] row : notifications.project(Projections.multiAttribute("id", "receivedAt", "sequence"),
                Predicates.alwaysTrue())) {
            if (row[0] == null || row[1] == null) {
                continue; // a claim: never acknowledged, never screened
            }
            Instant at = Instant.parse(row[1].toString());
            if (!at.isBefore(from) && at.isBefore(until)) {
                steps.add(new Step(at, ((Number) row[2]).longValue(), false, row[0].toString()));
            }
        }
        for (HazelcastJsonValue v : events.values(Predicates.and(Predicates.equal("envelope.document.type", "REPLY"),
                Predicates.equal("envelope.document.decision", "OBJECTION")))) {
            JsonNode e = NotificationRecords.parse(v);
            Instant at = Instant.parse(e.get("receivedAt").asText());
            if (!at.isBefore(from) && at.isBefore(until)) {
                steps.add(new Step(at, Long.MAX_VALUE, true, e.get("notificationId").asText()));
            }
        }
        // At the same instant a notification comes before an objection to it.
        steps.sort(Comparator.comparing(Step::at).thenComparingLong(Step::sequence));
        return steps;
    }

    private ObjectNode entry(String stateName) {
        return ProtocolJson.mapper().createObjectNode().put("state", stateName)
                .put("member", hazelcast.getCluster().getLocalMember().getUuid().toString())
                .put("token", UUID.randomUUID().toString()).put("at", clock.instant().toString());
    }

    private static HazelcastJsonValue value(ObjectNode node) {
        return new HazelcastJsonValue(node.toString());
    }
}
