package org.pensim.simulations.statistics;

/**
 * An estimate with its confidence interval, and how the interval was computed, so that a report can say
 * it. NaN bounds mean the interval is undefined (no observations, or one for a Student-t interval).
 *
 * @param method "student-t", "wilson", "kaplan-meier (Greenwood, log)" or "bootstrap percentile"
 */
public record Interval(double estimate, double low, double high, int n, double confidence, String method) {

    public static Interval undefined(int n, double confidence, String method) {
        return new Interval(Double.NaN, Double.NaN, Double.NaN, n, confidence, method);
    }

    public boolean defined() {
        return !Double.isNaN(estimate);
    }

    public double width() {
        return high - low;
    }

    /** The same interval in other units (kilograms to tonnes, a mean per attempt to a total). */
    public Interval scaled(double factor) {
        return new Interval(estimate * factor, low * factor, high * factor, n, confidence, method);
    }
}
