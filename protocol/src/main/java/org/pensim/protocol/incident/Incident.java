package org.pensim.protocol.incident;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.pensim.protocol.quantity.Quantity;

/** A seizure, stopped shipment or dismantled laboratory, reported by an authority and shared. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Incident(
        String id,
        IncidentType type,
        String reportingCountry,
        Instant reportedAt,
        LocalDate occurredOn,
        String substanceId,
        Quantity quantity,
        String notificationId,
        List<InvolvedEntity> entities,
        String description) {

    public Incident {
        entities = entities == null ? List.of() : List.copyOf(entities);
    }
}
