package org.pensim.simulations.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The highest offered rate a run kept up with, end to end: the highest rate of any reporting interval
 * that lies in a streak of at least {@value #STREAK} consecutive intervals in which at least 95 % of what
 * was offered was acknowledged and delivered and the p99 of delivery and of the first flag stayed within a bound. A
 * streak rather than one interval, so that a lucky interval past capacity does not count, while the
 * JIT warm-up of the first seconds does not hide the capacity found later in a ramp.
 */
public final class SustainableRate {

    /** One reporting interval: offered, acknowledged and delivered per second, and the end-to-end p99s (ms). */
    public record Interval(double offered, double acknowledged, double delivered, double deliveryP99Ms, double flagP99Ms) {
    }

    static final int STREAK = 3;
    static final double KEPT_UP = 0.95;

    private final double boundMs;
    private final List<Interval> intervals = new ArrayList<>();

    public SustainableRate(double boundMs) {
        this.boundMs = boundMs;
    }

    /** Adds an interval of the sending phase (intervals that offered nothing are not judged). */
    public void add(Interval interval) {
        if (interval.offered() > 0) {
            intervals.add(interval);
        }
    }

    boolean keptUp(Interval i) {
        // Deliveries are counted too: an interval in which they stalled has no delivery p99 to exceed the bound.
        return i.acknowledged() >= KEPT_UP * i.offered() && i.delivered() >= KEPT_UP * i.offered()
                && i.deliveryP99Ms() <= boundMs && i.flagP99Ms() <= boundMs;
    }

    /** The highest sustained rate per second; 0 when no streak kept up. */
    public double highest() {
        double best = 0;
        int start = 0;
        while (start < intervals.size()) {
            if (!keptUp(intervals.get(start))) {
                start++;
                continue;
            }
            int end = start;
            double max = 0;
            while (end < intervals.size() && keptUp(intervals.get(end))) {
                max = Math.max(max, intervals.get(end).offered());
                end++;
            }
            if (end - start >= STREAK) {
                best = Math.max(best, max);
            }
            start = end;
        }
        return best;
    }

    public String criterion(double intervalSeconds) {
        return String.format(Locale.ROOT, "%d intervals of %.0f s in a row with at least %.0f %% of the offered rate "
                + "acknowledged and delivered and p99 of delivery and of time-to-flag within %.0f ms", STREAK, intervalSeconds,
                KEPT_UP * 100, boundMs);
    }
}
