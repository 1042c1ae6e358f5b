package org.pensim.protocol.catalogue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One chemical of the catalogue, identified exactly by its id and CAS number.
 *
 * @param densityKgPerLitre density of the pure liquid, absent for solids (litres cannot be converted)
 * @param saltBaseFactors   fraction of base in each known salt, keyed by the salt's lower-case name
 */
public record Substance(
        String id,
        String name,
        List<String> synonyms,
        ControlList list,
        String cas,
        String hsCode,
        Integer controlledSince,
        boolean alrTracked,
        String notes,
        Optional<BigDecimal> densityKgPerLitre,
        Map<String, BigDecimal> saltBaseFactors) {

    public Substance {
        synonyms = List.copyOf(synonyms);
        saltBaseFactors = Map.copyOf(saltBaseFactors);
    }

    public boolean isScheduled() {
        return list.isScheduled();
    }

    /** The HS heading (first four digits) under which the substance is classified. */
    public String hsHeading() {
        return hsCode.substring(0, 4);
    }
}
