package org.pensim.simulations.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.simulations.report.Charts;

class SweepChartsTest {

    private static JsonNode summary(double detection) throws Exception {
        return ProtocolJson.parse("{\"allDiversion\": {\"detectionRate\": %s, \"stoppedRate\": %s}, \"licit\": {\"falsePositiveRate\": 0.02}}"
                .formatted(detection, detection / 2));
    }

    /** A grid over a (1, 2, 3) and b (0.5, 0.8) where detection rises with a and falls with b, as the design lists it. */
    private static List<Sweep.Point> grid() throws Exception {
        List<Sweep.Point> points = new ArrayList<>();
        for (double b : new double[] {0.5, 0.8}) {
            for (double a : new double[] {1, 2, 3}) {
                Map<String, JsonNode> settings = new LinkedHashMap<>();
                settings.put("a", DoubleNode.valueOf(a));
                settings.put("b", DoubleNode.valueOf(b));
                double mean = 0.1 * a + (b == 0.5 ? 0.4 : 0);
                points.add(new Sweep.Point(settings, List.of(summary(mean - 0.02), summary(mean), summary(mean + 0.02)), List.of()));
            }
        }
        return points;
    }

    private static Sweep.Spec spec(String design) {
        return new Sweep.Spec("s", Path.of("s.yaml"), 3, List.of(new Sweep.Parameter("a", List.of()),
                new Sweep.Parameter("b", List.of())), false, design, 6, 1);
    }

    @Test
    void in_a_grid_each_setting_of_the_other_parameters_is_a_line_of_its_own_with_intervals() throws Exception {
        List<Charts.IntervalCurve> curves = SweepCharts.curves(spec("grid"), grid(), spec("grid").parameters().get(0));
        assertThat(curves).hasSize(6).extracting(Charts.IntervalCurve::name).contains(
                "diversion attempts flagged (b = 0.5)", "diversion attempts flagged (b = 0.8)", "licit notifications flagged (b = 0.8)");
        Charts.IntervalCurve low = curves.stream().filter(c -> c.name().equals("diversion attempts flagged (b = 0.8)")).findFirst()
                .orElseThrow();
        assertThat(low.points()).extracting(p -> p[0]).containsExactly(1.0, 2.0, 3.0);
        assertThat(low.points()).extracting(p -> Math.round(p[1] * 100)).as("rising with a, no jump to b's other value")
                .containsExactly(10L, 20L, 30L);
        assertThat(low.points()).allSatisfy(p -> assertThat(p[2]).isLessThan(p[1]))
                .allSatisfy(p -> assertThat(p[3]).isGreaterThan(p[1]));
        assertThat(Charts.png(SweepCharts.chart(spec("grid"), grid(), spec("grid").parameters().get(1)), 900, 480)).isNotEmpty();
    }

    @Test
    void a_latin_hypercube_keeps_one_unjoined_series_per_measure() throws Exception {
        List<Charts.IntervalCurve> curves = SweepCharts.curves(spec("latin-hypercube"), grid(), spec("grid").parameters().get(0));
        assertThat(curves).extracting(Charts.IntervalCurve::name).containsExactly("diversion attempts flagged",
                "diversion attempts stopped", "licit notifications flagged");
        assertThat(curves.get(0).points()).hasSize(6);
    }
}
