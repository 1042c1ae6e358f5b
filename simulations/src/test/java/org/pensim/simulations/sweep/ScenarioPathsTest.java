package org.pensim.simulations.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.simulations.scenario.Scenario;
import org.pensim.simulations.scenario.ScenarioLoader;

/** Sweeps reach any value by path; a design on a model whose answer is known gives that answer. */
class ScenarioPathsTest {

    private static final com.fasterxml.jackson.databind.node.JsonNodeFactory N = ProtocolJson.mapper().getNodeFactory();

    @Test
    void paths_reach_list_entries_country_overrides_and_model_parameters() {
        ObjectNode tree = ScenarioLoader.tree(Path.of("scenarios/baseline.yaml"));
        ScenarioPaths.set(tree, "campaigns[2].quantityKg", N.numberNode(77), false);
        ScenarioPaths.set(tree, "world.overrides.NG.replyProbability", N.numberNode(0.9), false);
        ScenarioPaths.set(tree, "world.overrides.FR.inboxCheckHours", N.numberNode(2), false);
        ScenarioPaths.set(tree, "model.seizure.notifiedProbability", N.numberNode(0.4), false);
        Scenario s = ScenarioLoader.fromTree(tree, "test");
        assertThat(s.campaigns().get(2).quantityKg()).isEqualTo(77);
        assertThat(s.world().overrides().get("NG").replyProbability()).isEqualTo(0.9);
        assertThat(s.world().overrides().get("FR").inboxCheckHours()).isEqualTo(2);
        assertThat(s.parameters().number("seizure.notifiedProbability")).isEqualTo(0.4);
        assertThatThrownBy(() -> ScenarioPaths.set(tree, "campaigns[40].quantityKg", N.numberNode(1), false))
                .hasMessageContaining("no element [40]");
        assertThatThrownBy(() -> ScenarioPaths.set(tree, "model.seizure.nope", N.numberNode(1), false))
                .hasMessageContaining("no such model parameter");
    }

    @Test
    void a_swept_default_reaches_the_countries_that_override_it_unless_they_are_kept() {
        ObjectNode tree = ScenarioLoader.tree(Path.of("scenarios/baseline.yaml"));
        List<String> changed = ScenarioPaths.set(tree, "world.defaults.replyProbability", N.numberNode(0.3), false);
        assertThat(changed).contains("NG", "DE", "AF");
        assertThat(ScenarioLoader.fromTree(tree, "t").world().overrides().get("NG").replyProbability()).isEqualTo(0.3);
        ObjectNode kept = ScenarioLoader.tree(Path.of("scenarios/baseline.yaml"));
        assertThat(ScenarioPaths.set(kept, "world.defaults.replyProbability", N.numberNode(0.3), true)).contains("NG");
        assertThat(ScenarioLoader.fromTree(kept, "t").world().overrides().get("NG").replyProbability()).isEqualTo(0.15);
    }

    @Test
    void a_latin_hypercube_design_maps_each_stratum_into_the_range() {
        Sweep.Spec spec = new Sweep.Spec("lhs", Path.of("x"), 1, List.of(
                new Sweep.Parameter("flagThreshold", List.of(), new double[] {0.5, 1.5}, false, false),
                new Sweep.Parameter("campaigns[0].attempts", List.of(), new double[] {2, 12}, true, false)), false,
                "latin-hypercube", 10, 3);
        var points = Sweep.points(spec);
        assertThat(points).hasSize(10);
        boolean[] strata = new boolean[10];
        for (var p : points) {
            double v = p.get("flagThreshold").asDouble();
            assertThat(v).isBetween(0.5, 1.5);
            strata[(int) ((v - 0.5) * 10)] = true;
            assertThat(p.get("campaigns[0].attempts").isIntegralNumber()).isTrue();
        }
        assertThat(strata).containsOnly(true);
    }
}
