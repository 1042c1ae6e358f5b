package org.pensim.protocol.notification;

/** How the goods travel; post and courier for bulk quantities are a red flag. */
public enum TransportMode {
    SEA, AIR, ROAD, RAIL, MULTIMODAL, POST, COURIER;

    public boolean isParcelStream() {
        return this == POST || this == COURIER;
    }
}
