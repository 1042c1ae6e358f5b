package org.pensim.simulations.statistics;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.apache.commons.math3.stat.interval.IntervalUtils;

/**
 * Confidence intervals from commons-math3: Student-t for means (small numbers of replications need the
 * t quantile, not 1.96) and Wilson score intervals for proportions (which stay inside [0, 1] and do not
 * collapse to a point at 0 or n successes).
 */
public final class Intervals {

    public static final double DEFAULT_CONFIDENCE = 0.95;

    private Intervals() {
    }

    /** The mean of {@code values} with a Student-t interval; the interval is undefined below two values. */
    public static Interval mean(double[] values, double confidence) {
        SummaryStatistics s = new SummaryStatistics();
        for (double v : values) {
            s.addValue(v);
        }
        int n = values.length;
        if (n == 0) {
            return Interval.undefined(0, confidence, "student-t");
        }
        if (n == 1) {
            return new Interval(s.getMean(), Double.NaN, Double.NaN, 1, confidence, "student-t");
        }
        double t = new TDistribution(n - 1).inverseCumulativeProbability(1 - (1 - confidence) / 2);
        double half = t * s.getStandardDeviation() / Math.sqrt(n);
        return new Interval(s.getMean(), s.getMean() - half, s.getMean() + half, n, confidence, "student-t");
    }

    /** A proportion with its Wilson score interval; undefined when there are no trials. */
    public static Interval proportion(int successes, int trials, double confidence) {
        if (trials <= 0) {
            return Interval.undefined(0, confidence, "wilson");
        }
        if (successes < 0 || successes > trials) {
            throw new IllegalArgumentException(successes + " successes out of " + trials + " trials");
        }
        var ci = IntervalUtils.getWilsonScoreInterval(trials, successes, confidence);
        // At 0 or n successes the bound is exactly 0 or 1; the formula leaves rounding dust.
        double low = successes == 0 ? 0 : Math.max(0, ci.getLowerBound());
        double high = successes == trials ? 1 : Math.min(1, ci.getUpperBound());
        return new Interval((double) successes / trials, low, high, trials, confidence, "wilson");
    }
}
