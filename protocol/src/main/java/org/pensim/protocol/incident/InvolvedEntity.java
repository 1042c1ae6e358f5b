package org.pensim.protocol.incident;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.pensim.protocol.notification.Address;
import org.pensim.protocol.notification.Identifier;

/** A company or person named in an incident; becomes a watch-list entry for later screening. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InvolvedEntity(String name, String role, Address address, List<Identifier> identifiers) {

    public InvolvedEntity {
        identifiers = identifiers == null ? List.of() : List.copyOf(identifiers);
    }
}
