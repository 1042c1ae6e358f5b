package org.pensim.simulations.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.title.TextTitle;
import org.pensim.simulations.calibration.Replications;
import org.pensim.simulations.report.Charts;
import org.pensim.simulations.statistics.Interval;

/**
 * A chart per swept parameter: the detection rate and the stopped rate of all diversion attempts, and the licit
 * false-positive rate, against the parameter's value, each point with its 95 % interval over replications. In a grid
 * over several parameters, each combination of the others' values is a line of its own: one line through all the
 * points would join points that differ in another parameter.
 */
public final class SweepCharts {

    /** The measures charted, with the words a reader sees. */
    static final Map<String, String> MEASURES = Map.of(
            "allDiversion.detectionRate", "diversion attempts flagged",
            "allDiversion.stoppedRate", "diversion attempts stopped",
            "licit.falsePositiveRate", "licit notifications flagged");
    private static final List<String> ORDER = List.of("allDiversion.detectionRate", "allDiversion.stoppedRate",
            "licit.falsePositiveRate");

    private SweepCharts() {
    }

    public static void write(Sweep.Spec spec, List<Sweep.Point> points, Path dir) throws IOException {
        int n = 0;
        for (Sweep.Parameter p : spec.parameters()) {
            n++;
            JFreeChart chart = chart(spec, points, p);
            Files.write(dir.resolve("sweep-" + n + "-" + p.path().replaceAll("[^A-Za-z0-9._-]", "_") + ".png"),
                    Charts.png(chart, 900, 480));
        }
    }

    /** The chart of one parameter; its lines as {@link #curves} gives them. */
    static JFreeChart chart(Sweep.Spec spec, List<Sweep.Point> points, Sweep.Parameter p) {
        boolean grid = !"latin-hypercube".equals(spec.design());
        JFreeChart chart = Charts.intervals("Sweep " + spec.name() + ": against " + p.path(), p.path(),
                "share (of attempts; of licit notifications)", curves(spec, points, p), grid);
        chart.addSubtitle(new TextTitle(grid
                ? "means over " + spec.replications() + " replications with 95 % Student-t intervals"
                        + (spec.parameters().size() > 1 ? "; a line for each setting of the other parameters" : "")
                : "each point a sample of the Latin hypercube, every parameter varying: means with 95 % intervals",
                Charts.SUBTITLE));
        return chart;
    }

    /** For each measure and each setting of the other parameters (in a grid), the points against {@code p}. */
    static List<Charts.IntervalCurve> curves(Sweep.Spec spec, List<Sweep.Point> points, Sweep.Parameter p) {
        boolean grid = !"latin-hypercube".equals(spec.design());
        List<Charts.IntervalCurve> curves = new ArrayList<>();
        for (String measure : ORDER) {
            Map<String, List<double[]>> lines = new LinkedHashMap<>();
            for (Sweep.Point point : points) {
                JsonNode x = point.settings().get(p.path());
                if (x == null || !x.isNumber()) {
                    continue;
                }
                Interval i = Replications.of(point.summaries(), measure);
                if (!i.defined()) {
                    continue;
                }
                String others = grid ? spec.parameters().stream().filter(o -> !o.path().equals(p.path()))
                        .map(o -> o.path() + " = " + point.settings().get(o.path())).collect(Collectors.joining(", ")) : "";
                lines.computeIfAbsent(others, k -> new ArrayList<>()).add(new double[] {x.asDouble(), i.estimate(),
                        Double.isNaN(i.low()) ? i.estimate() : i.low(), Double.isNaN(i.high()) ? i.estimate() : i.high()});
            }
            lines.forEach((others, pts) -> {
                pts.sort((a, b) -> Double.compare(a[0], b[0]));
                curves.add(new Charts.IntervalCurve(MEASURES.get(measure) + (others.isEmpty() ? "" : " (" + others + ")"), pts));
            });
        }
        return curves;
    }
}
