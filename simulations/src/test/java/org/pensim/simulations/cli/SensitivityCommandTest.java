package org.pensim.simulations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pensim.protocol.json.ProtocolJson;

/**
 * The sensitivity command on the simulator, where part of the answer is known: the typical order of a
 * substance the scenario never trades cannot change anything (index exactly 0, as every point runs on the
 * same seed), while the flag threshold moves the detection rate.
 */
class SensitivityCommandTest {

    private static Path scenarios() {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(root.resolve("simulations/scenarios"))) {
            root = root.getParent();
        }
        return root.resolve("simulations/scenarios");
    }

    private static JsonNode analyse(Path tmp, String method, int samples) throws Exception {
        Files.writeString(tmp.resolve("t.yaml"), Files.readString(scenarios().resolve("training.yaml"))
                .replace("durationDays: 90", "durationDays: 45"));
        Files.writeString(tmp.resolve("a.yaml"), """
                name: known-answer
                scenario: t.yaml
                method: %s
                samples: %d
                outputs: [allDiversion.detectionRate]
                parameters:
                  - {path: flagThreshold, range: [0.2, 2.0]}
                  - {path: model.orders.typicalKg.ethyl-ether, range: [100, 9000]}
                """.formatted(method, samples));
        CliRun r = CliRun.of("sensitivity", tmp.resolve("a.yaml").toString(), "--out", tmp.resolve(method).toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(tmp.resolve(method + "/tornado-1-allDiversion.detectionRate.png")).exists();
        assertThat(Files.readAllLines(tmp.resolve(method + "/points.csv"))).hasSize(1 + samples * (method.equals("sobol") ? 4 : 3));
        JsonNode analysis = ProtocolJson.parse(Files.readString(tmp.resolve(method + "/sensitivity.json")));
        assertThat(analysis.path("signatures").asText()).as("what docs/scenarios.md asks a citation to give").isEqualTo("modelled");
        return analysis.at("/indices/allDiversion.detectionRate");
    }

    @Test
    void morris_gives_an_irrelevant_parameter_no_effect_and_the_threshold_a_large_one(@TempDir Path tmp) throws Exception {
        JsonNode i = analyse(tmp, "morris", 4);
        assertThat(i.at("/model.orders.typicalKg.ethyl-ether/muStar/estimate").asDouble()).isZero();
        assertThat(i.at("/flagThreshold/muStar/estimate").asDouble()).isGreaterThan(0.1);
    }

    @Test
    void sobol_gives_the_threshold_the_variance_and_the_irrelevant_parameter_none(@TempDir Path tmp) throws Exception {
        JsonNode i = analyse(tmp, "sobol", 8);
        assertThat(i.at("/model.orders.typicalKg.ethyl-ether/totalOrder/estimate").asDouble()).isZero();
        assertThat(i.at("/flagThreshold/totalOrder/estimate").asDouble()).isGreaterThan(0.5);
    }

    @Test
    void a_bad_analysis_file_is_one_readable_line(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("a.yaml"), "name: x\nscenario: t.yaml\nmethod: fourier\noutputs: [a]\nparameters: []\n");
        CliRun r = CliRun.of("sensitivity", tmp.resolve("a.yaml").toString(), "--out", tmp.resolve("o").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).hasLineCount(1).contains("method must be morris or sobol, not 'fourier'");
    }
}
