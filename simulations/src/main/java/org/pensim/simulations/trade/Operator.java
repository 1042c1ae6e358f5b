package org.pensim.simulations.trade;

import java.util.List;
import org.pensim.protocol.notification.Address;
import org.pensim.protocol.notification.BusinessType;
import org.pensim.protocol.notification.Identifier;
import org.pensim.protocol.notification.Party;
import org.pensim.protocol.notification.PartyRole;

/** A company of the simulated world: licensed operators trade licitly; diverters invent others. */
public record Operator(String name, String country, BusinessType type, String registration, boolean freeTradeZone) {

    public Party as(PartyRole role) {
        return new Party(role, name, new Address("Industrial Estate " + Math.abs(name.hashCode() % 97), "City of " + country,
                null, country, freeTradeZone ? Boolean.TRUE : null), type,
                registration == null ? List.of() : List.of(new Identifier("REG", registration)), null);
    }

    private static final String[] FIRST = {"Apex", "Nova", "Delta", "Orion", "Crest", "Summit", "Vertex", "Aurora",
            "Zenith", "Pioneer", "Harbor", "Meridian", "Sterling", "Granite", "Cobalt", "Evergreen", "Silver", "Atlas"};
    private static final String[] SECOND = {"Chemicals", "Pharma", "Fine Chem", "Life Sciences", "Industries",
            "Laboratories", "Solvents", "Materials", "Health", "Synthesis"};

    /** A deterministic company name for operator {@code i} of a country. */
    public static String name(String country, int i) {
        return FIRST[Math.floorMod(country.hashCode() + i * 7, FIRST.length)] + " "
                + SECOND[Math.floorMod(country.hashCode() * 31 + i * 3, SECOND.length)] + " " + country + "-" + i;
    }
}
