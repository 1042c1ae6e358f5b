package org.pensim.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.protocol.validation.Problem;

/** Issue 20: what an officer mistypes in the form is named in words at its field, not as "must be above zero". */
class FormNotificationsTest {

    @Test
    void a_number_that_is_not_one_a_missing_date_and_an_unknown_form_are_named() throws Exception {
        var f = ProtocolJson.parse("{\"quantityKg\":\"2500.5.5\",\"concentration\":\"99,5\",\"dispatch\":\"\",\"form\":\"POWDER\"}");
        assertThat(FormNotifications.typingProblems(f)).containsExactly(
                new Problem("/items/0/quantity/value", "'2500.5.5' is not a number (write it like 2500 or 2500.5, with a point"
                        + " for decimals and no thousands separator)"),
                new Problem("/items/0/concentrationPercent", "'99,5' is not a number (write it like 2500 or 2500.5, with a point"
                        + " for decimals and no thousands separator)"),
                new Problem("/expectedDispatchDate", "the dispatch date is missing"),
                new Problem("/items/0/form", "'POWDER' is not a form: BASE, SALT, SOLUTION or PREPARATION"));
        assertThat(FormNotifications.typingProblems(ProtocolJson.parse(
                "{\"quantityKg\":\"2500.5\",\"concentration\":\"99.5\",\"dispatch\":\"2026-12-31\",\"form\":\"SALT\"}"))).isEmpty();
        assertThat(FormNotifications.typingProblems(ProtocolJson.parse(
                "{\"quantityKg\":\"2500\",\"concentration\":\"100\",\"dispatch\":\"31/12/2026\"}")))
                .extracting(Problem::message).containsExactly("'31/12/2026' is not a date (write it as 2026-12-31)");
    }
}
