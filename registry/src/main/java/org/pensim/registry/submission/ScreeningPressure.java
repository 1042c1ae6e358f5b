package org.pensim.registry.submission;

import java.util.function.DoubleSupplier;

/**
 * How much of a member's global-screening bound is used, and so what share of new submissions it refuses:
 * none below {@code shedFrom} of the bound, then a share growing in step with the pressure, all of them at
 * the bound. Refusing a growing share as the bound nears, rather than all or nothing at the bound, keeps a
 * loaded member accepting most of what comes and spreads the exporters' retries, instead of silences
 * followed by every exporter coming back at once.
 *
 * @param pressure the larger of the backlog's and the oldest wait's share of their bounds (1: at the bound)
 */
public record ScreeningPressure(double pressure, double shedFrom) {

    public ScreeningPressure {
        if (!(shedFrom > 0 && shedFrom <= 1)) {
            throw new IllegalArgumentException("shedFrom must be in (0, 1], not " + shedFrom);
        }
    }

    /**
     * The pressure of a backlog and a wait against their bounds, which are the most that may wait: full pressure
     * (everything refused) is one past either, as it always was.
     */
    public static ScreeningPressure of(int backlog, int maxBacklog, long waitedMillis, int maxDelayMillis, double shedFrom) {
        return new ScreeningPressure(Math.max((double) backlog / (maxBacklog + 1L), (double) waitedMillis / (maxDelayMillis + 1L)),
                shedFrom);
    }

    /** The share of submissions to refuse, 0 to 1. */
    public double refusedShare() {
        if (pressure >= 1) {
            return 1;
        }
        if (pressure <= shedFrom) {
            return 0;
        }
        return (pressure - shedFrom) / (1 - shedFrom);
    }

    /** Whether this submission is refused, drawing from {@code uniform} (uniform on [0, 1)). */
    public boolean refuses(DoubleSupplier uniform) {
        double share = refusedShare();
        return share >= 1 || share > 0 && uniform.getAsDouble() < share;
    }
}
