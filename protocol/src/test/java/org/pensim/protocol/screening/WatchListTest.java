package org.pensim.protocol.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pensim.protocol.incident.Incident;
import org.pensim.protocol.incident.IncidentType;
import org.pensim.protocol.incident.InvolvedEntity;
import org.pensim.protocol.notification.Address;
import org.pensim.protocol.notification.BusinessType;
import org.pensim.protocol.notification.Party;
import org.pensim.protocol.notification.PartyRole;
import org.pensim.protocol.screening.national.WatchList;

/** The watch list remembers name matches, and forgets them as soon as an incident adds an entity. */
class WatchListTest {

    static Incident naming(String id, String name) {
        return new Incident(id, IncidentType.SEIZURE, "AE", Instant.parse("2026-10-01T00:00:00Z"), LocalDate.of(2026, 10, 1),
                "pseudoephedrine", null, null, List.of(new InvolvedEntity(name, "consignee",
                        new Address("x", "y", null, "AE", null), List.of())), "seized");
    }

    static Party consignee(String name) {
        return new Party(PartyRole.CONSIGNEE, name, new Address("x", "y", null, "AE", null), BusinessType.TRADING_COMPANY,
                List.of(), null);
    }

    @Test
    void a_remembered_name_match_is_recomputed_after_an_incident_adds_a_closer_entity() {
        WatchList list = new WatchList();
        list.add(naming("INC-1", "Gulf Star Trading"));
        Party party = consignee("Gulf Star General Trading FZE");
        double first = list.match(party, 0.5).orElseThrow().similarity();
        assertThat(list.match(party, 0.5).orElseThrow().similarity()).isEqualTo(first); // remembered, same answer
        assertThat(list.match(consignee("Nothing Alike Ltd"), 0.9)).isEmpty();

        list.add(naming("INC-2", "Gulf Star General Trading FZE"));
        WatchList.Match after = list.match(party, 0.5).orElseThrow();
        assertThat(after.similarity()).isGreaterThan(first).isEqualTo(1.0);
        assertThat(after.entry().incidentId()).isEqualTo("INC-2");

        // An entry sharing no word with a remembered name leaves its match as it was.
        list.add(naming("INC-3", "Unrelated Chemicals"));
        assertThat(list.match(party, 0.5).orElseThrow().entry().incidentId()).isEqualTo("INC-2");
        list.add(naming("INC-4", "Nothing Alike Limited"));
        assertThat(list.match(consignee("Nothing Alike Ltd"), 0.9)).isPresent();
    }
}
