package org.pensim.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.protocol.validation.Problem;

/** Issue 20: what an officer mistypes in the form is named in words at its field, not as "must be above zero". */
class FormNotificationsTest {

    @Test
    void a_number_that_is_not_one_a_missing_date_and_an_unknown_form_are_named() throws Exception {
        String addresses = "\"id\":\"DE-F-1\",\"exporterName\":\"Rheinchem\",\"importingCountry\":\"IN\",\"importerName\":\"Deccan\","
                + "\"substance\":\"acetone\",\"exporterStreet\":\"Industriestrasse 12\",\"exporterCity\":\"Ludwigshafen\","
                + "\"importerStreet\":\"Plot 7\",\"importerCity\":\"Mumbai\",\"entryPoint\":\"Nhava Sheva\",";
        var f = ProtocolJson.parse("{" + addresses + "\"quantityKg\":\"2500.5.5\",\"concentration\":\"99,5\",\"dispatch\":\"\",\"form\":\"POWDER\"}");
        assertThat(FormNotifications.typingProblems(f)).containsExactly(
                new Problem("/items/0/quantity/value", "'2500.5.5' is not a number (write it like 2500 or 2500.5, with a point"
                        + " for decimals and no thousands separator)"),
                new Problem("/items/0/concentrationPercent", "'99,5' is not a number (write it like 2500 or 2500.5, with a point"
                        + " for decimals and no thousands separator)"),
                new Problem("/expectedDispatchDate", "the dispatch date is missing"),
                new Problem("/items/0/form", "'POWDER' is not a form: BASE, SALT, SOLUTION or PREPARATION"));
        assertThat(FormNotifications.typingProblems(ProtocolJson.parse(
                "{" + addresses + "\"quantityKg\":\"2500.5\",\"concentration\":\"99.5\",\"dispatch\":\"2026-12-31\",\"form\":\"SALT\"}"))).isEmpty();
        assertThat(FormNotifications.typingProblems(ProtocolJson.parse(
                "{" + addresses + "\"quantityKg\":\"2500\",\"concentration\":\"100\",\"dispatch\":\"31/12/2026\"}")))
                .extracting(Problem::message).containsExactly("'31/12/2026' is not a date (write it as 2026-12-31)");
    }

    @Test
    void the_parties_addresses_and_the_port_of_entry_are_what_the_officer_typed_and_named_when_left_out() throws Exception {
        var blank = ProtocolJson.parse("{\"exporterStreet\":\" \",\"quantityKg\":\"1\",\"concentration\":\"100\",\"dispatch\":\"2026-12-31\"}");
        assertThat(FormNotifications.typingProblems(blank)).containsExactly(
                new Problem("/id", "the notification's number is missing"),
                new Problem("/parties/0/name", "the exporter's name is missing"),
                new Problem("/parties/0/address/street", "the exporter's address is missing"),
                new Problem("/parties/0/address/city", "the exporter's city is missing"),
                new Problem("/importingCountry", "the importing country is missing"),
                new Problem("/parties/1/name", "the importer's name is missing"),
                new Problem("/parties/1/address/street", "the importer's address is missing"),
                new Problem("/parties/1/address/city", "the importer's city is missing"),
                new Problem("/route/entryPoint", "the port of entry is missing"),
                new Problem("/items/0/substanceId", "the substance is missing"));
        var form = ProtocolJson.parse("{\"id\":\"DE-FORM-1\",\"exporterName\":\"Rheinchem\",\"exporterStreet\":\" Industriestrasse 12 \","
                + "\"exporterCity\":\"Ludwigshafen\",\"importingCountry\":\"IN\",\"importerName\":\"Deccan Pharma\","
                + "\"importerStreet\":\"Plot 7\",\"importerCity\":\"Hyderabad\",\"entryPoint\":\"Nhava Sheva\",\"exitPoint\":\"\","
                + "\"substance\":\"acetone\",\"quantityKg\":\"100\",\"dispatch\":\"2026-12-31\"}");
        var doc = FormNotifications.build("DE", form, java.time.Clock.systemUTC());
        assertThat(doc.at("/parties/0/address/street").asText()).isEqualTo("Industriestrasse 12");
        assertThat(doc.at("/parties/1/address/city").asText()).isEqualTo("Hyderabad");
        assertThat(doc.at("/route/entryPoint").asText()).isEqualTo("Nhava Sheva");
        assertThat(doc.at("/route").has("exitPoint") && !doc.at("/route/exitPoint").isNull()).as("no exit port given").isFalse();
    }

    @Test
    void the_reply_deadline_follows_the_registrys_view_of_the_importing_country_when_it_gives_one() throws Exception {
        var form = ProtocolJson.parse("{\"id\":\"DE-FORM-2\",\"exporterName\":\"Rheinchem\",\"exporterStreet\":\"Str 1\","
                + "\"exporterCity\":\"Ludwigshafen\",\"importingCountry\":\"in\",\"importerName\":\"Deccan Pharma\","
                + "\"importerStreet\":\"Plot 7\",\"importerCity\":\"Hyderabad\",\"entryPoint\":\"Nhava Sheva\","
                + "\"substance\":\"ephedrine\",\"quantityKg\":\"100\",\"dispatch\":\"2026-12-31\"}");
        var clock = java.time.Clock.fixed(java.time.Instant.parse("2026-03-02T08:00:00Z"), java.time.ZoneOffset.UTC);
        var exercise = ProtocolJson.parse("{\"replyDeadlineDays\":3,\"replyDeadlineWorkingDays\":false}");
        assertThat(FormNotifications.importingCountry(form.toString().getBytes())).isEqualTo("IN");
        assertThat(FormNotifications.build("DE", form, clock, exercise).path("replyDeadline").asText()).isEqualTo("2026-03-05");
        assertThat(FormNotifications.build("DE", form, clock, null).path("replyDeadline").asText())
                .as("the registry unreachable: IN's own 15 working days").isEqualTo("2026-03-23");
        assertThat(FormNotifications.precheck("IN", "ephedrine", "10", exercise, clock))
                .contains("Reply deadline 2026-03-05 (3 calendar days)");
        assertThat(FormNotifications.precheck(" in", "ephedrine", "10", exercise, clock)).as("as the submission reads it")
                .startsWith("IN asked to be notified");
    }
}
