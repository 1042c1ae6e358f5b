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
}
