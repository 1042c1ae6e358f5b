package org.pensim.simulations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepCommandTest {

    @Test
    void a_sweep_runs_every_combination_with_confidence_intervals(@TempDir Path tmp) throws Exception {
        Path scenarios = RunCommandTest.scenarios();
        Files.writeString(tmp.resolve("small.yaml"), Files.readString(scenarios.resolve("training.yaml"))
                .replace("durationDays: 90", "durationDays: 45"));
        Files.writeString(tmp.resolve("sweep.yaml"), """
                name: test-sweep
                scenario: small.yaml
                replications: 3
                parameters:
                  - path: world.defaults.replyProbability
                    values: [0.1, 0.9]
                  - path: flagThreshold
                    values: [0.3, 2.0]
                """);
        CliRun r = CliRun.of("sweep", tmp.resolve("sweep.yaml").toString(), "--out", tmp.resolve("out").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        String json = Files.readString(tmp.resolve("out/sweep.json"));
        assertThat(json).contains("\"world.defaults.replyProbability\" : \"0.1\"").doesNotContain("NaN");
        var tree = org.pensim.protocol.json.ProtocolJson.parse(json);
        assertThat(tree.get("points")).hasSize(4);
        // A lower threshold flags at least as much; a higher reply rate lets no more front-company shipments through.
        double low = tree.at("/points/0/detectionRate/FRONT_COMPANY/mean").asDouble();
        double high = tree.at("/points/1/detectionRate/FRONT_COMPANY/mean").asDouble();
        assertThat(low).isGreaterThanOrEqualTo(high);
        assertThat(Files.readString(tmp.resolve("out/sweep.csv"))).startsWith("settings,measure,method,mean,ciLow,ciHigh,replications");
    }

    @Test
    void a_parameter_that_names_no_field_is_refused(@TempDir Path tmp) throws Exception {
        Files.copy(RunCommandTest.scenarios().resolve("training.yaml"), tmp.resolve("t.yaml"));
        Files.writeString(tmp.resolve("sweep.yaml"), """
                name: bad
                scenario: t.yaml
                replications: 1
                parameters:
                  - path: world.defaults.courage
                    values: [1]
                """);
        CliRun r = CliRun.of("sweep", tmp.resolve("sweep.yaml").toString(), "--out", tmp.resolve("out").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("pensim sweep: sweep parameter world.defaults.courage: the scenario has no such field\n");
    }
}
