package org.pensim.simulations.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SustainableRateTest {

    private static SustainableRate.Interval kept(double rate) {
        return new SustainableRate.Interval(rate, rate, rate, 40, 45);
    }

    @Test
    void a_ramp_is_sustained_up_to_the_last_rate_of_the_streak_before_it_falls_behind() {
        SustainableRate r = new SustainableRate(1000);
        // JIT warm-up: the first interval is slow; then it keeps up to 150/s; then the backlog grows.
        r.add(new SustainableRate.Interval(50, 30, 30, 2400, 2500));
        for (double rate : new double[] {60, 80, 100, 120, 150}) {
            r.add(kept(rate));
        }
        r.add(new SustainableRate.Interval(170, 150, 150, 1800, 1900));
        r.add(new SustainableRate.Interval(190, 140, 140, 4000, 4100));
        assertThat(r.highest()).isEqualTo(150);
    }

    @Test
    void a_single_lucky_interval_past_capacity_does_not_count() {
        SustainableRate r = new SustainableRate(1000);
        r.add(kept(100));
        r.add(kept(110));
        r.add(kept(120));
        r.add(new SustainableRate.Interval(140, 100, 100, 900, 900)); // acknowledged too little
        r.add(kept(160));
        r.add(new SustainableRate.Interval(180, 180, 180, 1500, 200)); // delivery too slow
        assertThat(r.highest()).isEqualTo(120);
    }

    @Test
    void an_interval_whose_deliveries_stalled_does_not_keep_up_though_it_has_no_slow_delivery() {
        SustainableRate r = new SustainableRate(1000);
        r.add(kept(100));
        r.add(kept(100));
        r.add(new SustainableRate.Interval(200, 200, 0, 0, 0)); // acknowledged, nothing delivered: no p99 at all
        r.add(kept(100));
        assertThat(r.highest()).isZero();
    }

    @Test
    void nothing_is_sustained_without_a_streak_and_draining_intervals_are_not_judged() {
        SustainableRate r = new SustainableRate(50);
        r.add(kept(100)); // p99 40/45 ms within 50
        r.add(kept(100));
        r.add(new SustainableRate.Interval(100, 100, 100, 60, 10));
        r.add(new SustainableRate.Interval(0, 80, 80, 10, 10));
        assertThat(r.highest()).isZero();
        assertThat(r.criterion(2)).contains("3 intervals of 2 s").contains("within 50 ms");
    }
}
