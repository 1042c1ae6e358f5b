package org.pensim.protocol.screening.global;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The detectors' own fixed-point formatting writes what String.format wrote, digit for digit. */
class GlobalDetectorsFormatTest {

    @Test
    void fixed_point_matches_the_formatter_on_halves_extremes_and_random_values() {
        double[] tricky = {0, 0.05, 0.15, 0.25, 0.35, 2.675, 1.005, 1e-7, 9.9999, 99.95, 1e20, 123456.0449999, 0.0005,
                Double.MIN_VALUE, Double.MAX_VALUE, -1.25, Double.POSITIVE_INFINITY, Double.NaN};
        SplittableRandom r = new SplittableRandom(42);
        for (int places : new int[] {1, 3}) {
            for (double v : tricky) {
                assertThat(GlobalDetectors.fixed(v, places)).as("%s", v)
                        .isEqualTo(String.format(Locale.ROOT, "%." + places + "f", v));
            }
            for (int i = 0; i < 100_000; i++) {
                double v = Math.exp(r.nextDouble(-10, 15)) * (r.nextBoolean() ? 1 : r.nextInt(1000) / 7.0);
                assertThat(GlobalDetectors.fixed(v, places)).as("%s", v)
                        .isEqualTo(String.format(Locale.ROOT, "%." + places + "f", v));
            }
        }
    }
}
