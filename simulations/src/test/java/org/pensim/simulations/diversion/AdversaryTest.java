package org.pensim.simulations.diversion;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pensim.simulations.engine.SimulationRun;
import org.pensim.simulations.measure.Case;
import org.pensim.simulations.scenario.Scenario;
import org.pensim.simulations.scenario.ScenarioLoader;

/** Each adaptation rule, shown by the reaction it causes in a real run. */
class AdversaryTest {

    private static final Scenario TRAINING = ScenarioLoader.load(Path.of("scenarios/training.yaml"));

    private static SimulationRun.Result run(Scenario.CampaignSpec campaign, Scenario.Behaviour everyone) {
        Scenario s = TRAINING;
        Scenario.World w = new Scenario.World(s.world().countries(), s.world().include(), everyone.over(s.world().defaults()),
                null, s.world().transitHubsOfConcern());
        return new SimulationRun(new Scenario(s.name(), s.seed(), 1, s.start(), 200, s.flagThreshold(), w, s.licitTrade(),
                List.of(campaign)), new SimulationRun.Options(11, false, null)).run();
    }

    private static Scenario.CampaignSpec campaign(String method, int attempts, Double seizure, Scenario.Adaptation a) {
        return new Scenario.CampaignSpec("c", method, TRAINING.start().plusDays(3), attempts, 5, null, 300, List.of("NG"),
                null, a, seizure, null);
    }

    @Test
    void a_seizure_pauses_the_campaign_and_repeated_seizures_end_it() {
        // Every shipment is seized: after each seizure no attempt comes within the pause, and after two it gives up.
        var a = new Scenario.Adaptation(40.0, 2, null, null, null, null, null);
        SimulationRun.Result r = run(campaign("MISDECLARATION", 20, 1.0, a), new Scenario.Behaviour(null, null, null, null,
                null, null, null, null));
        List<Case> attempts = r.cases().stream().filter(c -> !c.licit()).toList();
        List<Instant> seizures = attempts.stream().filter(c -> c.seizedAt != null).map(c -> c.seizedAt).sorted().toList();
        assertThat(seizures).hasSizeGreaterThanOrEqualTo(2);
        Instant firstSeizure = seizures.get(0);
        assertThat(attempts).noneMatch(c -> c.submittedAt.isAfter(firstSeizure)
                && c.submittedAt.isBefore(firstSeizure.plus(Duration.ofDays(40))));
        assertThat(attempts.size()).isLessThan(20);
        assertThat(r.adaptations().get("c")).anyMatch(x -> x.what().startsWith("give up after 2 seizures"));
        // Shipments already under way may still be seized; the campaign gives up once.
        assertThat(seizures).as("seizures after giving up, which this test needs").hasSizeGreaterThan(2);
        assertThat(r.adaptations().get("c")).filteredOn(x -> x.what().startsWith("give up")).hasSize(1)
                .allMatch(x -> x.why().equals("seizure 2 (rule: give up after 2)"));
        var adaptations = r.adaptations().get("c");
        assertThat(adaptations.get(adaptations.size() - 1).what()).as("nothing changes course after giving up")
                .startsWith("give up");
        assertThat(r.adaptations().get("c")).filteredOn(x -> x.what().startsWith("pause until"))
                .first().matches(x -> x.why().equals("seizure 1 (rule: pause 40 days after a seizure)"), "the first pause's why");
    }

    @Test
    void repeated_refusals_move_exporters_turn_to_silent_importers_and_switch_the_method() {
        // Every importing authority replies and objects to everything: each attempt is refused.
        Scenario.Behaviour objectsToAll = new Scenario.Behaviour(1.0, null, null, null, 4.0, -1.0, 0.0, null);
        var a = new Scenario.Adaptation(null, null, 1, 1, 2, 2, 4);
        SimulationRun.Result r = run(campaign("FRONT_COMPANY", 10, 0.0, a), objectsToAll);
        List<Case> attempts = r.cases().stream().filter(c -> !c.licit()).toList();
        assertThat(attempts).allMatch(c -> c.stopped() || c.shippedAt == null);
        assertThat(attempts.stream().map(c -> c.exportingCountry).distinct().count()).isGreaterThan(2);
        assertThat(attempts.stream().filter(c -> c.notified).map(c -> c.importer.name()).distinct().count()).isGreaterThan(3);
        List<String> what = r.adaptations().get("c").stream().map(Campaign.Adaptation::what).toList();
        assertThat(what).anyMatch(x -> x.startsWith("turn to importing countries that seldom reply"));
        assertThat(what).anyMatch(x -> x.startsWith("split orders in"));
        assertThat(what).anyMatch(x -> x.startsWith("switch to PHARMACEUTICAL_PREPARATION"));
        // Each change of course says what made it: here refusals, counted as the rules count them.
        assertThat(r.adaptations().get("c")).allMatch(x -> x.why().contains("refusal") && x.why().contains("(rule: "));
        assertThat(r.adaptations().get("c")).filteredOn(x -> x.what().startsWith("split orders in")).first()
                .matches(x -> x.why().equals("2 refusals in a row (rule: after 2)"), "the split's why");
        assertThat(attempts).anyMatch(c -> c.kind.equals("PHARMACEUTICAL_PREPARATION"));
    }

    @Test
    void shell_names_are_never_reused() {
        ShellNames names = new ShellNames();
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < 5000; i++) {
            assertThat(seen.add(names.next("NG", r))).isTrue();
        }
    }
}
