package org.pensim.protocol.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.pensim.protocol.lifecycle.EventType;
import org.pensim.protocol.notification.PreExportNotification;
import org.pensim.protocol.testing.Examples;

class DocumentValidatorTest {

    private final DocumentValidator validator = DocumentValidator.standard();

    private List<String> problems(ObjectNode doc) {
        return validator.checkNotification(doc).stream().map(Problem::toString).toList();
    }

    @Test
    void the_example_notification_is_valid_and_binds_to_the_record() {
        assertThat(problems(Examples.notification())).isEmpty();
        PreExportNotification n = validator.notification(Examples.notification());
        assertThat(n.exporter().name()).isEqualTo("Rheinchem Feinchemikalien GmbH");
        assertThat(n.items().get(0).netPureKg()).isEqualByComparingTo("407.552");
        assertThat(n.route().transitCountries()).containsExactly("AE");
    }

    @Test
    void every_example_event_and_the_example_incident_are_valid_and_every_event_type_has_an_example() throws IOException {
        try (Stream<Path> files = Files.list(Examples.DIR)) {
            List<String> events = files.map(p -> p.getFileName().toString()).filter(f -> f.startsWith("event-")).toList();
            for (String f : events) {
                assertThat(validator.checkEvent(Examples.json(f))).as(f).isEmpty();
            }
            List<EventType> covered = events.stream().map(f -> validator.event(Examples.json(f)).type()).toList();
            assertThat(covered).containsAll(List.of(EventType.values()));
        }
        assertThat(validator.checkIncident(Examples.json("incident.json"))).isEmpty();
    }

    @Test
    void a_wrong_cas_check_digit_is_reported_precisely() {
        ObjectNode doc = Examples.notification();
        ((ObjectNode) doc.at("/items/0")).put("substanceId", "acetic-anhydride").put("cas", "108-24-8");
        assertThat(problems(doc)).contains("/items/0/cas: 108-24-8 fails the CAS check digit (expected 7 as the last digit)");
    }

    @Test
    void an_unknown_substance_names_the_closest_catalogue_entries() {
        ObjectNode doc = Examples.notification();
        ((ObjectNode) doc.at("/items/0")).put("substanceId", "pseudoefedrine");
        assertThat(problems(doc)).anySatisfy(p -> assertThat(p)
                .startsWith("/items/0/substanceId: unknown substance 'pseudoefedrine'; CAS 90-82-4 is pseudoephedrine; closest: pseudoephedrine"));
    }

    @Test
    void a_cas_number_of_another_substance_is_reported() {
        ObjectNode doc = Examples.notification();
        ((ObjectNode) doc.at("/items/1")).put("cas", "108-24-7");
        assertThat(problems(doc)).contains(
                "/items/1/cas: 108-24-7 is not the CAS number of Acetone (67-64-1); it is the CAS number of acetic-anhydride");
    }

