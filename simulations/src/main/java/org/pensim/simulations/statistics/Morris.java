package org.pensim.simulations.statistics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Morris's elementary-effects screening (Morris 1991; mu* of Campolongo et al. 2007): {@code r} random
 * one-at-a-time trajectories through a {@code levels}-level grid of the unit cube. For each parameter,
 * mu* (mean absolute effect) ranks influence and sigma (spread of effects) reveals interactions or
 * non-linearity. Effects are in output units per full range of the parameter. Intervals on mu* are
 * bootstrap percentiles over trajectories.
 */
public final class Morris {

    /** A design: the points to run, trajectory after trajectory, each of {@code k + 1} points. */
    public record Design(int parameters, int trajectories, int levels, double[][] points) {
    }

    /** The indices of one parameter. */
    public record Effects(double mu, double muStar, double sigma, Interval muStarInterval) {
    }

    private Morris() {
    }

    public static Design design(int parameters, int trajectories, int levels, long seed) {
        if (levels < 2 || levels % 2 != 0) {
            throw new IllegalArgumentException("Morris needs an even number of levels, at least 2");
        }
        SplittableRandom random = new SplittableRandom(seed);
        double delta = levels / (2.0 * (levels - 1));
        double[][] points = new double[trajectories * (parameters + 1)][];
        int row = 0;
        for (int t = 0; t < trajectories; t++) {
            double[] x = new double[parameters];
            for (int i = 0; i < parameters; i++) {
                // Start where a step of +delta stays inside the grid: levels 0 .. levels/2 - 1.
                x[i] = random.nextInt(levels / 2) / (double) (levels - 1);
            }
            int[] order = new int[parameters];
            for (int i = 0; i < parameters; i++) {
                order[i] = i;
            }
            for (int i = parameters - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int tmp = order[i];
                order[i] = order[j];
                order[j] = tmp;
            }
            points[row++] = x.clone();
            for (int step = 0; step < parameters; step++) {
                x[order[step]] += delta;
                points[row++] = x.clone();
            }
        }
        return new Design(parameters, trajectories, levels, points);
    }

    /** The elementary effects of each parameter from the outputs of the design's points, in order. */
    public static List<Effects> analyse(Design design, double[] outputs, double confidence, long seed) {
        int k = design.parameters();
        int r = design.trajectories();
        if (outputs.length != design.points().length) {
            throw new IllegalArgumentException(outputs.length + " outputs for " + design.points().length + " points");
        }
        double[][] effects = new double[k][r];
        for (int t = 0; t < r; t++) {
            int base = t * (k + 1);
            for (int step = 0; step < k; step++) {
                double[] a = design.points()[base + step];
                double[] b = design.points()[base + step + 1];
                int moved = -1;
                for (int i = 0; i < k; i++) {
                    if (a[i] != b[i]) {
                        moved = i;
                    }
                }
                effects[moved][t] = (outputs[base + step + 1] - outputs[base + step]) / (b[moved] - a[moved]);
            }
        }
        List<Effects> out = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < k; i++) {
            double[] e = effects[i];
            double mu = Arrays.stream(e).average().orElse(Double.NaN);
            double muStar = Arrays.stream(e).map(Math::abs).average().orElse(Double.NaN);
            double sigma = r < 2 ? Double.NaN : Math.sqrt(Arrays.stream(e).map(v -> (v - mu) * (v - mu)).sum() / (r - 1));
            double[] boot = new double[Bootstrap.RESAMPLES];
            for (int b = 0; b < boot.length; b++) {
                double s = 0;
                for (int j = 0; j < r; j++) {
                    s += Math.abs(e[random.nextInt(r)]);
                }
                boot[b] = s / r;
            }
            out.add(new Effects(mu, muStar, sigma, Bootstrap.percentile(muStar, boot, r, confidence)));
        }
        return out;
    }
}
