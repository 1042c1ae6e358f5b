package org.pensim.simulations.statistics;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.random.SobolSequenceGenerator;

/**
 * Variance-based sensitivity indices with Saltelli's sampling scheme (Saltelli et al. 2010): two base
 * matrices A and B from a Sobol' quasi-random sequence of dimension 2k, and for each parameter i the
 * matrix AB_i (A with column i from B); {@code N (k + 2)} model runs in all. First-order indices with
 * Saltelli 2010's estimator, total-order with Jansen's; intervals are bootstrap percentiles over the N rows.
 */
public final class Sobol {

    /** The points to run, in the order A (N rows), B (N rows), then AB_1 .. AB_k (N rows each). */
    public record Design(int parameters, int baseSamples, double[][] points) {
    }

    /** The indices of one parameter. */
    public record Indices(Interval firstOrder, Interval totalOrder) {
    }

    private Sobol() {
    }

    public static Design design(int parameters, int baseSamples) {
        if (parameters < 1 || baseSamples < 2) {
            throw new IllegalArgumentException("Sobol needs at least one parameter and two base samples");
        }
        SobolSequenceGenerator sequence = new SobolSequenceGenerator(2 * parameters);
        sequence.nextVector(); // the first point of the sequence is the origin (skipTo(1) would skip two)
        double[][] a = new double[baseSamples][];
        double[][] b = new double[baseSamples][];
        for (int j = 0; j < baseSamples; j++) {
            double[] v = sequence.nextVector();
            a[j] = java.util.Arrays.copyOfRange(v, 0, parameters);
            b[j] = java.util.Arrays.copyOfRange(v, parameters, 2 * parameters);
        }
        double[][] points = new double[baseSamples * (parameters + 2)][];
        for (int j = 0; j < baseSamples; j++) {
            points[j] = a[j];
            points[baseSamples + j] = b[j];
        }
        for (int i = 0; i < parameters; i++) {
            for (int j = 0; j < baseSamples; j++) {
                double[] ab = a[j].clone();
                ab[i] = b[j][i];
                points[(2 + i) * baseSamples + j] = ab;
            }
        }
        return new Design(parameters, baseSamples, points);
    }

    public static List<Indices> analyse(Design design, double[] outputs, double confidence, long seed) {
        int n = design.baseSamples();
        int k = design.parameters();
        if (outputs.length != design.points().length) {
            throw new IllegalArgumentException(outputs.length + " outputs for " + design.points().length + " points");
        }
        double[] fa = java.util.Arrays.copyOfRange(outputs, 0, n);
        double[] fb = java.util.Arrays.copyOfRange(outputs, n, 2 * n);
        SplittableRandom random = new SplittableRandom(seed);
        int[][] resamples = new int[Bootstrap.RESAMPLES][n];
        for (int[] rows : resamples) {
            for (int j = 0; j < n; j++) {
                rows[j] = random.nextInt(n);
            }
        }
        List<Indices> out = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            double[] fab = java.util.Arrays.copyOfRange(outputs, (2 + i) * n, (3 + i) * n);
            int[] all = new int[n];
            for (int j = 0; j < n; j++) {
                all[j] = j;
            }
            double[] est = indices(fa, fb, fab, all);
            double[] bootFirst = new double[resamples.length];
            double[] bootTotal = new double[resamples.length];
            for (int b = 0; b < resamples.length; b++) {
                double[] v = indices(fa, fb, fab, resamples[b]);
                bootFirst[b] = v[0];
                bootTotal[b] = v[1];
            }
            out.add(new Indices(Bootstrap.percentile(est[0], bootFirst, n, confidence),
                    Bootstrap.percentile(est[1], bootTotal, n, confidence)));
        }
        return out;
    }

    /** First- and total-order index over the given rows; NaN when the output does not vary. */
    private static double[] indices(double[] fa, double[] fb, double[] fab, int[] rows) {
        int n = rows.length;
        double mean = 0;
        for (int j : rows) {
            mean += fa[j] + fb[j];
        }
        mean /= 2.0 * n;
        double variance = 0;
        double first = 0;
        double total = 0;
        for (int j : rows) {
            variance += (fa[j] - mean) * (fa[j] - mean) + (fb[j] - mean) * (fb[j] - mean);
            first += fb[j] * (fab[j] - fa[j]);
            total += (fa[j] - fab[j]) * (fa[j] - fab[j]);
        }
        variance /= 2.0 * n - 1;
        if (variance <= 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        return new double[] {first / n / variance, total / (2.0 * n) / variance};
    }
}
