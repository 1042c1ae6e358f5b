package org.pensim.simulations.exercise;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.pensim.protocol.catalogue.SubstanceCatalogue;
import org.pensim.protocol.notification.PartyRole;
import org.pensim.protocol.notification.PreExportNotification;
import org.junit.jupiter.api.Test;

/**
 * The notifications an exercise puts in front of its officers name the places its plan gives (countries[].city and
 * .port), not the trade model's placeholders, which officers read on their desks.
 */
class ExerciseDocumentsTest {

    @Test
    void an_injects_notification_names_the_plans_cities_and_ports() throws Exception {
        ExercisePlan plan = ExercisePlanLoader.load(Path.of("exercises/two-country.yaml"));
        PreExportNotification n = new ExerciseDocuments(plan, SubstanceCatalogue.standard())
                .injectNotification(plan.inject("front-company-pse"), plan.start());
        assertThat(n.party(PartyRole.EXPORTER).orElseThrow().address().city()).isEqualTo("Ludwigshafen");
        assertThat(n.party(PartyRole.IMPORTER).orElseThrow().address().city()).isEqualTo("Mumbai");
        assertThat(n.route().exitPoint()).isEqualTo("Hamburg");
        assertThat(n.route().entryPoint()).isEqualTo("Nhava Sheva");
        assertThat(n.route().transitCountries()).containsExactly("AE", "AF");
    }

    @Test
    void without_places_in_the_plan_the_documents_name_each_countrys_capital_and_principal_seaport() throws Exception {
        Path file = Files.createTempFile("two-country-no-places", ".yaml");
        Files.writeString(file, Files.readString(Path.of("exercises/two-country.yaml"))
                .replace(", city: Ludwigshafen, port: Hamburg", "").replace(", city: Mumbai, port: Nhava Sheva", ""));
        ExercisePlan plan = ExercisePlanLoader.load(file);
        PreExportNotification n = new ExerciseDocuments(plan, SubstanceCatalogue.standard())
                .injectNotification(plan.inject("front-company-pse"), plan.start());
        assertThat(n.party(PartyRole.EXPORTER).orElseThrow().address().city()).isEqualTo("Berlin");
        assertThat(n.route().exitPoint()).isEqualTo("Hamburg");
        assertThat(n.route().entryPoint()).isEqualTo("Nhava Sheva");
    }
}
