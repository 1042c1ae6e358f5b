package org.pensim.simulations.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The interval and survival code against textbook values. */
class StatisticsTest {

    @Test
    void studentTIntervalUsesTheTQuantileNotOnePointNineSix() {
        Interval i = Intervals.mean(new double[] {1, 2, 3, 4, 5}, 0.95);
        // mean 3, s = 1.5811, t(4; 0.975) = 2.7764: half-width 1.9632 (1.96 would give 1.3859)
        assertThat(i.estimate()).isEqualTo(3.0);
        assertThat(i.low()).isCloseTo(1.0368, within(1e-4));
        assertThat(i.high()).isCloseTo(4.9632, within(1e-4));
        assertThat(Intervals.mean(new double[] {7}, 0.95).low()).isNaN();
        assertThat(Intervals.mean(new double[0], 0.95).defined()).isFalse();
    }

    @Test
    void wilsonIntervalsMatchTheTextbookAndStayInsideZeroToOne() {
        Interval eight = Intervals.proportion(8, 10, 0.95);
        assertThat(eight.low()).isCloseTo(0.4902, within(1e-3));
        assertThat(eight.high()).isCloseTo(0.9433, within(1e-3));
        Interval none = Intervals.proportion(0, 5, 0.95);
        assertThat(none.estimate()).isZero();
        assertThat(none.low()).isZero();
        assertThat(none.high()).isCloseTo(0.4345, within(1e-3));
        assertThat(Intervals.proportion(0, 0, 0.95).defined()).isFalse();
    }

