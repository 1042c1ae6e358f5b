package org.pensim.simulations.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * The discrete-event agenda: earliest first, and in scheduling order at equal times (so runs repeat exactly).
 * Only the current day's events are kept in order, in a heap of hundreds; later events wait unsorted in a
 * bucket per day until their day comes. One heap of every pending event (tens of thousands over a
 * simulated year: deadlines, dispatches, reviews) spent a tenth of a run's time sifting.
 */
public final class EventQueue {

    private static final long DAY_NANOS = 86_400_000_000_000L;

    /** {@code epochNanos} orders as {@code at} does (until 2262), and two longs compare faster than two Instants. */
    private record Entry(Instant at, long epochNanos, long seq, Runnable action) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry o) {
            int c = Long.compare(epochNanos, o.epochNanos);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    /** Every event before {@link #horizon}, in order. */
    private final PriorityQueue<Entry> today = new PriorityQueue<>();
    /** Every other event, by its day; all at or after {@link #horizon}. */
    private final TreeMap<Long, ArrayList<Entry>> laterDays = new TreeMap<>();
    private long horizon = Long.MIN_VALUE;
    private int waiting;
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
        long nanos = Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000_000L), at.getNano());
        Entry e = new Entry(at, nanos, order, action);
        if (nanos < horizon) {
            today.add(e);
        } else {
            laterDays.computeIfAbsent(Math.floorDiv(nanos, DAY_NANOS), d -> new ArrayList<>()).add(e);
            waiting++;
        }
    }

    /** The next event, moving the next day with events into the heap when the current one is done. */
    private Entry peek() {
        if (today.isEmpty() && !laterDays.isEmpty()) {
            Map.Entry<Long, ArrayList<Entry>> day = laterDays.pollFirstEntry();
            long dayIndex = day.getKey();
            horizon = dayIndex >= Long.MAX_VALUE / DAY_NANOS ? Long.MAX_VALUE : (dayIndex + 1) * DAY_NANOS;
            today.addAll(day.getValue());
            waiting -= day.getValue().size();
        }
        return today.peek();
    }

    /** Runs events until none are left or the next is after {@code end}. */
    public long runUntil(Instant end, Runnable onEach) {
        long n = 0;
        for (Entry next = peek(); next != null && !next.at().isAfter(end); next = peek()) {
            Entry e = today.poll();
            clock.advanceTo(e.at());
            e.action().run();
            n++;
            onEach.run();
        }
        return n;
    }

    public int pending() {
        return today.size() + waiting;
    }
}
