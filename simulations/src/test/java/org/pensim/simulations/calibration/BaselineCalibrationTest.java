package org.pensim.simulations.calibration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pensim.simulations.engine.SimulationRun;
import org.pensim.simulations.measure.Summary;
import org.pensim.simulations.scenario.Scenario;
import org.pensim.simulations.scenario.ScenarioLoader;

/** Calibration as a check with a result: the shipped baseline reproduces the trusted published figures. */
class BaselineCalibrationTest {

    @Test
    void the_baseline_is_within_tolerance_of_every_trusted_published_figure() {
        Scenario baseline = ScenarioLoader.load(Path.of("scenarios/baseline.yaml"));
        List<JsonNode> summaries = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            summaries.add(Summary.of(new SimulationRun(baseline, new SimulationRun.Options(baseline.seed() + i, false, null)).run(),
                    false));
        }
        List<Calibration.Row> rows = Calibration.compare(CalibrationTargets.standard(), summaries);
        assertThat(rows).extracting(r -> r.target().id()).contains("notifications", "incidents", "non-scheduled-incidents",
                "light-channel-countries", "active-countries");
        for (Calibration.Row r : rows) {
            if (r.target().trusted()) {
                assertThat(Math.abs(r.relativeDifference())).as("%s: simulated %s, published %s", r.target().id(),
                        r.simulated().estimate(), r.target().value()).isLessThanOrEqualTo(r.target().tolerance());
            }
        }
    }

    @Test
    void every_target_names_its_source_and_a_known_confidence() {
        for (CalibrationTargets.Target t : CalibrationTargets.standard().targets()) {
            assertThat(t.source()).as(t.id()).isNotBlank();
            assertThat(t.confidence()).isIn("firm", "approximate", "uncertain");
            assertThat(t.tolerance()).isEqualTo(t.trusted() ? 0.10 : 0.50);
        }
    }
}
