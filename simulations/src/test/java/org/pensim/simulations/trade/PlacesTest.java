package org.pensim.simulations.trade;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.pensim.protocol.country.CountryCode;
import org.pensim.protocol.notification.BusinessType;
import org.pensim.protocol.notification.PartyRole;
import org.pensim.protocol.notification.TransportMode;

class PlacesTest {

    private final Places places = Places.standard();

    @Test
    void a_country_is_placed_at_its_capital_and_ships_through_its_principal_seaport() {
        assertThat(places.city("DE")).isEqualTo("Berlin");
        assertThat(places.point("DE", TransportMode.SEA)).isEqualTo("Hamburg");
        assertThat(places.point("IN", TransportMode.MULTIMODAL)).isEqualTo("Nhava Sheva");
        assertThat(places.point("NL", TransportMode.AIR)).isEqualTo("Amsterdam airport");
        assertThat(places.point("AF", TransportMode.SEA)).as("no seaport: cleared inland").isEqualTo("Kabul inland customs");
        assertThat(places.point("MX", TransportMode.ROAD)).isEqualTo("Mexico City inland customs");
    }

    @Test
    void every_country_of_the_world_has_a_city_and_no_placeholder() {
        for (String cc : CountryCode.all()) {
            assertThat(places.city(cc)).as(cc).isNotBlank().doesNotMatch("City of [A-Z]{2}");
            for (TransportMode mode : TransportMode.values()) {
                assertThat(places.point(cc, mode)).as(cc + " " + mode).isNotBlank().doesNotContain("port of");
            }
        }
    }

    @Test
    void an_operator_of_the_trade_model_has_its_address_at_its_countrys_capital() {
        Operator exporter = new Operator("Apex Chemicals DE-0", "DE", BusinessType.MANUFACTURER, "DE-LIC-0", false);
        assertThat(exporter.as(PartyRole.EXPORTER).address().city()).isEqualTo("Berlin");
    }
}
