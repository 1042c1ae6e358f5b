package org.pensim.protocol.notification;

/** Number and type of packages (drums, IBC, bags, cartons, parcels...). */
public record Packages(int count, String type) {
}
