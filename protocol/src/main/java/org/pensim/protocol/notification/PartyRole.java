package org.pensim.protocol.notification;

/** The part an operator plays in a shipment. */
public enum PartyRole {
    EXPORTER, IMPORTER, CONSIGNEE, BROKER, FREIGHT_FORWARDER
}
