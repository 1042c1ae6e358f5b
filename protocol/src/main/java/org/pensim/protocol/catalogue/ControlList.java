package org.pensim.protocol.catalogue;

/** Which list of the 1988 Convention regime a substance is on. */
public enum ControlList {
    /** Table I: pre-export notification on request under art. 12(10)(a). */
    TABLE_I,
    /** Table II: notification only where the importing country asked for Table II too. */
    TABLE_II,
    /** Limited international special surveillance list: not scheduled; voluntary "light" notification. */
    SURVEILLANCE;

    public boolean isScheduled() {
        return this != SURVEILLANCE;
    }
}
