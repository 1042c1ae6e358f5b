package org.pensim.simulations.diversion;

/** What an adversary learns about one of its shipments: it sees outcomes, never the regime's flags. */
public enum Outcome {
    /** An objection, or the exporting authority stopped it, or the registry refused the document. */
    REFUSED,
    /** Seized after it left. */
    SEIZED,
    /** Arrived. */
    DELIVERED
}
