package org.pensim.protocol.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SubstanceCatalogueTest {

    private final SubstanceCatalogue catalogue = SubstanceCatalogue.standard();

    @Test
    void holds_every_row_of_the_domain_list() {
        assertThat(catalogue.all()).hasSize(48);
        assertThat(catalogue.all().stream().filter(s -> s.list() == ControlList.TABLE_I)).hasSize(30);
        assertThat(catalogue.all().stream().filter(s -> s.list() == ControlList.TABLE_II)).hasSize(8);
        assertThat(catalogue.all().stream().filter(s -> s.list() == ControlList.SURVEILLANCE)).hasSize(10);
        assertThat(catalogue.all().stream().filter(Substance::alrTracked).map(Substance::id))
                .containsExactlyInAnyOrder("ephedrine", "pseudoephedrine", "p-2-p", "pmk");
    }

    @Test
    void finds_by_id_cas_name_and_synonym_ignoring_case_and_spaces() {
        assertThat(catalogue.find("acetic-anhydride")).get().extracting(Substance::cas).isEqualTo("108-24-7");
        assertThat(catalogue.find(" 108-24-7 ")).get().extracting(Substance::id).isEqualTo("acetic-anhydride");
        assertThat(catalogue.find("ACETIC  anhydride")).get().extracting(Substance::id).isEqualTo("acetic-anhydride");
        assertThat(catalogue.find("Ethanoic Anhydride")).get().extracting(Substance::id).isEqualTo("acetic-anhydride");
        assertThat(catalogue.find("bmk")).get().extracting(Substance::id).isEqualTo("p-2-p");
        assertThat(catalogue.find("3,4-MDP-2-P")).get().extracting(Substance::id).isEqualTo("pmk");
        assertThat(catalogue.find("sulfuric acid")).get().extracting(Substance::list).isEqualTo(ControlList.TABLE_II);
        assertThat(catalogue.find("water")).isEmpty();
    }

    @Test
    void the_closest_entries_help_with_misspellings() {
        assertThat(catalogue.closest("acetic anhydrid", 3).get(0).id()).isEqualTo("acetic-anhydride");
        assertThat(catalogue.closest("pseudo ephedrin", 3).get(0).id()).isEqualTo("pseudoephedrine");
        assertThat(catalogue.closest("permanganate", 3).get(0).id()).isEqualTo("potassium-permanganate");
        assertThat(catalogue.search("ephedrine", 5)).first().extracting(Substance::id).isEqualTo("ephedrine");
    }

    @Test
    void physical_properties_are_attached() {
        Substance pse = catalogue.byId("pseudoephedrine").orElseThrow();
        assertThat(pse.saltBaseFactors()).containsKeys("hydrochloride", "sulfate");
        assertThat(pse.densityKgPerLitre()).isEmpty();
        assertThat(catalogue.byId("acetone").orElseThrow().densityKgPerLitre()).get()
                .satisfies(d -> assertThat(d).isEqualByComparingTo("0.784"));
        assertThat(catalogue.byId("pmk").orElseThrow().hsHeading()).isEqualTo("2932");
    }
}
