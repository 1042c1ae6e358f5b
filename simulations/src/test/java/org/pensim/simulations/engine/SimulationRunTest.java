package org.pensim.simulations.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.simulations.measure.Case;
import org.pensim.simulations.measure.Summary;
import org.pensim.simulations.report.RunOutputs;
import org.pensim.simulations.scenario.Scenario;
import org.pensim.simulations.scenario.ScenarioLoader;

class SimulationRunTest {

    static Path scenarios() {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(root.resolve("simulations/scenarios"))) {
            root = root.getParent();
        }
        return root.resolve("simulations/scenarios");
    }

    static SimulationRun.Result run(Scenario s, long seed, boolean crypto) {
        return new SimulationRun(s, new SimulationRun.Options(seed, crypto, null)).run();
    }

    static Map<String, byte[]> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.collect(Collectors.toMap(p -> p.getFileName().toString(), p -> {
                try {
                    return Files.readAllBytes(p);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }));
        }
    }

    @Test
    void the_same_scenario_and_seed_give_byte_identical_outputs_and_another_seed_does_not(@TempDir Path tmp) throws Exception {
        Scenario s = ScenarioLoader.load(scenarios().resolve("training.yaml"));
        SimulationRun.Result a = run(s, 7, true);
        SimulationRun.Result b = run(s, 7, true);
        SimulationRun.Result c = run(s, 8, true);
        RunOutputs.write(a, Summary.of(a, true), tmp.resolve("a"));
        RunOutputs.write(b, Summary.of(b, true), tmp.resolve("b"));
        RunOutputs.write(c, Summary.of(c, true), tmp.resolve("c"));
        Map<String, byte[]> fa = files(tmp.resolve("a"));
        Map<String, byte[]> fb = files(tmp.resolve("b"));
        assertThat(fa.keySet()).containsExactlyInAnyOrder("summary.json", "notifications.csv", "flags.csv", "events.csv",
                "daily.csv", "adaptations.csv", "runs.csv", "report.html", "detection-by-method.png", "time-to-flag.png",
                "outcomes-by-method.png", "daily.png");
        for (String f : fa.keySet()) {
            assertThat(fb.get(f)).as(f).isEqualTo(fa.get(f));
        }
        assertThat(files(tmp.resolve("c")).get("notifications.csv")).isNotEqualTo(fa.get("notifications.csv"));
        assertThat(new String(fa.get("report.html"))).doesNotContain("src=\"http", "href=\"http", "<script", "<link");
    }

    @Test
    void signatures_modelled_or_computed_give_the_same_measures() throws Exception {
        Scenario s = ScenarioLoader.load(scenarios().resolve("training.yaml"));
        JsonNode computed = Summary.of(run(s, 7, true), true);
        JsonNode modelled = Summary.of(run(s, 7, false), false);
        assertThat(modelled.get("methods")).isEqualTo(computed.get("methods"));
        assertThat(modelled.get("licit")).isEqualTo(computed.get("licit"));
    }

    @Test
    void a_change_of_authority_policy_leaves_the_licit_trade_unchanged() throws Exception {
        Scenario s = ScenarioLoader.load(scenarios().resolve("training.yaml"));
        Scenario.Behaviour strict = new Scenario.Behaviour(1.0, 4.0, null, 100, 1.0, null, null, null);
        Scenario changed = new Scenario(s.name(), s.seed(), s.replications(), s.start(), s.durationDays(), s.flagThreshold(),
                new Scenario.World(s.world().countries(), s.world().include(), s.world().defaults(),
                        Map.of("NG", strict.over(s.world().defaults())), s.world().transitHubsOfConcern()),
                s.licitTrade(), s.campaigns());
        List<String> before = licitTrade(run(s, 7, false));
        List<String> after = licitTrade(run(changed, 7, false));
        assertThat(after).isEqualTo(before).hasSizeGreaterThan(300);
    }

    /**
     * Common random numbers: whether an authority answers a licit notification is drawn from that notification's
     * own stream, so a run with no campaigns at all gives the same licit trade and the same answered set.
     */
    @Test
    void campaigns_leave_the_licit_trade_and_who_answers_it_unchanged() throws Exception {
        Scenario s = ScenarioLoader.load(scenarios().resolve("training.yaml"));
        Scenario none = new Scenario(s.name(), s.seed(), 1, s.start(), s.durationDays(), s.flagThreshold(), s.world(),
                s.licitTrade(), List.of());
        SimulationRun.Result with = run(s, 7, false);
        SimulationRun.Result without = run(none, 7, false);
        assertThat(licitTrade(without)).isEqualTo(licitTrade(with));
        assertThat(answered(without)).isEqualTo(answered(with)).isNotEmpty();
    }

    private static List<String> answered(SimulationRun.Result r) {
        return r.cases().stream().filter(Case::licit).filter(c -> c.decision != null).map(c -> c.id).toList();
    }

    private static List<String> licitTrade(SimulationRun.Result r) {
        return r.cases().stream().filter(Case::licit)
                // Not the id: licit and diversion documents share one numbering, and campaigns adapt to the policy.
                .map(c -> c.submittedAt + " " + c.exportingCountry + ">" + c.importingCountry + " " + c.substanceId + " " + c.pureKg)
                .toList();
    }

    @Test
    void a_shipment_that_left_is_never_stopped_afterwards() throws Exception {
        // Seen in the baseline: held on silence, answered with no objection a few days later, shipped and received,
        // then stopped when the hold's 30 days ran out, counted as shipped and as stopped.
        Scenario baseline = ScenarioLoader.load(scenarios().resolve("baseline.yaml"));
        SimulationRun.Result r = run(baseline, baseline.seed(), false);
        long heldThenAnswered = r.cases().stream().filter(c -> c.held && c.shippedAt != null && c.decision != null).count();
        assertThat(heldThenAnswered).as("cases this test is about").isPositive();
        for (Case c : r.cases()) {
            if (c.shippedAt != null) {
                assertThat(c.stoppedAt).as(c.id + " shipped at " + c.shippedAt + ", stopped at " + c.stoppedAt + ": " + c.events)
                        .isNull();
            }
        }
    }

    @Test
    void the_report_names_the_authorities_drawn_to_never_reply_and_overrides_keep_a_country_out(@TempDir Path tmp)
            throws Exception {
        Scenario training = ScenarioLoader.load(scenarios().resolve("training.yaml"));
        Scenario silent = withWorld(training, 0.5, training.world().overrides());
        SimulationRun.Result r = run(silent, silent.seed(), false);
        List<String> drawn = r.neverReplying();
        assertThat(drawn).isNotEmpty();
        for (String cc : drawn) {
            int[] replies = r.replies().get(cc);
            assertThat(replies == null ? 0 : replies[1]).as("replies of %s, drawn to never reply", cc).isZero();
        }
        RunOutputs.write(r, Summary.of(r, false), tmp.resolve("run"));
        var summary = org.pensim.protocol.json.ProtocolJson.parse(Files.readAllBytes(tmp.resolve("run/summary.json")));
        assertThat(summary.at("/world/neverReplying").toString()).isEqualTo(
                org.pensim.protocol.json.ProtocolJson.mapper().valueToTree(drawn).toString());
        String report = Files.readString(tmp.resolve("run/report.html"));
        assertThat(report).contains("Importing authorities that never reply in this run");
        drawn.forEach(cc -> assertThat(report).contains("(" + cc + ")"));

        // A country given its own reply rate is never drawn.
        String chosen = drawn.get(0);
        Map<String, Scenario.Behaviour> overrides = new java.util.HashMap<>(
                training.world().overrides() == null ? Map.of() : training.world().overrides());
        overrides.put(chosen, new Scenario.Behaviour(0.9, null, null, null, null, null, null, null));
        assertThat(run(withWorld(training, 0.5, overrides), silent.seed(), false).neverReplying()).doesNotContain(chosen);
    }

    private static Scenario withWorld(Scenario s, double neverReplyShare, Map<String, Scenario.Behaviour> overrides) {
        Scenario.World w = s.world();
        return new Scenario(s.name(), s.seed(), 1, s.start(), s.durationDays(), s.flagThreshold(),
                new Scenario.World(w.countries(), w.include(), w.defaults(), overrides, w.transitHubsOfConcern(), neverReplyShare,
                        w.voluntaryChannelCountries()), s.licitTrade(), s.campaigns());
    }

    @Test
    void overdue_replies_in_the_summary_are_those_of_the_daily_series() throws Exception {
        Scenario training = ScenarioLoader.load(scenarios().resolve("training.yaml"));
        SimulationRun.Result r = run(training, training.seed(), false);
        java.time.LocalDate lastDay = training.start().plusDays(training.durationDays() - 1);
        int daily = r.workload().floorEntry(lastDay).getValue()[1];
        assertThat(daily).isPositive();
        assertThat(Summary.of(r, false).at("/workload/overdueReplies").asInt()).isEqualTo(daily);
    }

    @Test
    void every_method_of_the_library_runs_and_the_measures_are_consistent() throws Exception {
        Scenario base = ScenarioLoader.load(scenarios().resolve("training.yaml"));
        List<Scenario.CampaignSpec> all = org.pensim.simulations.diversion.DiversionLibrary.standard().all().stream()
                .map(m -> new Scenario.CampaignSpec(m.id().toLowerCase(), m.id(), base.start().plusDays(5), 6, 6, null, 300,
                        List.of("NG", "MX"), null, null, 0.5, null))
                .toList();
        Scenario s = new Scenario("all-methods", 3, 1, base.start(), 90, base.flagThreshold(), base.world(), base.licitTrade(), all);
        SimulationRun.Result r = run(s, 3, true);
        JsonNode summary = Summary.of(r, true);
        assertThat(summary.get("methods").size()).isEqualTo(org.pensim.simulations.diversion.DiversionLibrary.standard().all().size());
        summary.get("methods").fields().forEachRemaining(e -> {
            JsonNode m = e.getValue();
            assertThat(m.get("detected").asInt()).as(e.getKey()).isLessThanOrEqualTo(m.get("attempts").asInt());
            assertThat(m.get("detectionRate").asDouble()).isBetween(0.0, 1.0);
        });
        // Forged signatures are refused at submission; the misdeclared goods carry no notification at all.
        assertThat(summary.at("/methods/FORGED_OR_STOLEN_KEY/detected").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(summary.at("/methods/MISDECLARATION/notified").asInt()).isZero();
        assertThat(summary.at("/methods/FRONT_COMPANY/detectionRate").asDouble()).isGreaterThan(0.5);
        assertThat(summary.at("/licit/falsePositiveRate").asDouble()).isLessThan(0.6);
        // Every flag carries its time to flag in simulated time, never before its submission.
        for (Case c : r.cases()) {
            c.flags.forEach(f -> assertThat(f.simulatedNanosToFlag()).isNotNegative());
            if (c.detected()) {
                assertThat(c.hoursToFlag()).isGreaterThanOrEqualTo(0);
            }
        }
        assertThat(ProtocolJson.pretty(summary)).doesNotContain("NaN");
    }

    @Test
    void a_country_alr_set_by_the_scenario_changes_what_is_flagged() throws Exception {
        Scenario s = ScenarioLoader.load(scenarios().resolve("training.yaml"));
        // Without ALRs, every ephedrine or pseudoephedrine import to GH is flagged ALR_MISSING; with generous
        // ones, none is.
        Scenario.Behaviour generous = new Scenario.Behaviour(null, null, null, null, null, null, null, null,
                Map.of("ephedrine", new java.math.BigDecimal("1000000"), "pseudoephedrine", new java.math.BigDecimal("1000000")), null);
        Scenario withAlr = new Scenario(s.name(), s.seed(), 1, s.start(), s.durationDays(), s.flagThreshold(),
                new Scenario.World(s.world().countries(), s.world().include(), s.world().defaults(),
                        Map.of("GH", generous.over(s.world().defaults())), s.world().transitHubsOfConcern()),
                s.licitTrade(), s.campaigns());
        long before = alrMissingToGhana(run(s, 7, false));
        long after = alrMissingToGhana(run(withAlr, 7, false));
        assertThat(before).isGreaterThan(0);
        assertThat(after).isZero();
    }

    private static long alrMissingToGhana(SimulationRun.Result r) {
        return r.cases().stream().filter(c -> c.importingCountry.equals("GH"))
                .filter(c -> c.flags.stream().anyMatch(f -> f.indicator() == org.pensim.protocol.screening.IndicatorCode.ALR_MISSING))
                .count();
    }
}
