package org.pensim.simulations.statistics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The Kaplan-Meier estimate of a survival curve from times that are either observed (an attempt was
 * flagged after that long) or censored (it was still unflagged when observation ended), with Greenwood
 * variances and pointwise intervals on the log scale (R's {@code survfit} default), and the median with the
 * Brookmeyer-Crowley style interval read off the pointwise bands. Censored attempts count in the risk set
 * until their time, so a median describes every attempt, not only those caught.
 */
public final class KaplanMeier {

    /** One observation: its time and whether the event (a flag) was seen at that time. */
    public record Observation(double time, boolean event) {
    }

    /** The curve just after {@code time}: survival (share still unflagged) with its interval. */
    public record Step(double time, int atRisk, int events, double survival, double stdErr, double low, double high) {
    }

    /** A time read off the curve: NaN fields mean "not reached". */
    public record Median(double estimate, double low, double high) {
        public boolean reached() {
            return !Double.isNaN(estimate);
        }
    }

    private final List<Step> steps;
    private final int n;
    private final int events;
    private final double confidence;

    private KaplanMeier(List<Step> steps, int n, int events, double confidence) {
        this.steps = steps;
        this.n = n;
        this.events = events;
        this.confidence = confidence;
    }

    public static KaplanMeier estimate(List<Observation> observations, double confidence) {
        List<Observation> sorted = new ArrayList<>(observations);
        // At tied times events come before censorings, the usual convention.
        sorted.sort(Comparator.comparingDouble(Observation::time).thenComparing(o -> !o.event()));
        double z = new NormalDistribution().inverseCumulativeProbability(1 - (1 - confidence) / 2);
        List<Step> steps = new ArrayList<>();
        int atRisk = sorted.size();
        double survival = 1;
        double greenwood = 0;
        int totalEvents = 0;
        int i = 0;
        while (i < sorted.size()) {
            double t = sorted.get(i).time();
            int d = 0;
            int c = 0;
            while (i < sorted.size() && sorted.get(i).time() == t) {
                if (sorted.get(i).event()) {
                    d++;
                } else {
                    c++;
                }
                i++;
            }
            if (d > 0) {
                survival *= 1 - (double) d / atRisk;
                greenwood += atRisk == d ? Double.POSITIVE_INFINITY : (double) d / ((double) atRisk * (atRisk - d));
                double se = survival * Math.sqrt(greenwood);
                double low;
                double high;
                if (survival <= 0 || Double.isInfinite(greenwood)) {
                    low = Double.NaN;
                    high = Double.NaN;
                } else {
                    double half = z * Math.sqrt(greenwood);
                    low = survival * Math.exp(-half);
                    high = Math.min(1, survival * Math.exp(half));
                }
                steps.add(new Step(t, atRisk, d, survival, survival <= 0 ? Double.NaN : se, low, high));
                totalEvents += d;
            }
            atRisk -= d + c;
        }
        return new KaplanMeier(List.copyOf(steps), sorted.size(), totalEvents, confidence);
    }

    public List<Step> steps() {
        return steps;
    }

    public int n() {
        return n;
    }

    public int events() {
        return events;
    }

    public double confidence() {
        return confidence;
    }

    /** Survival just after {@code t}. */
    public double survivalAt(double t) {
        double s = 1;
        for (Step step : steps) {
            if (step.time() > t) {
                break;
            }
            s = step.survival();
        }
        return s;
    }

    /** The median time to the event, with its interval; "not reached" when fewer than half had the event. */
    public Median median() {
        return quantile(0.5);
    }

    /** The time by which a share {@code p} had the event (the curve falls to 1 - p or below). */
    public Median quantile(double p) {
        double level = 1 - p;
        double estimate = Double.NaN;
        double low = Double.NaN;
        double high = Double.NaN;
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            if (Double.isNaN(estimate) && s.survival() <= level + 1e-12) {
                // Where the curve rests exactly on the level, every time up to the next event qualifies: take the
                // midpoint, as R's quantile.survfit does.
                boolean flat = Math.abs(s.survival() - level) < 1e-12 && i + 1 < steps.size();
                estimate = flat ? (s.time() + steps.get(i + 1).time()) / 2 : s.time();
            }
            // The lower limit is where the lower band falls to the level, the upper limit where the upper band does
            // (as R's quantile.survfit): every time between them is a median the data do not rule out.
            double upperBand = Double.isNaN(s.high()) ? s.survival() : s.high();
            double lowerBand = Double.isNaN(s.low()) ? s.survival() : s.low();
            if (Double.isNaN(low) && lowerBand <= level + 1e-12) {
                low = s.time();
            }
            if (Double.isNaN(high) && upperBand <= level + 1e-12) {
                high = s.time();
            }
        }
        return new Median(estimate, low, high);
    }
}
