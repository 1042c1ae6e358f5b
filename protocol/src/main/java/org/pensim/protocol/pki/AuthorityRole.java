package org.pensim.protocol.pki;

import java.util.Locale;

/** The role an authority's certificate is issued for. A country's CNA holds one certificate per role. */
public enum AuthorityRole {
    /** Sends notifications for shipments leaving its country. */
    EXPORTING,
    /** Receives and answers notifications for shipments arriving in its country. */
    IMPORTING,
    /** Runs the registry: delivers, records deadlines, enrols and revokes authorities. */
    OPERATOR;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AuthorityRole ofLabel(String label) {
        try {
            return valueOf(label.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown role '" + label + "' (expected exporting, importing or operator)");
        }
    }
}