    @Test
    void every_problem_is_reported_at_once() {
        ObjectNode doc = Examples.notification();
        doc.put("importingCountry", "XX");
        doc.remove("exportAuthorisationNumber");
        ((ObjectNode) doc.at("/items/0/quantity")).put("value", 500.0);
        ((ObjectNode) doc.at("/items/1")).put("cas", "67-64-2");
        ((ArrayNode) doc.at("/route/transitCountries")).add("DE");
        List<String> problems = problems(doc);
        assertThat(problems).contains(
                "/importingCountry: XX is not an ISO 3166-1 alpha-2 country code",
                "/exportAuthorisationNumber: is required but missing",
                "/items/1/cas: 67-64-2 fails the CAS check digit (expected 1 as the last digit)",
                "/route/transitCountries/1: DE is the exporting or importing country, not a transit country");
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("/items/0/quantity/value:"));
        assertThat(problems).anySatisfy(p -> assertThat(p)
                .startsWith("/parties/1/address/country: the importer's address is in IN but the importing country is XX"));
        assertThatThrownBy(() -> validator.notification(doc))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).problems()).hasSize(problems.size()));
    }

    @Test
    void quantities_must_be_decimal_strings() {
        ObjectNode doc = Examples.notification();
        ((ObjectNode) doc.at("/items/0")).put("netPureKg", 407.552);
        assertThat(problems(doc)).anySatisfy(p -> assertThat(p).startsWith("/items/0/netPureKg:"));
        ((ObjectNode) doc.at("/items/0")).put("netPureKg", "4.07552e2");
        assertThat(problems(doc)).anySatisfy(p -> assertThat(p).startsWith("/items/0/netPureKg:"));
    }

    @Test
    void the_net_pure_quantity_must_match_the_conversion() {
        ObjectNode doc = Examples.notification();
        ((ObjectNode) doc.at("/items/0")).put("netPureKg", "497.5");
        assertThat(problems(doc)).containsExactly("/items/0/netPureKg: declared 497.5 kg, but 500 kg of "
                + "Pseudoephedrine hydrochloride at 99.5 % is 407.552 kg of pure substance");
    }

    /** Issue 19, defect 8: a negative quantity is wrong at /quantity/value, and nowhere else (not at /salt). */
    @Test
    void a_negative_quantity_is_reported_at_its_value_only() {
        ObjectNode doc = Examples.notification();
        ((ObjectNode) doc.at("/items/0/quantity")).put("value", "-500");
        assertThat(problems(doc)).isNotEmpty().allSatisfy(p -> assertThat(p).startsWith("/items/0/quantity/value:"));
        ObjectNode net = Examples.notification();
        ((ObjectNode) net.at("/items/0")).put("netPureKg", "-1");
        assertThat(problems(net)).isNotEmpty().allSatisfy(p -> assertThat(p).startsWith("/items/0/netPureKg:"));
    }

    @Test
    void a_salt_without_a_known_base_factor_is_reported() {
        ObjectNode doc = Examples.notification();
        ((ObjectNode) doc.at("/items/0")).put("salt", "tartrate");
        assertThat(problems(doc)).containsExactly("/items/0/salt: no base factor is known for Pseudoephedrine "
                + "tartrate (known salts: hydrochloride, sulfate)");
    }

    @Test
    void litres_of_a_solid_cannot_be_converted() {
        ObjectNode doc = Examples.notification();
        ((ObjectNode) doc.at("/items/0")).put("form", "BASE").remove("salt");
        ((ObjectNode) doc.at("/items/0/quantity")).put("unit", "L");
        assertThat(problems(doc)).containsExactly("/items/0/quantity/unit: no density is known for Pseudoephedrine; "
                + "state the quantity in kg or g, or give densityKgPerLitre");
    }

    @Test
    void parties_must_match_the_countries_and_roles() {
        ObjectNode doc = Examples.notification();
        ((ObjectNode) doc.at("/parties/0/address")).put("country", "FR");
        ((ObjectNode) doc.at("/parties/1")).put("role", "CONSIGNEE");
        assertThat(problems(doc)).contains(
                "/parties/0/address/country: the exporter's address is in FR but the exporting country is DE",
                "/parties: exactly one importer must be named, found 0");
    }

    @Test
    void the_voluntary_channel_is_only_for_surveillance_substances_and_has_no_deadline() {
        ObjectNode doc = Examples.notification();
        doc.put("channel", "VOLUNTARY");
        assertThat(problems(doc)).contains(
                "/channel: the voluntary channel is only for surveillance-list substances; pseudoephedrine, acetone "
                        + "must be notified in the FULL channel",
                "/replyDeadline: voluntary notifications carry no reply deadline");

        ObjectNode voluntary = Examples.notification();
        voluntary.put("channel", "VOLUNTARY").remove("replyDeadline");
        ((ArrayNode) voluntary.get("items")).remove(1);
        ((ObjectNode) voluntary.at("/items/0")).put("substanceId", "benzaldehyde").put("cas", "100-52-7")
                .put("form", "BASE").put("netPureKg", "497.500").put("hsCode", "2912.21").remove("salt");
        assertThat(problems(voluntary)).isEmpty();
        voluntary.put("channel", "FULL");
        assertThat(problems(voluntary)).contains("/channel: no item is a scheduled substance; notify "
                + "surveillance-list substances in the VOLUNTARY channel", "/replyDeadline: is required for a FULL notification");
    }

    @Test
    void dates_must_be_in_order() {
        ObjectNode doc = Examples.notification();
        doc.put("expectedArrivalDate", "2026-11-18");
        doc.put("expectedDispatchDate", "2026-11-19");
        doc.put("replyDeadline", "2026-11-01");
        assertThat(problems(doc)).containsExactly(
                "/expectedDispatchDate: 2026-11-19 is before the notification was issued (2026-11-20)",
                "/expectedArrivalDate: 2026-11-18 is before the dispatch date 2026-11-19",
                "/replyDeadline: 2026-11-01 is before the notification was issued (2026-11-20)");
        doc.put("expectedDispatchDate", "2026-13-45");
        assertThat(problems(doc)).anySatisfy(p -> assertThat(p).startsWith("/expectedDispatchDate:"));
    }

    @Test
    void unknown_fields_are_refused() {
        ObjectNode doc = Examples.notification();
        doc.put("colour", "red");
        assertThat(problems(doc)).containsExactly("/colour: is not a field of this document");
    }

    @Test
    void events_carry_what_their_type_needs() {
        ObjectNode reply = Examples.json("event-reply-objection.json");
        reply.remove("reasons");
        assertThat(validator.checkEvent(reply)).extracting(Problem::toString).contains("/reasons: is required but missing");
        ObjectNode noDecision = Examples.json("event-reply-no-objection.json");
        noDecision.remove("decision");
        assertThat(validator.checkEvent(noDecision)).extracting(Problem::toString).contains("/decision: is required but missing");
        ObjectNode ship = Examples.json("event-ship.json");
        ship.put("decision", "OBJECTION");
        ship.remove("date");
        assertThat(validator.checkEvent(ship)).extracting(Problem::toString).contains("/date: is required but missing");
        assertThat(validator.checkEvent(ship)).isNotEmpty().anySatisfy(p -> assertThat(p.pointer()).isEqualTo(""));
        ObjectNode answer = Examples.json("event-answer.json");
        answer.remove("message");
        assertThat(validator.checkEvent(answer)).extracting(Problem::toString).contains("/message: is required but missing");
    }

    @Test
    void incidents_name_entities_and_known_substances() {
        ObjectNode incident = Examples.json("incident.json");
        incident.put("substanceId", "pseudoephedrin");
        ((ArrayNode) incident.get("entities")).removeAll();
        assertThat(validator.checkIncident(incident)).extracting(Problem::toString).anySatisfy(p ->
                assertThat(p).startsWith("/entities:")).anySatisfy(p ->
                assertThat(p).startsWith("/substanceId: unknown substance 'pseudoephedrin'; closest: pseudoephedrine"));
    }
}
