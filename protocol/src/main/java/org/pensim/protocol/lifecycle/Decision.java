package org.pensim.protocol.lifecycle;

/** The importing authority's reply to a notification. */
public enum Decision {
    NO_OBJECTION, OBJECTION, INFO_REQUESTED
}
