package org.pensim.protocol.screening.national;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.pensim.protocol.notification.Identifier;

/**
 * An operator licensed by a country to handle precursors.
 *
 * @param substances the substance ids the licence covers; empty for all
 */
public record LicensedOperator(String name, String country, List<Identifier> identifiers, LocalDate validUntil,
        Set<String> substances) {

    public LicensedOperator {
        identifiers = List.copyOf(identifiers);
        substances = Set.copyOf(substances);
    }

    public boolean covers(String substanceId, LocalDate on) {
        return !on.isAfter(validUntil) && (substances.isEmpty() || substances.contains(substanceId));
    }
}