    /** Freireich et al. (1963), 6-MP arm, as in Kleinbaum and Klein and R's survfit output. */
    @Test
    void kaplanMeierReproducesTheSixMpArm() {
        double[] times = {6, 6, 6, 6, 7, 9, 10, 10, 11, 13, 16, 17, 19, 20, 22, 23, 25, 32, 32, 34, 35};
        boolean[] event = {true, true, true, false, true, false, true, false, false, true, true, false, false, false,
                true, true, false, false, false, false, false};
        List<KaplanMeier.Observation> obs = new ArrayList<>();
        for (int i = 0; i < times.length; i++) {
            obs.add(new KaplanMeier.Observation(times[i], event[i]));
        }
        KaplanMeier km = KaplanMeier.estimate(obs, 0.95);
        double[][] expected = { // time, survival, std.err, lower, upper (R: survfit(Surv(time, status) ~ 1))
            {6, 0.857, 0.0764, 0.720, 1.000}, {7, 0.807, 0.0869, 0.653, 0.996}, {10, 0.753, 0.0963, 0.586, 0.968},
            {13, 0.690, 0.1068, 0.510, 0.935}, {16, 0.627, 0.1141, 0.439, 0.896}, {22, 0.538, 0.1282, 0.337, 0.858},
            {23, 0.448, 0.1346, 0.249, 0.807}};
        assertThat(km.steps()).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            KaplanMeier.Step s = km.steps().get(i);
            assertThat(s.time()).isEqualTo(expected[i][0]);
            assertThat(s.survival()).isCloseTo(expected[i][1], within(5e-4));
            assertThat(s.stdErr()).isCloseTo(expected[i][2], within(5e-4));
            assertThat(s.low()).isCloseTo(expected[i][3], within(5e-4));
            assertThat(s.high()).isCloseTo(expected[i][4], within(5e-4));
        }
        KaplanMeier.Median m = km.median();
        assertThat(m.estimate()).isEqualTo(23); // R: median 23, 0.95LCL 16, 0.95UCL NA
        assertThat(m.low()).isEqualTo(16);
        assertThat(m.high()).isNaN();
        assertThat(km.events()).isEqualTo(9);
    }

    @Test
    void aMedianIsNotReachedWhenFewerThanHalfHaveTheEvent() {
        List<KaplanMeier.Observation> obs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            obs.add(new KaplanMeier.Observation(i + 1, i < 4));
        }
        KaplanMeier km = KaplanMeier.estimate(obs, 0.95);
        assertThat(km.median().reached()).isFalse();
        assertThat(km.survivalAt(100)).isCloseTo(0.6, within(1e-9));
    }

    @Test
    void aCurveRestingExactlyOnOneHalfGivesTheMidpointMedianAsR() {
        List<KaplanMeier.Observation> obs = new ArrayList<>();
        for (int t = 1; t <= 4; t++) {
            obs.add(new KaplanMeier.Observation(t, true));
        }
        assertThat(KaplanMeier.estimate(obs, 0.95).median().estimate()).isEqualTo(2.5); // R: median 2.5
    }

    @Test
    void latinHypercubePutsOnePointInEveryStratumOfEveryDimension() {
        double[][] p = LatinHypercube.sample(20, 3, 42);
        for (int d = 0; d < 3; d++) {
            boolean[] seen = new boolean[20];
            for (double[] x : p) {
                int stratum = (int) Math.floor(x[d] * 20);
                assertThat(seen[stratum]).as("stratum %d of dimension %d twice", stratum, d).isFalse();
                seen[stratum] = true;
            }
        }
        assertThat(LatinHypercube.sample(20, 3, 42)).isDeepEqualTo(p);
    }

    /** y = x1 + 2 x2 + 3 x3 on the unit cube: S_i = a_i^2 / sum a_j^2, no interactions, so S_Ti = S_i. */
    @Test
    void sobolIndicesOfALinearModelAreItsSquaredCoefficientsShares() {
        double[] a = {1, 2, 3};
        Sobol.Design d = Sobol.design(3, 1024);
        assertThat(d.points()).hasNumberOfRows(1024 * 5);
        double[] y = new double[d.points().length];
        for (int i = 0; i < y.length; i++) {
            for (int j = 0; j < 3; j++) {
                y[i] += a[j] * d.points()[i][j];
            }
        }
        List<Sobol.Indices> idx = Sobol.analyse(d, y, 0.95, 1);
        double[] expected = {1 / 14.0, 4 / 14.0, 9 / 14.0};
        for (int j = 0; j < 3; j++) {
            assertThat(idx.get(j).firstOrder().estimate()).isCloseTo(expected[j], within(0.03));
            assertThat(idx.get(j).totalOrder().estimate()).isCloseTo(expected[j], within(0.03));
            assertThat(idx.get(j).totalOrder().low()).isLessThanOrEqualTo(expected[j] + 0.01);
            assertThat(idx.get(j).totalOrder().high()).isGreaterThanOrEqualTo(expected[j] - 0.01);
        }
    }

    /** Ishigami's function (a = 7, b = 0.1): known first-order 0.314, 0.442, 0 and total 0.558, 0.442, 0.244. */
    @Test
    void sobolFindsIshigamisInteraction() {
        Sobol.Design d = Sobol.design(3, 4096);
        double[] y = new double[d.points().length];
        for (int i = 0; i < y.length; i++) {
            double[] x = d.points()[i];
            double x1 = -Math.PI + 2 * Math.PI * x[0];
            double x2 = -Math.PI + 2 * Math.PI * x[1];
            double x3 = -Math.PI + 2 * Math.PI * x[2];
            y[i] = Math.sin(x1) + 7 * Math.pow(Math.sin(x2), 2) + 0.1 * Math.pow(x3, 4) * Math.sin(x1);
        }
        List<Sobol.Indices> idx = Sobol.analyse(d, y, 0.95, 1);
        assertThat(idx.get(0).firstOrder().estimate()).isCloseTo(0.314, within(0.04));
        assertThat(idx.get(1).firstOrder().estimate()).isCloseTo(0.442, within(0.04));
        assertThat(idx.get(2).firstOrder().estimate()).isCloseTo(0.0, within(0.04));
        assertThat(idx.get(0).totalOrder().estimate()).isCloseTo(0.558, within(0.04));
        assertThat(idx.get(2).totalOrder().estimate()).isCloseTo(0.244, within(0.04));
    }

    @Test
    void morrisEffectsOfALinearModelAreItsCoefficients() {
        double[] a = {5, -1, 0};
        Morris.Design d = Morris.design(3, 10, 4, 7);
        double[] y = new double[d.points().length];
        for (int i = 0; i < y.length; i++) {
            for (int j = 0; j < 3; j++) {
                y[i] += a[j] * d.points()[i][j];
                assertThat(d.points()[i][j]).isBetween(0.0, 1.0);
            }
        }
        List<Morris.Effects> e = Morris.analyse(d, y, 0.95, 1);
        for (int j = 0; j < 3; j++) {
            assertThat(e.get(j).mu()).isCloseTo(a[j], within(1e-9));
            assertThat(e.get(j).muStar()).isCloseTo(Math.abs(a[j]), within(1e-9));
            assertThat(e.get(j).sigma()).isCloseTo(0, within(1e-9));
        }
    }
}
