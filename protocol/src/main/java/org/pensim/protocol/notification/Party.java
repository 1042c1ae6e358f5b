package org.pensim.protocol.notification;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** An operator named in a notification: exporter, importer, consignee, broker or forwarder. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Party(
        PartyRole role,
        String name,
        Address address,
        BusinessType businessType,
        List<Identifier> identifiers,
        String contact) {

    public Party {
        identifiers = identifiers == null ? List.of() : List.copyOf(identifiers);
    }
}
