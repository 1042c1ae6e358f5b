package org.pensim.simulations.statistics;

import java.util.SplittableRandom;

/**
 * Latin-hypercube samples of the unit cube: each of {@code n} equal strata of every dimension holds exactly
 * one point, which covers a range with far fewer runs than a grid of the same resolution.
 */
public final class LatinHypercube {

    private LatinHypercube() {
    }

    /** {@code n} points in {@code [0, 1)^dimensions}, reproducible for a seed. */
    public static double[][] sample(int n, int dimensions, long seed) {
        if (n < 1 || dimensions < 1) {
            throw new IllegalArgumentException("a Latin hypercube needs at least one sample and one dimension");
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[][] points = new double[n][dimensions];
        for (int d = 0; d < dimensions; d++) {
            int[] strata = new int[n];
            for (int i = 0; i < n; i++) {
                strata[i] = i;
            }
            for (int i = n - 1; i > 0; i--) { // Fisher-Yates
                int j = random.nextInt(i + 1);
                int t = strata[i];
                strata[i] = strata[j];
                strata[j] = t;
            }
            for (int i = 0; i < n; i++) {
                points[i][d] = (strata[i] + random.nextDouble()) / n;
            }
        }
        return points;
    }
}
