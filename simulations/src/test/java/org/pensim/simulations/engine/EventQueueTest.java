package org.pensim.simulations.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EventQueueTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void events_run_earliest_first_and_in_scheduling_order_at_equal_times() {
        VirtualClock clock = new VirtualClock(T0);
        EventQueue agenda = new EventQueue(clock);
        List<String> ran = new ArrayList<>();
        agenda.at(T0.plusSeconds(20), () -> ran.add("b1"));
        agenda.at(T0.plusSeconds(10), () -> ran.add("a"));
        agenda.at(T0.plusSeconds(20), () -> ran.add("b2"));
        agenda.at(T0.plusSeconds(20).plusNanos(1), () -> ran.add("c"));
        assertThat(agenda.runUntil(T0.plusSeconds(60), () -> { })).isEqualTo(4);
        assertThat(ran).containsExactly("a", "b1", "b2", "c");
        assertThat(clock.instant()).isEqualTo(T0.plusSeconds(20).plusNanos(1));
    }

    @Test
    void drawn_events_come_first_at_equal_times_whenever_they_are_handed_over() {
        VirtualClock clock = new VirtualClock(T0);
        EventQueue agenda = new EventQueue(clock);
        List<String> ran = new ArrayList<>();
        Instant noon = T0.plusSeconds(12 * 3600);
        agenda.at(noon, () -> ran.add("scheduled before the run"));
        // The day's calendar is handed over at midnight, after the other event was scheduled.
        agenda.at(T0, () -> {
            agenda.atDrawn(noon, () -> ran.add("drawn 1"));
            agenda.atDrawn(noon, () -> ran.add("drawn 2"));
            agenda.at(noon, () -> ran.add("scheduled during the run"));
        });
        agenda.runUntil(noon, () -> { });
        assertThat(ran).containsExactly("drawn 1", "drawn 2", "scheduled before the run", "scheduled during the run");
    }

    @Test
    void an_event_in_the_past_runs_now_and_the_end_is_inclusive() {
        VirtualClock clock = new VirtualClock(T0);
        EventQueue agenda = new EventQueue(clock);
        List<Instant> at = new ArrayList<>();
        agenda.at(T0.plusSeconds(5), () -> agenda.at(T0, () -> at.add(clock.instant())));
        agenda.at(T0.plusSeconds(9), () -> at.add(clock.instant()));
        agenda.at(T0.plusSeconds(10), () -> at.add(clock.instant()));
        assertThat(agenda.runUntil(T0.plusSeconds(9), () -> { })).isEqualTo(3);
        assertThat(at).containsExactly(T0.plusSeconds(5), T0.plusSeconds(9));
        assertThat(agenda.pending()).isEqualTo(1);
    }

    @Test
    void a_large_random_agenda_runs_in_time_then_scheduling_order() {
        VirtualClock clock = new VirtualClock(T0);
        EventQueue agenda = new EventQueue(clock);
        SplittableRandom random = new SplittableRandom(11);
        List<long[]> ran = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            long second = random.nextInt(500);
            long order = i;
            agenda.at(T0.plusSeconds(second), () -> ran.add(new long[] {second, order}));
        }
        agenda.runUntil(T0.plusSeconds(1000), () -> { });
        assertThat(ran).hasSize(20_000);
        for (int i = 1; i < ran.size(); i++) {
            long[] a = ran.get(i - 1);
            long[] b = ran.get(i);
            assertThat(a[0] < b[0] || a[0] == b[0] && a[1] < b[1]).as("event %d", i).isTrue();
        }
    }

    /** The agenda as first written, one heap of every pending event: the order the day buckets must keep. */
    private static final class OneHeapAgenda {
        private record Entry(long nanos, long seq, Runnable action) {
        }

        private final java.util.PriorityQueue<Entry> queue = new java.util.PriorityQueue<>(
                java.util.Comparator.comparingLong(Entry::nanos).thenComparingLong(Entry::seq));
        private final VirtualClock clock;
        private long seq;
        private long drawnSeq = Long.MIN_VALUE;

        OneHeapAgenda(VirtualClock clock) {
            this.clock = clock;
        }

        void at(Instant when, boolean drawn, Runnable action) {
            Instant at = when.isBefore(clock.instant()) ? clock.instant() : when;
            queue.add(new Entry(at.getEpochSecond() * 1_000_000_000L + at.getNano(), drawn ? drawnSeq++ : seq++, action));
        }

        void runUntil(Instant end) {
            while (!queue.isEmpty() && queue.peek().nanos() <= end.getEpochSecond() * 1_000_000_000L + end.getNano()) {
                Entry e = queue.poll();
                clock.advanceTo(Instant.ofEpochSecond(0, e.nanos()));
                e.action().run();
            }
        }
    }

    /**
     * A random program of events that schedule more events (earlier than now, later today, days or weeks
     * ahead, some drawn), run on the day-bucketed agenda and on one heap: the same trace, clock and all.
     */
    @Test
    void day_buckets_run_a_random_program_exactly_as_one_heap_does() {
        for (long seed = 1; seed <= 20; seed++) {
            List<String> bucketed = new ArrayList<>();
            VirtualClock c1 = new VirtualClock(T0);
            EventQueue a1 = new EventQueue(c1);
            program(seed, c1, (when, drawn, action) -> {
                if (drawn) {
                    a1.atDrawn(when, action);
                } else {
                    a1.at(when, action);
                }
            }, bucketed);
            Instant end = T0.plusSeconds(200L * 86_400);
            a1.runUntil(end, () -> { });

            List<String> reference = new ArrayList<>();
            VirtualClock c2 = new VirtualClock(T0);
            OneHeapAgenda a2 = new OneHeapAgenda(c2);
            program(seed, c2, a2::at, reference);
            a2.runUntil(end);

            assertThat(bucketed).as("seed %d", seed).hasSizeGreaterThan(2_000).isEqualTo(reference);
            assertThat(c1.instant()).isEqualTo(c2.instant());
            assertThat(a1.pending()).isEqualTo(a2.queue.size()).isPositive();
        }
    }

    private interface Schedule {
        void at(Instant when, boolean drawn, Runnable action);
    }

    private static void program(long seed, VirtualClock clock, Schedule schedule, List<String> trace) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 300; i++) {
            spawn(random.split(), clock, schedule, trace, "e" + i, T0.plusSeconds(random.nextLong(40L * 86_400)));
        }
    }

    private static void spawn(SplittableRandom random, VirtualClock clock, Schedule schedule, List<String> trace,
            String label, Instant when) {
        boolean drawn = random.nextInt(5) == 0;
        schedule.at(when, drawn, () -> {
            trace.add(label + "@" + clock.instant());
            int children = random.nextInt(3);
            for (int k = 0; k < children; k++) {
                long offset = switch (random.nextInt(4)) {
                    case 0 -> -random.nextLong(86_400); // in the past: runs now
                    case 1 -> random.nextLong(3_600); // later today, or just past midnight
                    case 2 -> random.nextLong(5L * 86_400);
                    default -> random.nextLong(30L * 86_400);
                };
                spawn(random.split(), clock, schedule, trace, label + "." + k, clock.instant().plusSeconds(offset));
            }
        });
    }
}
