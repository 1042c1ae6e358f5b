package org.pensim.registry.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pensim.registry.config.RegistryConfig;

/** Back-pressure refuses a share of submissions that grows as the screening bound nears, not all or nothing. */
class ScreeningPressureTest {

    @Test
    void nothing_is_refused_below_the_shedding_point_and_everything_at_the_bound() {
        assertThat(ScreeningPressure.of(0, 1000, 0, 5000, 0.75).refusedShare()).isZero();
        assertThat(ScreeningPressure.of(750, 1000, 0, 5000, 0.75).refusedShare()).isZero();
        // The bounds are the most that may wait: one more, and everything is refused.
        assertThat(ScreeningPressure.of(1000, 1000, 0, 5000, 0.75).refusedShare()).isLessThan(1);
        assertThat(ScreeningPressure.of(1001, 1000, 0, 5000, 0.75).refusedShare()).isEqualTo(1);
        assertThat(ScreeningPressure.of(0, 1000, 5001, 5000, 0.75).refusedShare()).isEqualTo(1);
        // A bound of one lets one wait, as before shedding existed.
        assertThat(ScreeningPressure.of(1, 1, 0, 600_000, 0.75).refusedShare()).isZero();
    }

    @Test
    void the_refused_share_grows_in_step_with_the_nearer_bound() {
        assertThat(ScreeningPressure.of(875, 1000, 0, 5000, 0.75).refusedShare()).isCloseTo(0.5, within(0.01));
        // The wait is nearer its bound than the backlog: the wait decides.
        assertThat(ScreeningPressure.of(100, 1000, 4750, 5000, 0.75).refusedShare()).isCloseTo(0.8, within(0.01));
        double previous = 0;
        for (int backlog = 0; backlog <= 1000; backlog += 10) {
            double share = ScreeningPressure.of(backlog, 1000, 0, 5000, 0.75).refusedShare();
            assertThat(share).isGreaterThanOrEqualTo(previous);
            previous = share;
        }
    }

    @Test
    void about_that_share_of_submissions_is_refused() {
        SplittableRandom random = new SplittableRandom(21);
        ScreeningPressure pressure = ScreeningPressure.of(900, 1000, 0, 5000, 0.75); // share 0.6
        int refused = 0;
        for (int i = 0; i < 20_000; i++) {
            if (pressure.refuses(random::nextDouble)) {
                refused++;
            }
        }
        assertThat(refused / 20_000.0).isCloseTo(0.6, within(0.02));
        assertThat(ScreeningPressure.of(700, 1000, 0, 5000, 0.75).refuses(() -> 0.0)).isFalse();
        assertThat(ScreeningPressure.of(1001, 1000, 0, 5000, 0.75).refuses(() -> 0.999)).isTrue();
    }

    @Test
    void a_shedding_point_of_one_refuses_only_at_the_bound_and_one_outside_zero_to_one_is_refused() {
        assertThat(ScreeningPressure.of(999, 1000, 0, 5000, 1.0).refusedShare()).isZero();
        assertThat(ScreeningPressure.of(1001, 1000, 0, 5000, 1.0).refusedShare()).isEqualTo(1);
        assertThatThrownBy(() -> new RegistryConfig.Screening(2, 5000, 5000, 1.5))
                .hasMessageContaining("screening.shedFrom must be above 0 and at most 1");
        assertThatThrownBy(() -> new RegistryConfig.Screening(2, 5000, 5000, 0.0))
                .hasMessageContaining("screening.shedFrom");
        assertThat(new RegistryConfig.Screening(2, 5000, 5000).shedFrom()).isEqualTo(0.75);
    }
}
