package org.pensim.protocol.incident;

/** Kinds of incident shared between authorities (as in INCB's PICS). */
public enum IncidentType {
    SEIZURE, STOPPED_SHIPMENT, DISMANTLED_LABORATORY
}
