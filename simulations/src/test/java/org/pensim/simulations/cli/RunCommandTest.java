package org.pensim.simulations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    void run_writes_every_output_and_prints_the_summary_table(@TempDir Path tmp) throws Exception {
        CliRun r = CliRun.of("run", scenarios().resolve("training.yaml").toString(), "--out", tmp.toString(), "--quiet");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("FRONT_COMPANY", "licit", "(false positives", "reply rate");
        assertThat(tmp.resolve("summary.json")).exists();
        assertThat(tmp.resolve("report.html")).exists();
        assertThat(tmp.resolve("time-to-flag.png")).exists();
        assertThat(r.out()).contains("rate [95% CI]", "ttf median h", "kg diverted");
        // The headline, all methods together, is a row of the console's table and of the report's.
        assertThat(r.out()).containsPattern("(?m)^all diversion +\\d+ +\\d+ +0\\.\\d+ \\[");
        assertThat(java.nio.file.Files.readString(tmp.resolve("report.html"))).contains("<tr class=\"total\"><td class=\"l\">all diversion</td>");
        // The report's kilograms are whole, with thousands separated; summary.json keeps them exact.
        String report = java.nio.file.Files.readString(tmp.resolve("report.html"));
        assertThat(report).containsPattern("<td>\\d{1,3}(,\\d{3})* <span class=\"ci\">\\[\\d{1,3}(,\\d{3})*, \\d{1,3}(,\\d{3})*\\]")
                .doesNotContainPattern("<td>\\d{2,}\\.\\d{3} <span class=\"ci\">\\[");
    }

    @Test
    void replications_write_one_directory_each_and_confidence_intervals(@TempDir Path tmp) throws Exception {
        Path scenario = tmp.resolve("s.yaml");
        Files.writeString(scenario, Files.readString(scenarios().resolve("training.yaml"))
                .replace("replications: 1", "replications: 3").replace("durationDays: 90", "durationDays: 40"));
        CliRun r = CliRun.of("run", scenario.toString(), "--out", tmp.resolve("out").toString(), "--quiet", "--no-crypto");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(tmp.resolve("out/replication-3/summary.json")).exists();
        assertThat(Files.readString(tmp.resolve("out/replications.json"))).contains("\"ciLow\"",
                "methods.FRONT_COMPANY.detectionRate", "Student-t");
        assertThat(r.out()).contains("95% Student-t CI");
        assertThat(Files.readAllLines(tmp.resolve("out/runs.csv")).get(0)).isEqualTo("run,seed,group,key,measure,value");
        assertThat(Files.readString(tmp.resolve("out/replications.html"))).contains("3 replications", "Student-t 95 %",
                "FRONT_COMPANY", "data:image/png;base64,").doesNotContain("src=\"http", "<script");
    }

    @Test
    void a_single_run_shows_its_progress_as_a_run_not_as_replications(@TempDir Path tmp) throws Exception {
        Path scenario = tmp.resolve("s.yaml");
        Files.writeString(scenario, Files.readString(scenarios().resolve("training.yaml")).replace("durationDays: 90", "durationDays: 20"));
        CliRun r = CliRun.of("run", scenario.toString(), "--out", tmp.resolve("out").toString(), "--no-crypto");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("simulating [", "100%").doesNotContain("replications 0/1");
    }

    @Test
    void replications_side_by_side_write_the_same_bytes_as_one_after_the_other(@TempDir Path tmp) throws Exception {
        Path scenario = tmp.resolve("s.yaml");
        Files.writeString(scenario, Files.readString(scenarios().resolve("training.yaml"))
                .replace("replications: 1", "replications: 3").replace("durationDays: 90", "durationDays: 30"));
        CliRun serial = CliRun.of("run", scenario.toString(), "--out", tmp.resolve("serial").toString(), "--quiet",
                "--no-crypto", "--parallel", "1");
        CliRun parallel = CliRun.of("run", scenario.toString(), "--out", tmp.resolve("parallel").toString(),
                "--no-crypto", "--parallel", "3");
        assertThat(serial.exitCode()).as(serial.err()).isZero();
        assertThat(parallel.exitCode()).as(parallel.err()).isZero();
        assertThat(parallel.out()).contains("in 3 replications on 3 threads");
        assertThat(parallel.err()).contains("replications 3/3 done", "ETA");
        List<Path> files;
        try (var walk = Files.walk(tmp.resolve("serial"))) {
            files = walk.filter(Files::isRegularFile).map(tmp.resolve("serial")::relativize).sorted().toList();
        }
        assertThat(files).contains(Path.of("replications.json"), Path.of("replication-3/events.csv"),
                Path.of("replication-2/daily.png"));
        for (Path f : files) {
            assertThat(Files.mismatch(tmp.resolve("serial").resolve(f), tmp.resolve("parallel").resolve(f)))
                    .as(f + " differs").isEqualTo(-1L);
        }
        try (var walk = Files.walk(tmp.resolve("parallel"))) {
            assertThat(walk.filter(Files::isRegularFile).count()).isEqualTo(files.size());
        }
        CliRun none = CliRun.of("run", scenario.toString(), "--out", tmp.resolve("none").toString(), "--parallel", "0");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("--parallel must be at least 1, not 0").doesNotContain("Exception");
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
