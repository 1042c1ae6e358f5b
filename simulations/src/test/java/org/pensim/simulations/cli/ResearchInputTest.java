package org.pensim.simulations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.pensim.protocol.json.ProtocolJson;
import org.junit.jupiter.api.io.TempDir;

/** Mistakes in the research commands' input are one readable line and a non-zero exit, before any run. */
class ResearchInputTest {

    private static Path scenarios() {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(root.resolve("simulations/scenarios"))) {
            root = root.getParent();
        }
        return root.resolve("simulations/scenarios");
    }

    /** The training scenario with some text replaced, written to {@code tmp/s.yaml}. */
    private static Path training(Path tmp, String... replacements) throws Exception {
        String text = Files.readString(scenarios().resolve("training.yaml"));
        for (int i = 0; i < replacements.length; i += 2) {
            text = text.replace(replacements[i], replacements[i + 1]);
        }
        Path scenario = tmp.resolve("s.yaml");
        Files.writeString(scenario, text);
        return scenario;
    }

    @Test
    void a_misspelt_measure_is_refused_before_any_replication(@TempDir Path tmp) {
        CliRun r = CliRun.of("run", scenarios().resolve("training.yaml").toString(), "--out", tmp.toString(), "--quiet",
                "--no-crypto", "--until-width", "0.1", "--measure", "methods.FRONT_COMPANYY.detectionRate");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("'FRONT_COMPANYY' is not in the diversion library");
        assertThat(tmp.resolve("replication-1")).doesNotExist();
    }

    @Test
    void until_width_stops_once_the_interval_is_narrow_enough(@TempDir Path tmp) throws Exception {
        Path scenario = training(tmp, "durationDays: 90", "durationDays: 30");
        CliRun r = CliRun.of("run", scenario.toString(), "--out", tmp.resolve("out").toString(), "--quiet", "--no-crypto",
                "--until-width", "0.5", "--measure", "licit.falsePositiveRate", "--max-replications", "12");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("licit.falsePositiveRate: interval width [0-9.e-]+ below 0.5000 after [0-9]+ replications");
        JsonNode agg = ProtocolJson.parse(Files.readString(tmp.resolve("out/replications.json")));
        JsonNode rule = agg.path("stoppingRule");
        assertThat(rule.path("measure").asText()).isEqualTo("licit.falsePositiveRate");
        assertThat(rule.path("targetWidth").asDouble()).isEqualTo(0.5);
        assertThat(rule.path("maxReplications").asInt()).isEqualTo(12);
        assertThat(rule.path("met").asBoolean()).isTrue();
        assertThat(rule.path("replications").asInt()).isEqualTo(agg.path("replications").asInt());
        assertThat(rule.path("width").asDouble()).isLessThan(0.5);
        assertThat(Files.readString(tmp.resolve("out/replications.html"))).contains("Stopping rule:")
                .contains("narrower than 0.5, at most 12");
        assertThat(agg.at("/measures/allDiversion.detectionRate/mean").isNumber()).isTrue();
        assertThat(Files.readString(tmp.resolve("out/replications.html"))).contains(">all diversion</td>");
    }

    @Test
    void a_model_value_out_of_range_names_the_parameter_and_its_bounds(@TempDir Path tmp) throws Exception {
        Path scenario = tmp.resolve("s.yaml");
        Files.writeString(scenario, Files.readString(scenarios().resolve("training.yaml"))
                + "model: {seizure: {notifiedProbability: 1.5}, dispatch: {daysAfterDeadline: 0}}\n");
        CliRun r = CliRun.of("run", scenario.toString(), "--out", tmp.resolve("out").toString(), "--quiet");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).hasLineCount(1).contains("model.seizure.notifiedProbability: must be 0 to 1, not 1.5",
                "model.dispatch.daysAfterDeadline: must be at least 1, not 0");
    }

    @Test
    void an_output_directory_that_cannot_be_written_is_refused_before_any_simulation_with_its_reason() {
        String training = scenarios().resolve("training.yaml").toString();
        CliRun run = CliRun.of("run", training, "--out", "/proc/pensim-no-such/out", "--quiet");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).hasLineCount(1).startsWith("pensim run: --out /proc/pensim-no-such/out: cannot write the outputs there: ")
                .contains("/proc/pensim-no-such");
        CliRun sweep = CliRun.of("sweep", scenarios().resolve("sweep-reply-rate.yaml").toString(), "--out", "/proc/pensim-no-such/out");
        assertThat(sweep.exitCode()).isEqualTo(1);
        assertThat(sweep.err()).contains("cannot write the outputs there").doesNotContain("replications");
        CliRun empty = CliRun.of("run", training, "--out", "", "--quiet");
        assertThat(empty.exitCode()).isEqualTo(2);
        assertThat(empty.err()).contains("--out is empty: name a directory for the outputs");
    }

    @Test
    void a_value_out_of_range_is_named_with_its_line(@TempDir Path tmp) throws Exception {
        Path scenario = training(tmp, "flagThreshold: 0.5", "flagThreshold: 0");
        int line = Files.readAllLines(scenario).stream().map(l -> l.startsWith("flagThreshold:")).toList().indexOf(true) + 1;
        Files.writeString(scenario, Files.readString(scenario) + "model: {seizure: {notifiedProbability: 1.5}}\n");
        int model = Files.readAllLines(scenario).size();
        CliRun r = CliRun.of("run", scenario.toString(), "--out", tmp.resolve("out").toString(), "--quiet");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).hasLineCount(1).contains("line " + line + ", flagThreshold: must be above 0",
                "line " + model + ", model.seizure.notifiedProbability: must be 0 to 1, not 1.5");
    }

    @Test
    void a_misspelt_top_level_field_is_named_with_its_line_and_the_field_meant(@TempDir Path tmp) throws Exception {
        Path scenario = training(tmp, "flagThreshold: 0.5", "flagTreshold: 0.5");
        CliRun r = CliRun.of("run", scenario.toString(), "--out", tmp.resolve("out").toString(), "--quiet");
        assertThat(r.exitCode()).isEqualTo(1);
        int line = Files.readAllLines(scenario).indexOf(Files.readAllLines(scenario).stream()
                .filter(l -> l.startsWith("flagTreshold")).findFirst().orElseThrow()) + 1;
        assertThat(r.err()).hasLineCount(1).contains("line " + line + ", field flagTreshold: unknown field 'flagTreshold' "
                + "(did you mean 'flagThreshold'?)").doesNotContain("DeserializationConfig", "null");
    }

    @Test
    void a_scenario_of_an_earlier_version_is_told_that_notifications_per_year_counts_orders_now_called_so(@TempDir Path tmp)
            throws Exception {
        Path scenario = training(tmp, "ordersPerYear: 2400", "notificationsPerYear: 2400");
        int line = Files.readAllLines(scenario).stream().map(String::strip).toList().indexOf("notificationsPerYear: 2400") + 1;
        CliRun r = CliRun.of("run", scenario.toString(), "--out", tmp.resolve("out").toString(), "--quiet");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).hasLineCount(1).contains("line " + line + ", field licitTrade.notificationsPerYear: renamed "
                + "licitTrade.ordersPerYear, which is what it always counted");
        assertThat(tmp.resolve("out")).doesNotExist();
        // A sweep that sets the old name is told the same, before any run.
        Files.writeString(tmp.resolve("sweep.yaml"), "name: x\nscenario: " + scenarios().resolve("training.yaml")
                + "\nreplications: 1\nparameters:\n  - path: licitTrade.notificationsPerYear\n    values: [100]\n");
        CliRun sweep = CliRun.of("sweep", tmp.resolve("sweep.yaml").toString(), "--out", tmp.resolve("o").toString());
        assertThat(sweep.exitCode()).isEqualTo(1);
        assertThat(sweep.err()).hasLineCount(1).contains("renamed licitTrade.ordersPerYear");
    }

    @Test
    void nonsense_values_are_refused(@TempDir Path tmp) throws Exception {
        Path scenario = training(tmp, "flagThreshold: 0.5", "flagThreshold: -2", "clearBelow: 0.3", "clearBelow: 3");
        CliRun r = CliRun.of("run", scenario.toString(), "--out", tmp.resolve("out").toString(), "--quiet");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).hasLineCount(1).contains("flagThreshold: must be above 0", "world.defaults.clearBelow: 3.0 is above "
                + "objectAbove 1.5");
    }

    @Test
    void a_run_into_a_used_folder_replaces_the_earlier_outputs_and_only_those(@TempDir Path tmp) throws Exception {
        Path scenario = training(tmp, "durationDays: 90", "durationDays: 20");
        Path out = tmp.resolve("out");
        assertThat(CliRun.of("run", scenario.toString(), "--out", out.toString(), "--quiet", "--no-crypto", "--replications", "3")
                .exitCode()).isZero();
        Files.writeString(out.resolve("my-notes.txt"), "mine");
        CliRun again = CliRun.of("run", scenario.toString(), "--out", out.toString(), "--quiet", "--no-crypto");
        assertThat(again.exitCode()).isZero();
        assertThat(again.err()).contains("replaced the outputs of an earlier run");
        assertThat(out.resolve("replication-3")).doesNotExist();
        assertThat(out.resolve("replications.json")).doesNotExist();
        assertThat(out.resolve("summary.json")).exists();
        assertThat(out.resolve("my-notes.txt")).hasContent("mine");
        Files.writeString(tmp.resolve("afile"), "x");
        CliRun file = CliRun.of("run", scenario.toString(), "--out", tmp.resolve("afile").toString(), "--quiet");
        assertThat(file.exitCode()).isEqualTo(2);
        assertThat(file.err()).contains("is a file, not a directory");
    }

    /** Issue 20, item 6: an unknown command is a usage error naming the commands, even with --help after it. */
    @Test
    void an_unknown_command_is_a_usage_error_naming_the_commands() {
        CliRun r = CliRun.of("authorities", "enrol", "--help");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).hasLineCount(1).contains("'authorities' is not a command; the commands are: run, calibrate, sweep,")
                .contains("authority").doesNotContain("load-agent");
        CliRun alone = CliRun.of("frobnicate");
        assertThat(alone.exitCode()).isEqualTo(2);
        assertThat(alone.err()).hasLineCount(1).startsWith("pensim: 'frobnicate' is not a command; the commands are: run,");
        CliRun misspeltCommand = CliRun.of("rnu", "training.yaml", "--out", "/tmp/x");
        assertThat(misspeltCommand.err()).as("the command, not its options").startsWith("pensim: 'rnu' is not a command");
        assertThat(CliRun.of("authority", "enrl", "--token", "x").err()).startsWith("pensim authority: 'enrl' is not a command");
        // A misspelt option is said as such, not as the required option it hides.
        CliRun misspelt = CliRun.of("run", scenarios().resolve("training.yaml").toString(), "--ot", "/tmp/x");
        assertThat(misspelt.exitCode()).isEqualTo(2);
        assertThat(misspelt.err()).hasLineCount(1).isEqualToIgnoringNewLines("pensim run: unknown option '--ot' (see --help)");
        CliRun known = CliRun.of("authority", "enrol", "--help");
        assertThat(known.exitCode()).isZero();
        assertThat(known.out()).contains("--token", "--operator");
    }

    @Test
    void two_campaigns_with_one_name_are_refused(@TempDir Path tmp) throws Exception {
        Path scenario = training(tmp, "name: front-pse-ng", "name: shopping-anhydride");
        CliRun r = CliRun.of("run", scenario.toString(), "--out", tmp.resolve("out").toString(), "--quiet");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("campaigns[1].name: 'shopping-anhydride' names another campaign too");
    }

    @Test
    void calibration_outputs_say_whether_signatures_were_made_and_round_their_figures(@TempDir Path tmp) throws Exception {
        CliRun r = CliRun.of("calibrate", scenarios().resolve("training.yaml").toString(), "--seeds", "2", "--out",
                tmp.toString());
        assertThat(r.exitCode()).as(r.err()).isIn(0, 1); // 1: a figure out of tolerance, which a training world may be
        assertThat(ProtocolJson.parse(Files.readString(tmp.resolve("calibration.json"))).path("signatures").asText())
                .isEqualTo("modelled");
        assertThat(Files.readString(tmp.resolve("calibration.csv"))).doesNotContainPattern("\\d\\.\\d{4,}");
    }

    @Test
    void a_targets_file_without_confidence_or_with_a_zero_value_is_refused(@TempDir Path tmp) throws Exception {
        Path targets = tmp.resolve("t.yaml");
        Files.writeString(targets, "targets:\n  - {id: x, measure: incidentsPerYear, value: 0, unit: n, source: s, year: 2016, "
                + "confidence: firm, tolerance: 0.1}\n");
        CliRun r = CliRun.of("calibrate", scenarios().resolve("training.yaml").toString(), "--targets", targets.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).hasLineCount(1).contains("a published value of 0 has no relative difference");
        Files.writeString(targets, "targets:\n  - {id: x, measure: incidentsPerYear, value: 5, unit: n, source: s, year: 2016, "
                + "tolerance: 0.1}\n");
        r = CliRun.of("calibrate", scenarios().resolve("training.yaml").toString(), "--targets", targets.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).hasLineCount(1).contains("confidence must be firm, approximate or uncertain");
        assertThat(CliRun.of("calibrate", scenarios().resolve("training.yaml").toString(), "--seeds", "1").exitCode()).isEqualTo(2);
    }

    @Test
    void a_sweep_without_parameters_and_an_analysis_without_outputs_are_refused(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("t.yaml"), Files.readString(scenarios().resolve("training.yaml")));
        Files.writeString(tmp.resolve("sweep.yaml"), "name: x\nscenario: t.yaml\nreplications: 1\nparameters: []\n");
        CliRun r = CliRun.of("sweep", tmp.resolve("sweep.yaml").toString(), "--out", tmp.resolve("o").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).hasLineCount(1).contains("give a list of at least one parameter");
        Files.writeString(tmp.resolve("a.yaml"), "name: x\nscenario: t.yaml\nmethod: sobol\noutputs: [licit.nope, methods.X.y]\n"
                + "parameters: [{path: flagThreshold, range: [0.5, 1]}]\n");
        r = CliRun.of("sensitivity", tmp.resolve("a.yaml").toString(), "--out", tmp.resolve("o").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).hasLineCount(1).contains("'X' is not in the diversion library");
    }
}
