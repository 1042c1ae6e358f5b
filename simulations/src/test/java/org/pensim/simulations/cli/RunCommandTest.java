package org.pensim.simulations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {

    static Path scenarios() {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(root.resolve("simulations/scenarios"))) {
            root = root.getParent();
        }
        return root.resolve("simulations/scenarios");
    }

    @Test
    void run_writes_every_output_and_prints_the_summary_table(@TempDir Path tmp) {
        CliRun r = CliRun.of("run", scenarios().resolve("training.yaml").toString(), "--out", tmp.toString(), "--quiet");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("FRONT_COMPANY", "licit", "(false positives)", "reply rate");
        assertThat(tmp.resolve("summary.json")).exists();
        assertThat(tmp.resolve("report.html")).exists();
        assertThat(tmp.resolve("workload.png")).exists();
    }

    @Test
    void replications_write_one_directory_each_and_confidence_intervals(@TempDir Path tmp) throws Exception {
        Path scenario = tmp.resolve("s.yaml");
        Files.writeString(scenario, Files.readString(scenarios().resolve("training.yaml"))
                .replace("replications: 1", "replications: 3").replace("durationDays: 90", "durationDays: 40"));
        CliRun r = CliRun.of("run", scenario.toString(), "--out", tmp.resolve("out").toString(), "--quiet", "--no-crypto");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(tmp.resolve("out/replication-3/summary.json")).exists();
        assertThat(Files.readString(tmp.resolve("out/replications.json"))).contains("\"ciLow\"", "\"FRONT_COMPANY\"");
        assertThat(r.out()).contains("95% CI");
    }

    @Test
    void scenario_mistakes_name_the_line_and_field(@TempDir Path tmp) throws Exception {
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, Files.readString(scenarios().resolve("training.yaml"))
                .replace("replyProbability: 0.7 ", "replyProbability: high "));
        CliRun r = CliRun.of("run", bad.toString(), "--out", tmp.resolve("o").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).hasLineCount(1).contains("line 14").contains("field world.defaults.replyProbability");

        Files.writeString(bad, Files.readString(scenarios().resolve("training.yaml")).replace("method: SUBSTITUTE", "method: TELEPORT"));
        CliRun m = CliRun.of("run", bad.toString(), "--out", tmp.resolve("o").toString());
        assertThat(m.err()).contains("campaigns[3].method: 'TELEPORT' is not in the diversion library");

        Files.writeString(bad, Files.readString(scenarios().resolve("training.yaml")).replace("durationDays: 90", "durationDays: 90\ncolour: red"));
        CliRun u = CliRun.of("run", bad.toString(), "--out", tmp.resolve("o").toString());
        assertThat(u.err()).contains("line 8").contains("colour");

        CliRun missing = CliRun.of("run", tmp.resolve("nope.yaml").toString(), "--out", tmp.toString());
        assertThat(missing.err()).isEqualTo("pensim run: " + tmp.resolve("nope.yaml") + " does not exist\n");
    }

    @Test
    void every_shipped_scenario_loads() throws Exception {
        try (var files = Files.list(scenarios())) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml") && !p.getFileName().toString().startsWith("sweep-")).toList()) {
                org.pensim.simulations.scenario.ScenarioLoader.load(f);
            }
        }
    }
}
