package org.pensim.simulations.diversion;

/** The diversion library: how traffickers try to obtain precursors (domain README). */
public enum DiversionMethod {
    /** An unlicensed shell company as importer. */
    FRONT_COMPANY,
    /** After a refusal, the same importer tries another exporting country. */
    COMPANY_SHOPPING,
    /** Many small shipments from several exporting countries to one consignee. */
    SPLITTING,
    /** A route through transit hubs of concern, goods diverted on the way. */
    TRANSIT_DIVERSION,
    /** Declared as a harmless look-alike, with no notification at all: only incidents catch it. */
    MISDECLARATION,
    /** A non-scheduled substitute or pre-precursor instead of the scheduled chemical. */
    SUBSTITUTE,
    /** Pharmaceutical preparations of ephedrine or pseudoephedrine in bulk. */
    PHARMACEUTICAL_PREPARATION,
    /** Post and courier streams for bulk quantities. */
    POST_COURIER,
    /** Importing countries that seldom reply, shipping before any answer. */
    SELDOM_REPLYING_TARGET,
    /** A notification that no authority signed, or one signed with a stolen key. */
    FORGED_OR_STOLEN_KEY
}
