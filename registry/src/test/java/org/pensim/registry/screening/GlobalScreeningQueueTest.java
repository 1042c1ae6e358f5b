package org.pensim.registry.screening;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.query.Predicates;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pensim.registry.cluster.LocalCluster;

/**
 * The queue of notifications awaiting global screening, on three Hazelcast members over loopback TCP:
 * each notification is screened on the member that owns it, once; a member that dies with notifications
 * still queued leaves them to the members that take its partitions over.
 */
class GlobalScreeningQueueTest {

    final String clusterName = "pensim-screening-queue-" + UUID.randomUUID();
    final List<HazelcastInstance> members = new ArrayList<>();
    final List<GlobalScreeningQueue> queues = new ArrayList<>();
    final List<ExecutorService> executors = new ArrayList<>();
    /** Which members screened each id, in order. */
    final Map<String, List<String>> screenedBy = new ConcurrentHashMap<>();
    final CountDownLatch release = new CountDownLatch(1);
    final List<String> screenedElsewhere = new CopyOnWriteArrayList<>();
    /** The document each id reached the screener with, when it was queued with one. */
    final Map<String, com.fasterxml.jackson.databind.JsonNode> documents = new ConcurrentHashMap<>();
    /** Whether live screening may run (closed while a cold start's replay rebuilds the windows). */
    final java.util.concurrent.atomic.AtomicBoolean open = new java.util.concurrent.atomic.AtomicBoolean(true);

    static final int BATCH_SIZE = 16;
    /** The size of every batch screened, on any member. */
    final List<Integer> batchSizes = new CopyOnWriteArrayList<>();

    void start(int blockedMember) throws Exception {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ports.add(LocalCluster.freePort());
        }
        for (int i = 0; i < 3; i++) {
            Config c = new Config().setClusterName(clusterName).setProperty("hazelcast.phone.home.enabled", "false")
                    .setProperty("hazelcast.max.no.heartbeat.seconds", "5").setProperty("hazelcast.logging.type", "slf4j");
            c.getNetworkConfig().setPort(ports.get(i)).setPortAutoIncrement(false);
            c.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
            c.getNetworkConfig().getJoin().getTcpIpConfig().setEnabled(true)
                    .setMembers(ports.stream().map(p -> "127.0.0.1:" + p).toList());
            c.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
            c.addMapConfig(GlobalScreeningQueue.mapConfig(1));
            HazelcastInstance hz = Hazelcast.newHazelcastInstance(c);
            members.add(hz);
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> members.get(0).getCluster().getMembers().size() == 3);
        for (int i = 0; i < 3; i++) {
            String name = "member-" + i;
            ExecutorService executor = Executors.newSingleThreadExecutor();
            if (i == blockedMember) {
                executor.execute(() -> {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            HazelcastInstance hz = members.get(i);
            executors.add(executor);
            queues.add(new GlobalScreeningQueue(hz, executor, 1, BATCH_SIZE, batch -> {
                List<java.util.concurrent.CompletionStage<?>> stored = new ArrayList<>();
                for (GlobalScreeningQueue.Queued q : batch) {
                    String id = q.notificationId();
                    if (!hz.getPartitionService().getPartition(id).getOwner().localMember()) {
                        screenedElsewhere.add(id);
                    }
                    screenedBy.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(name);
                    if (q.document() != null) {
                        documents.put(id, q.document());
                    }
                    stored.add(java.util.concurrent.CompletableFuture.completedFuture(null));
                }
                return stored;
            }, open::get, batchSizes::add));
        }
    }

    @AfterEach
    void stop() {
        release.countDown();
        executors.forEach(ExecutorService::shutdownNow);
        members.forEach(m -> m.getLifecycleService().terminate());
    }

    List<String> enqueue(int count, int through) {
        return enqueue(count, through, StoredNotificationScreening.epochNanos());
    }

    List<String> enqueue(int count, int through, long acceptedEpochNanos) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = "DE-S-" + i;
            ids.add(id);
            queues.get(through).enqueue(id, acceptedEpochNanos);
        }
        return ids;
    }

