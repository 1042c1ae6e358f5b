package org.pensim.protocol.notification;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A postal address; {@code freeTradeZone} marks addresses inside a free-trade zone. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Address(String street, String city, String postalCode, String country, Boolean freeTradeZone) {

    public boolean inFreeTradeZone() {
        return Boolean.TRUE.equals(freeTradeZone);
    }
}
