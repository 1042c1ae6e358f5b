package org.pensim.simulations.trade;

import java.util.List;
import java.util.Objects;
import org.pensim.protocol.notification.Address;
import org.pensim.protocol.notification.BusinessType;
import org.pensim.protocol.notification.Identifier;
import org.pensim.protocol.notification.Party;
import org.pensim.protocol.notification.PartyRole;

/**
 * A company of the simulated world: licensed operators trade licitly; diverters invent others. Immutable;
 * it builds each of its parties once, since a year of trade names the same companies again and again.
 */
public final class Operator {
    private final String name;
    private final String country;
    private final BusinessType type;
    private final String registration;
    private final boolean freeTradeZone;
    /** This operator as a party in each role, built on first use (a race only builds an equal one twice). */
    private final Party[] parties = new Party[PartyRole.values().length];

    public Operator(String name, String country, BusinessType type, String registration, boolean freeTradeZone) {
        this.name = name;
        this.country = country;
        this.type = type;
        this.registration = registration;
        this.freeTradeZone = freeTradeZone;
    }

    public String name() {
        return name;
    }

    public String country() {
        return country;
    }

    public BusinessType type() {
        return type;
    }

    public String registration() {
        return registration;
    }

    public boolean freeTradeZone() {
        return freeTradeZone;
    }

    public Party as(PartyRole role) {
        Party p = parties[role.ordinal()];
        if (p == null) {
            p = new Party(role, name, new Address("Industrial Estate " + Math.abs(name.hashCode() % 97), Places.standard().city(country),
                    null, country, freeTradeZone ? Boolean.TRUE : null), type,
                    registration == null ? List.of() : List.of(new Identifier("REG", registration)), null);
            parties[role.ordinal()] = p;
        }
        return p;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Operator other && Objects.equals(name, other.name) && Objects.equals(country, other.country)
                && type == other.type && Objects.equals(registration, other.registration)
                && freeTradeZone == other.freeTradeZone;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, country, type, registration, freeTradeZone);
    }

    @Override
    public String toString() {
        return "Operator[name=" + name + ", country=" + country + ", type=" + type + ", registration=" + registration
                + ", freeTradeZone=" + freeTradeZone + "]";
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
