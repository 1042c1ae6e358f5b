package org.pensim.simulations.exercise;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The exercise's importing nodes screen with the plan's transit hubs of concern (nodes.transitHubsOfConcern), not a
 * list of the code's own: the two-country exercise's front company ships through AE and AF.
 */
class ExerciseNodeSettingsTest {

    @Test
    void the_importing_node_flags_transit_through_the_hubs_the_plan_names() throws Exception {
        Path plan = Files.createTempFile("two-country-hubs", ".yaml");
        Files.writeString(plan, Files.readString(Path.of("exercises/two-country.yaml"))
                + "nodes:\n  transitHubsOfConcern: [AE]\n");
        String flags = PriorTradeTest.flagsOf(plan, "front-company-pse");
        assertThat(flags).contains("transit through AE").doesNotContain("transit through AF");
    }
}
