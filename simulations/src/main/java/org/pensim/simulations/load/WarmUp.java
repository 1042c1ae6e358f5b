package org.pensim.simulations.load;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import java.util.function.LongFunction;
import org.pensim.protocol.json.ProtocolJson;

/**
 * Traffic sent before the measured run, so that the measured run starts on compiled code: a JVM runs its first
 * seconds interpreted, and on two cores the registry's warm-up alone took 10 to 16 s at 100/s, which is what a
 * fault at 10 s would otherwise measure. What the authorities report about warm-up notifications is kept apart
 * from the run's figures, but their delivery is checked all the same: nothing acknowledged lost or delivered twice.
 */
final class WarmUp implements AuthorityHost.Observations {

    /** How long, at most, the warm-up's last answers and deliveries are waited for before the measured run. */
    static final long SETTLE_SECONDS = 30;

    private final int plannedSeconds;
    private final double rate;
    private final AuthorityHost.Observations run;
    private final Set<String> ids = ConcurrentHashMap.newKeySet();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> deliveries = new ConcurrentHashMap<>();
    private final AtomicLong failed = new AtomicLong();
    private final Set<String> replied = ConcurrentHashMap.newKeySet();
    private final AtomicLong repliesFailed = new AtomicLong();
    private final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
    private volatile boolean warming;
    private long sent;
    private double seconds;

    WarmUp(LoadProfile profile, AuthorityHost.Observations run) {
        this.plannedSeconds = profile.warmup() == null ? 0 : profile.warmup().seconds();
        this.rate = profile.warmup() == null || profile.warmup().rate() == null ? profile.rate() : profile.warmup().rate();
        this.run = run;
    }

    /**
     * Sends the warm-up's notifications, numbered from 1, at their intended times, then waits (at most
     * {@link #SETTLE_SECONDS}) until each is answered and every acknowledged one delivered.
     *
     * @param idOf  the id of notification number n
     * @param send  sends notification number n
     * @return how many were sent: the measured run numbers its notifications after them
     */
    long run(LongFunction<String> idOf, LongConsumer send, PrintWriter console) throws InterruptedException {
        if (plannedSeconds <= 0) {
            return 0;
        }
        warming = true;
        long start = System.nanoTime();
        long total = Math.round(plannedSeconds * rate);
        while (sent < total) {
            long wait = start + (long) (sent / rate * 1e9) - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            sent++;
            ids.add(idOf.apply(sent));
            send.accept(sent);
        }
        long settleBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(SETTLE_SECONDS);
        // Settled once every importer has replied too: a backlog of warm-up replies would delay the run's own.
        while ((acknowledged.size() + failed.get() < sent || !acknowledged.stream().allMatch(deliveries::containsKey)
                || replied.size() + repliesFailed.get() < deliveries.size()) && System.nanoTime() < settleBy) {
            Thread.sleep(100);
        }
        seconds = (System.nanoTime() - start) / 1e9;
        warming = false;
        console.printf(Locale.ROOT, "warm-up: %d sent at %.0f/s, %d acknowledged, %d delivered, %d replied, in %.1f s; the measured "
                + "run starts now%n", sent, rate, acknowledged.size(), deliveries.size(), replied.size(), seconds);
        return sent;
    }

    /** The warm-up's own figures for summary.json, counted to the end of the run (late deliveries included). */
    ObjectNode summary() {
        ObjectNode n = ProtocolJson.mapper().createObjectNode();
        n.put("seconds", plannedSeconds);
        n.put("offeredPerSecond", plannedSeconds <= 0 ? 0 : rate);
        n.put("sent", sent);
        n.put("acknowledged", acknowledged.size());
        n.put("delivered", deliveries.size());
        n.put("replied", replied.size());
        n.put("lost", lost());
        n.put("duplicated", duplicated());
        n.put("settledInSeconds", seconds);
        ObjectNode errs = n.putObject("errors");
        new TreeMap<>(errors).forEach((k, v) -> errs.put(k, v.get()));
        return n;
    }

    long lost() {
        return acknowledged.stream().filter(id -> !deliveries.containsKey(id)).count();
    }

    long duplicated() {
        return deliveries.values().stream().filter(c -> c > 1).count();
    }

    @Override
    public void acknowledged(String id, long atMicros) {
        if (ids.contains(id)) {
            acknowledged.add(id);
        } else {
            run.acknowledged(id, atMicros);
        }
    }

    @Override
    public void submissionFailed(String id, String type) {
        if (ids.contains(id)) {
            failed.incrementAndGet();
            errors.computeIfAbsent(type, k -> new AtomicLong()).incrementAndGet();
        } else {
            run.submissionFailed(id, type);
        }
    }

    @Override
    public void delivered(String id, long atMicros) {
        if (ids.contains(id)) {
            deliveries.merge(id, 1, Integer::sum);
        } else {
            run.delivered(id, atMicros);
        }
    }

    @Override
    public void screened(String id, boolean flagged, long atMicros) {
        if (!ids.contains(id)) {
            run.screened(id, flagged, atMicros);
        }
    }

    @Override
    public void replied(String id, long atMicros) {
        if (ids.contains(id)) {
            replied.add(id);
        } else {
            run.replied(id, atMicros);
        }
    }

    @Override
    public void replyFailed(String id, String type) {
        if (ids.contains(id)) {
            repliesFailed.incrementAndGet();
            errors.computeIfAbsent(type, k -> new AtomicLong()).incrementAndGet();
        } else {
            run.replyFailed(id, type);
        }
    }

    @Override
    public void error(String type) {
        // Errors carry no id: those reported while the warm-up runs are its own.
        if (warming) {
            errors.computeIfAbsent(type, k -> new AtomicLong()).incrementAndGet();
        } else {
            run.error(type);
        }
    }
}
