package org.pensim.simulations.statistics;

import java.util.Arrays;

/** Percentile bootstrap intervals, for indices whose sampling distribution has no closed form. */
final class Bootstrap {

    /** Resamples per interval: enough for stable 95 % percentiles of the sensitivity indices. */
    static final int RESAMPLES = 1000;

    private Bootstrap() {
    }

    static Interval percentile(double estimate, double[] resampled, int n, double confidence) {
        double[] sorted = resampled.clone();
        Arrays.sort(sorted);
        double alpha = (1 - confidence) / 2;
        int lo = (int) Math.floor(alpha * (sorted.length - 1));
        int hi = (int) Math.ceil((1 - alpha) * (sorted.length - 1));
        return new Interval(estimate, sorted[lo], sorted[hi], n, confidence, "bootstrap percentile");
    }
}
