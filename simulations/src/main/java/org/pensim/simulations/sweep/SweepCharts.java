package org.pensim.simulations.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pensim.simulations.calibration.Replications;
import org.pensim.simulations.report.Charts;
import org.pensim.simulations.statistics.Interval;

/**
 * A chart per swept parameter: the detection rate and the stopped rate of all diversion attempts, and the
 * licit false-positive rate, against the parameter's value, each point with its interval over replications.
 */
public final class SweepCharts {

    private SweepCharts() {
    }

    public static void write(Sweep.Spec spec, List<Sweep.Point> points, Path dir) throws IOException {
        int n = 0;
        for (Sweep.Parameter p : spec.parameters()) {
            n++;
            List<Charts.Curve> curves = new ArrayList<>();
            for (String measure : List.of("allDiversion.detectionRate", "allDiversion.stoppedRate", "licit.falsePositiveRate")) {
                List<double[]> pts = new ArrayList<>();
                for (Sweep.Point point : points) {
                    if (!point.settings().get(p.path()).isNumber()) {
                        continue;
                    }
                    Interval i = Replications.of(point.summaries(), measure);
                    if (i.defined()) {
                        pts.add(new double[] {point.settings().get(p.path()).asDouble(), i.estimate()});
                    }
                }
                pts.sort((a, b) -> Double.compare(a[0], b[0]));
                curves.add(new Charts.Curve(measure + " (mean over replications)", pts));
            }
            var chart = "latin-hypercube".equals(spec.design())
                    ? Charts.scatter("Sweep " + spec.name() + ": against " + p.path(), p.path(), "share of attempts", curves)
                    : Charts.lines("Sweep " + spec.name() + ": against " + p.path(), p.path(), "share of attempts", curves);
            Files.write(dir.resolve("sweep-" + n + "-" + p.path().replaceAll("[^A-Za-z0-9._-]", "_") + ".png"),
                    Charts.png(chart, 900, 450));
        }
    }
}