    @Test
    void the_longest_wait_is_that_of_the_oldest_notification_a_member_has_still_to_screen() throws Exception {
        start(1); // member 1's only screening thread is busy
        long tenSecondsAgo = StoredNotificationScreening.epochNanos() - Duration.ofSeconds(10).toNanos();
        List<String> ids = enqueue(60, 0, tenSecondsAgo);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> screenedBy.size() + queues.get(1).backlog() == ids.size());
        assertThat(queues.get(1).backlog()).isPositive();
        // Refreshed at most every 100 ms: what member 1 holds has waited at least the ten seconds.
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(queues.get(1).longestWaitMillis()).isBetween(10_000L, 60_000L));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> queues.get(0).longestWaitMillis() == 0);
        release.countDown();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> queues.get(1).backlog() == 0);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> queues.get(1).longestWaitMillis() == 0);
    }

    @Test
    void what_waits_on_a_busy_member_is_screened_in_bounded_batches_each_notification_once() throws Exception {
        start(1); // member 1's only screening thread is busy: what it owns waits
        List<String> ids = enqueue(300, 0);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> screenedBy.size() + queues.get(1).backlog() == ids.size());
        int waiting = queues.get(1).backlog();
        assertThat(waiting).as("waiting on member 1").isGreaterThan(2 * BATCH_SIZE);
        List<Integer> before = List.copyOf(batchSizes);
        release.countDown();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> screenedBy.keySet().containsAll(ids));
        List<Integer> after = batchSizes.subList(before.size(), batchSizes.size());
        // What had piled up went in full batches, not one by one, and no batch was larger than the bound.
        assertThat(batchSizes).allSatisfy(size -> assertThat(size).isBetween(1, BATCH_SIZE));
        assertThat(after).filteredOn(size -> size == BATCH_SIZE).hasSizeGreaterThanOrEqualTo(waiting / BATCH_SIZE - 1);
        assertThat(screenedBy.values()).allSatisfy(by -> assertThat(by).hasSize(1));
        assertThat(screenedElsewhere).isEmpty();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> queues.stream().mapToInt(GlobalScreeningQueue::backlog).sum() == 0);
    }

    @Test
    void a_closed_queue_keeps_what_is_queued_until_it_opens_then_the_sweep_screens_each_once() throws Exception {
        open.set(false);
        start(-1);
        List<String> ids = enqueue(100, 0);
        var map = members.get(0).<String, com.hazelcast.core.HazelcastJsonValue>getMap(GlobalScreeningQueue.MAP);
        assertThat(map.keySet(Predicates.equal("state", "PENDING"))).containsExactlyInAnyOrderElementsOf(ids);
        for (GlobalScreeningQueue q : queues) {
            assertThat(q.sweep()).isZero();
        }
        // Held, not handed over, but counted: back-pressure sees what waits while the windows are rebuilt.
        assertThat(queues.stream().mapToInt(GlobalScreeningQueue::backlog).sum()).isEqualTo(ids.size());
        // Flush each member's screening thread: nothing was handed to it while the queue was closed.
        for (ExecutorService e : executors) {
            e.submit(() -> { }).get();
        }
        assertThat(screenedBy).isEmpty();

        open.set(true);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            queues.forEach(GlobalScreeningQueue::sweep); // as each member does when the replay is done
            return screenedBy.keySet().containsAll(ids);
        });
        assertThat(screenedBy.values()).allSatisfy(by -> assertThat(by).hasSize(1));
        assertThat(screenedElsewhere).isEmpty();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> queues.stream().mapToInt(GlobalScreeningQueue::backlog).sum() == 0);
    }

    @Test
    void every_queued_notification_is_screened_once_on_the_member_that_owns_it() throws Exception {
        start(-1);
        List<String> ids = enqueue(300, 0);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> screenedBy.keySet().containsAll(ids));
        assertThat(screenedBy.values()).allSatisfy(by -> assertThat(by).hasSize(1));
        assertThat(screenedElsewhere).as("screened where it is owned").isEmpty();
        // The work followed the data: every member screened a share.
        assertThat(screenedBy.values().stream().map(by -> by.get(0)).distinct()).hasSize(3);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> queues.stream().mapToInt(GlobalScreeningQueue::backlog).sum() == 0);
        assertThat(members.get(0).getMap(GlobalScreeningQueue.MAP).keySet(Predicates.equal("state", "PENDING"))).isEmpty();
    }

    @Test
    void a_notification_queued_again_after_its_screening_is_not_screened_twice() throws Exception {
        start(-1);
        List<String> ids = enqueue(50, 1);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> screenedBy.keySet().containsAll(ids));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> queues.stream().mapToInt(GlobalScreeningQueue::backlog).sum() == 0);
        // A retried submission queues its notification again (its first request may have died before queueing).
        enqueue(50, 2);
        // Their tombstones stay as they were, so nothing is pending for a listener or a sweep to hand over.
        var map = members.get(0).<String, com.hazelcast.core.HazelcastJsonValue>getMap(GlobalScreeningQueue.MAP);
        assertThat(map.getAll(new java.util.HashSet<>(ids)).values()).hasSize(50)
                .allSatisfy(v -> assertThat(v.getValue()).contains("DONE"));
        for (GlobalScreeningQueue q : queues) {
            assertThat(q.sweep()).isZero();
            assertThat(q.backlog()).isZero();
        }
        assertThat(screenedBy.values()).allSatisfy(by -> assertThat(by).hasSize(1));
    }

    @Test
    void a_member_that_dies_with_queued_notifications_leaves_them_to_the_members_that_take_over() throws Exception {
        start(1); // member 1's only screening thread is busy: what it owns stays queued
        List<String> ids = enqueue(300, 0);
        HazelcastInstance dying = members.get(1);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> screenedBy.size() + queues.get(1).backlog() == ids.size());
        int stranded = dying.getMap(GlobalScreeningQueue.MAP).localKeySet(Predicates.equal("state", "PENDING")).size();
        assertThat(stranded).as("queued on the member about to die").isGreaterThan(50);
        assertThat(screenedBy.values()).noneMatch(by -> by.contains("member-1"));

        dying.getLifecycleService().terminate();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
            queues.get(0).sweep(); // as each member does periodically
            queues.get(2).sweep();
            return screenedBy.keySet().containsAll(ids);
        });
        assertThat(screenedBy.values()).allSatisfy(by -> assertThat(by).hasSize(1).doesNotContain("member-1"));
        assertThat(screenedElsewhere).isEmpty();
    }

    @Test
    void an_entry_queued_with_its_document_reaches_the_screener_with_it_and_racing_sweeps_hand_nothing_over_twice()
            throws Exception {
        start(-1);
        // Swept: queued while the queue is closed, handed over by the sweep that follows its opening.
        open.set(false);
        List<String> swept = enqueueWithDocuments("DE-SWEPT-", 40);
        open.set(true);
        queues.forEach(GlobalScreeningQueue::sweep);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> screenedBy.keySet().containsAll(swept));
        // Announced: handed over by the listener while every member sweeps as fast as it can, so that sweeps read
        // entries as pending just before their screening ends.
        java.util.concurrent.atomic.AtomicBoolean sweeping = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread sweeper = new Thread(() -> {
            while (sweeping.get()) {
                queues.forEach(GlobalScreeningQueue::sweep);
            }
        });
        sweeper.start();
        List<String> announced = enqueueWithDocuments("DE-ANNOUNCED-", 300);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> screenedBy.keySet().containsAll(announced));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> queues.stream().mapToInt(GlobalScreeningQueue::backlog).sum() == 0);
        sweeping.set(false);
        sweeper.join();
        assertThat(screenedBy.values()).allSatisfy(by -> assertThat(by).hasSize(1));
        for (String id : concat(swept, announced)) {
            assertThat(documents.get(id)).as(id).isNotNull();
            assertThat(documents.get(id).get("id").asText()).isEqualTo(id);
        }
    }

    List<String> enqueueWithDocuments(String prefix, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = prefix + i;
            ids.add(id);
            queues.get(i % 3).enqueue(id, StoredNotificationScreening.epochNanos(),
                    org.pensim.protocol.json.ProtocolJson.mapper().createObjectNode().put("id", id), "2026-12-04T10:00:00Z");
        }
        return ids;
    }

    static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
