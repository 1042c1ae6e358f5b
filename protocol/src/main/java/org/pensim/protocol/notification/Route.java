package org.pensim.protocol.notification;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The planned route: transit countries in order, exit and entry points, mode of transport. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Route(List<String> transitCountries, String exitPoint, String entryPoint, TransportMode transportMode) {

    public Route {
        transitCountries = transitCountries == null ? List.of() : List.copyOf(transitCountries);
    }
}
