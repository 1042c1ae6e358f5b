package org.pensim.protocol.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.pensim.protocol.catalogue.SubstanceCatalogue;

class CasNumberTest {

    @Test
    void known_numbers_pass_and_neighbours_fail() {
        assertThat(CasNumber.isValid("7732-18-5")).isTrue(); // water, the CAS worked example
        assertThat(CasNumber.expectedCheckDigit("7732-18-0")).isEqualTo(5);
        assertThat(CasNumber.isValid("108-24-7")).isTrue();
        assertThat(CasNumber.isValid("108-24-8")).isFalse();
        assertThat(CasNumber.isValid("10824-7")).isFalse();
        assertThat(CasNumber.isValid("1-24-7")).isFalse();
        assertThat(CasNumber.isValid(null)).isFalse();
    }

    @Test
    void every_catalogue_entry_has_a_valid_cas_number() {
        assertThat(SubstanceCatalogue.standard().all())
                .allSatisfy(s -> assertThat(CasNumber.isValid(s.cas())).as(s.id() + " " + s.cas()).isTrue());
    }
}
