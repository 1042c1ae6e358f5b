package org.pensim.simulations.sensitivity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.pensim.simulations.statistics.Interval;
import org.pensim.simulations.statistics.Sobol;

/** Sobol' indices from too few samples are said to be noise, in numbers, instead of published as effects. */
class SobolNoiseTest {

    private static Interval i(double estimate, double low, double high) {
        return new Interval(estimate, low, high, 16, 0.95, "bootstrap percentile");
    }

    @Test
    void an_index_outside_0_to_1_or_with_a_wide_interval_is_called_noise() {
        assertThat(SensitivityAnalysis.tooFewSamples(new Sobol.Indices(i(0.9727, -2.55, 12.78), i(1.2963, 0.9769, 1.6293))))
                .isEqualTo("the first-order index is 0.973 [-2.550, 12.780]");
        assertThat(SensitivityAnalysis.tooFewSamples(new Sobol.Indices(i(0.5, 0.45, 0.55), i(1.2963, 1.2, 1.35))))
                .isEqualTo("the total-order index is 1.296 [1.200, 1.350]");
        assertThat(SensitivityAnalysis.tooFewSamples(new Sobol.Indices(i(0.62, 0.55, 0.7), i(0.66, 0.6, 0.72)))).isNull();
    }
}
