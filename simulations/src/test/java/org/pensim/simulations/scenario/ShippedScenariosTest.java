package org.pensim.simulations.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.pensim.protocol.screening.IndicatorCode;
import org.pensim.protocol.screening.ScreeningPolicy;
import org.pensim.protocol.validation.SchemaCheck;

/** The shipped scenarios load and match their schema; the model's defaults agree with the live nodes'. */
class ShippedScenariosTest {

    @Test
    void every_shipped_scenario_loads_and_matches_the_schema() throws Exception {
        SchemaCheck schema = SchemaCheck.of("scenario.schema.json");
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("scenarios"))) {
            files = s.filter(p -> p.toString().endsWith(".yaml") && !p.getFileName().toString().startsWith("sweep")).toList();
        }
        assertThat(files).hasSizeGreaterThan(10);
        for (Path f : files) {
            ScenarioLoader.load(f);
            assertThat(schema.check(ScenarioLoader.tree(f))).as(f.toString()).isEmpty();
        }
    }

    @Test
    void the_model_defaults_are_the_indicators_defaults_the_live_nodes_use() {
        ScreeningPolicy sim = ModelParameters.defaults().screeningPolicy();
        ScreeningPolicy live = ScreeningPolicy.defaults();
        for (IndicatorCode c : IndicatorCode.values()) {
            assertThat(sim.setting(c)).as(c.name()).isEqualTo(live.setting(c));
        }
    }

    @Test
    void every_default_has_a_source_and_a_scenario_value_beats_it() throws Exception {
        ModelParameters.defaults().resolved().forEach((path, p) -> assertThat(p.source()).as(path).isNotBlank());
        var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"seizure\": {\"notifiedProbability\": 0.4}}");
        ModelParameters m = ModelParameters.of(tree);
        assertThat(m.number("seizure.notifiedProbability")).isEqualTo(0.4);
        assertThat(m.resolved().get("seizure.notifiedProbability").source()).isEqualTo("scenario");
        var wrong = new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"seizure\": {\"notifiedProbabilty\": 0.4}}");
        assertThatThrownBy(() -> ModelParameters.of(wrong)).hasMessageContaining(
                "model.seizure.notifiedProbabilty: no such model parameter (closest: model.seizure.notifiedProbability)");
    }
}
