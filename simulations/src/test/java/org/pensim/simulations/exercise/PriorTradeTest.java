package org.pensim.simulations.exercise;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.pensim.importer.storage.ImporterStore;

/**
 * An exercise's importing authorities know their licensed operators' trade before the start (background.priorDays):
 * the two-country exercise's "regular customer", a licensed manufacturer's usual acetone order, is then not flagged
 * as a new counterpart, as it was when every pair of operators was new to screening. The same exercise without the
 * prior trade flags it, which shows what the test looks at.
 */
class PriorTradeTest {

    @Test
    void a_regular_customers_usual_order_is_not_a_new_counterpart() throws Exception {
        assertThat(flagsOf(Path.of("exercises/two-country.yaml"), "regular-customer")).doesNotContain("NEW_COUNTERPART");
    }

    @Test
    void without_prior_trade_every_pair_is_new() throws Exception {
        Path plan = Files.createTempFile("two-country-no-prior", ".yaml");
        Files.writeString(plan, Files.readString(Path.of("exercises/two-country.yaml")).replace("priorDays: 180", "priorDays: 0"));
        assertThat(flagsOf(plan, "regular-customer")).contains("NEW_COUNTERPART");
    }

    @Test
    void prior_trade_lies_before_the_start_and_leaves_the_exercises_own_background_as_it_was() throws Exception {
        ExercisePlan plan = ExercisePlanLoader.load(Path.of("exercises/two-country.yaml"));
        var prior = BackgroundTrade.prior(plan);
        assertThat(prior).isNotEmpty().allMatch(p -> p.at().isBefore(plan.start())
                && !p.at().isBefore(plan.start().minus(Duration.ofDays(180))));
        Path noPrior = Files.createTempFile("two-country-no-prior", ".yaml");
        Files.writeString(noPrior, Files.readString(Path.of("exercises/two-country.yaml")).replace("priorDays: 180", "priorDays: 0"));
        assertThat(BackgroundTrade.plan(ExercisePlanLoader.load(noPrior), null)).isEqualTo(BackgroundTrade.plan(plan, null));
    }

    /** The flags the importing node (IN) raised on an inject of the plan, fired at once, as JSON. */
    static String flagsOf(Path planFile, String inject) throws Exception {
        Path out = Files.createTempDirectory("pensim-exercise-flags");
        try (Exercise exercise = Exercise.start(ExercisePlanLoader.load(planFile), out, Clock.systemUTC())) {
            String id = exercise.fire(inject, "Trainer");
            ImporterStore store = exercise.importer("IN").store();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> store.all().stream().anyMatch(r -> r.id().equals(id) && r.flagsJson() != null));
            return store.all().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow().flagsJson();
        }
    }
}
