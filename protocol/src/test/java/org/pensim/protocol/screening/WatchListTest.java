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

    @Test
    void of_equally_similar_entries_the_first_added_is_the_match_remembered_or_not() {
        WatchList list = new WatchList();
        Party party = consignee("Golden Gate Pharma Supplies");
        list.add(naming("INC-1", "Golden Gate Pharma Supplies"));
        assertThat(list.match(party, 0.9).orElseThrow().entry().incidentId()).isEqualTo("INC-1");
        list.add(naming("INC-2", "Golden Gate Pharma Supplies"));
        assertThat(list.match(party, 0.9).orElseThrow().entry().incidentId()).isEqualTo("INC-1");
        WatchList fresh = new WatchList();
        fresh.add(naming("INC-1", "Golden Gate Pharma Supplies"));
        fresh.add(naming("INC-2", "Golden Gate Pharma Supplies"));
        assertThat(fresh.match(party, 0.9).orElseThrow().entry().incidentId()).isEqualTo("INC-1");
    }

    @Test
    void a_remembered_match_reads_on_to_what_a_fresh_comparison_finds() {
        String[] words = {"Gulf", "Star", "Golden", "Gate", "Pharma", "Supplies", "Trading", "Global", "Link", "Prime",
                "Health", "Blue", "Ocean", "Sunrise", "Import", "Export", "Chem", "Chemicals", "Star", "Gold"};
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        List<Party> parties = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            parties.add(consignee(name(random, words)));
        }
        WatchList remembering = new WatchList();
        List<Incident> added = new java.util.ArrayList<>();
        for (int step = 0; step < 60; step++) {
            Incident incident = naming("INC-" + step, name(random, words));
            remembering.add(incident);
            added.add(incident);
            WatchList fresh = new WatchList();
            added.forEach(fresh::add);
            for (Party p : parties) {
                for (double min : new double[] {0.7, 0.85}) {
                    assertThat(remembering.match(p, min)).as("%s at %s after %d incidents", p.name(), min, step + 1)
                            .isEqualTo(fresh.match(p, min));
                }
            }
        }
    }

    private static String name(java.util.SplittableRandom random, String[] words) {
        int n = 2 + random.nextInt(3);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : " ").append(words[random.nextInt(words.length)]);
        }
        return sb.toString();
    }
}
