package org.pensim.simulations.calibration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pensim.simulations.statistics.Interval;

/** The one sentence above a calibration table: the count within tolerance, and the trusted figures outside named. */
class CalibrationVerdictTest {

    private static Calibration.Row row(String description, String confidence, double difference) {
        var target = new CalibrationTargets.Target(description, "m", description, 100, "n", "src", 2024, confidence, 0.25);
        return new Calibration.Row(target, new Interval(100 * (1 + difference), 0, 0, 1, 0.95, "t"), difference,
                Math.abs(difference) <= 0.25);
    }

    @Test
    void names_what_is_outside_and_whether_it_is_trusted() {
        String v = Calibration.verdict(List.of(row("PEN notifications a year", "firm", 0.05),
                row("seizures of ephedrines", "approximate", 0.60), row("share objected", "uncertain", -0.40)), true);
        assertThat(v).startsWith("1 of 3 figures within tolerance; trusted figures outside: seizures of ephedrines (+60 %)")
                .contains("uncertain figures outside: share objected (-40 %)").contains("One seed");
    }

    @Test
    void all_within_says_so() {
        assertThat(Calibration.verdict(List.of(row("a", "firm", 0.1), row("b", "uncertain", 0.0)), false))
                .isEqualTo("2 of 2 figures within tolerance; every trusted figure is.");
    }
}
