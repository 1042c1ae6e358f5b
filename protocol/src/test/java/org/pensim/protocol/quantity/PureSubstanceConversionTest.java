package org.pensim.protocol.quantity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.pensim.protocol.catalogue.Substance;
import org.pensim.protocol.catalogue.SubstanceCatalogue;

class PureSubstanceConversionTest {

    private final SubstanceCatalogue catalogue = SubstanceCatalogue.standard();

    private BigDecimal pure(String id, String value, String unit, SubstanceForm form, String salt, String pct) {
        Substance s = catalogue.byId(id).orElseThrow();
        return PureSubstanceConversion.toPureKilograms(s, Quantity.of(value, unit), form, salt, new BigDecimal(pct), null);
    }

    @Test
    void salts_are_converted_to_base() {
        assertThat(pure("pseudoephedrine", "500", "kg", SubstanceForm.SALT, "Hydrochloride", "99.5"))
                .isEqualByComparingTo("407.552");
        assertThat(pure("ephedrine", "1000", "g", SubstanceForm.SALT, "sulfate", "100")).isEqualByComparingTo("0.771");
    }

    @Test
    void litres_use_the_density_and_concentration_applies() {
        assertThat(pure("acetone", "1000", "L", SubstanceForm.BASE, null, "99.5")).isEqualByComparingTo("780.080");
        assertThat(pure("hydrochloric-acid", "200", "L", SubstanceForm.SOLUTION, null, "37")).isEqualByComparingTo("87.320");
        assertThat(pure("acetic-anhydride", "500", "mL", SubstanceForm.BASE, null, "100")).isEqualByComparingTo("0.541");
        Substance acetone = catalogue.byId("acetone").orElseThrow();
        assertThat(PureSubstanceConversion.toPureKilograms(acetone, Quantity.of("10", "L"), SubstanceForm.SOLUTION,
                null, new BigDecimal("50"), new BigDecimal("0.9"))).isEqualByComparingTo("4.500");
    }

    @Test
    void preparations_count_their_content_only() {
        assertThat(pure("pseudoephedrine", "2000", "kg", SubstanceForm.PREPARATION, null, "12"))
                .isEqualByComparingTo("240.000");
    }

    @Test
    void impossible_conversions_say_why() {
        assertThatThrownBy(() -> pure("ephedrine", "10", "L", SubstanceForm.BASE, null, "100"))
                .hasMessage("no density is known for Ephedrine; state the quantity in kg or g, or give densityKgPerLitre");
        assertThatThrownBy(() -> pure("acetone", "10", "kg", SubstanceForm.SALT, "citrate", "100"))
                .hasMessage("no base factor is known for Acetone citrate");
        assertThatThrownBy(() -> Quantity.of("1", "lb")).hasMessage("unknown unit 'lb' (expected kg, g, L or mL)");
        assertThatThrownBy(() -> Quantity.of("-1", "kg")).hasMessage("quantity must not be negative: -1");
    }

    @Test
    void quantities_are_exact_decimals() {
        Quantity q = Quantity.of("0.1", "kg");
        BigDecimal sum = q.inBaseUnit().add(q.inBaseUnit()).add(q.inBaseUnit());
        assertThat(sum).isEqualByComparingTo("0.3");
        assertThat(Quantity.of("250", "g").inBaseUnit()).isEqualByComparingTo("0.25");
    }
}
