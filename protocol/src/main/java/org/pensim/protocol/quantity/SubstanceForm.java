package org.pensim.protocol.quantity;

/** The physical form in which a substance is shipped; it decides how the pure quantity is computed. */
public enum SubstanceForm {
    /** The free base or the substance itself. */
    BASE,
    /** A salt (hydrochloride, sulfate...): the base factor of the salt applies. */
    SALT,
    /** A solution: the concentration applies. */
    SOLUTION,
    /** A pharmaceutical or other preparation: the concentration of the substance in it applies. */
    PREPARATION
}
