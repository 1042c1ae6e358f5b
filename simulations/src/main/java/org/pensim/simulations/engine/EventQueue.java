package org.pensim.simulations.engine;

import java.time.Instant;
import java.util.PriorityQueue;

/** The discrete-event agenda: earliest first, and in scheduling order at equal times (so runs repeat exactly). */
public final class EventQueue {

    /** {@code epochNanos} orders as {@code at} does (until 2262), and two longs compare faster than two Instants. */
    private record Entry(Instant at, long epochNanos, long seq, Runnable action) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry o) {
            int c = Long.compare(epochNanos, o.epochNanos);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private final PriorityQueue<Entry> queue = new PriorityQueue<>();
    private final VirtualClock clock;
    private long seq;
    private long drawnSeq = Long.MIN_VALUE;

    public EventQueue(VirtualClock clock) {
        this.clock = clock;
    }

    public void at(Instant when, Runnable action) {
        add(when, seq++, action);
    }

    /**
     * Schedules an event of a calendar drawn in advance but handed over a day at a time, such as the year's
     * licit orders, so that the agenda holds days rather than a year of them. At equal times these events
     * come before all others, in the order drawn: the run is exactly as if the whole calendar had been
     * scheduled before it started.
     */
    public void atDrawn(Instant when, Runnable action) {
        add(when, drawnSeq++, action);
    }

    private void add(Instant when, long order, Runnable action) {
        Instant at = when.isBefore(clock.instant()) ? clock.instant() : when;
        queue.add(new Entry(at, Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000_000L), at.getNano()), order, action));
    }

    /** Runs events until none are left or the next is after {@code end}. */
    public long runUntil(Instant end, Runnable onEach) {
        long n = 0;
        while (!queue.isEmpty() && !queue.peek().at().isAfter(end)) {
            Entry e = queue.poll();
            clock.advanceTo(e.at());
            e.action().run();
            n++;
            onEach.run();
        }
        return n;
    }

    public int pending() {
        return queue.size();
    }
}
