package org.pensim.protocol.lifecycle;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.pensim.protocol.pki.AuthorityRole;
import org.pensim.protocol.quantity.Quantity;

/**
 * A signed message that moves a notification through its lifecycle. Which fields are required depends
 * on the type (the event schema says which): a reply carries a decision, and reasons unless it is
 * {@code NO_OBJECTION}; an answer carries a message; shipment and receipt carry a date; a stop carries
 * reasons.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LifecycleEvent(
        String eventId,
        String notificationId,
        EventType type,
        Instant issuedAt,
        String issuerCountry,
        AuthorityRole issuerRole,
        Decision decision,
        List<String> reasons,
        String message,
        LocalDate date,
        Quantity quantity,
        String reference) {

    public LifecycleEvent {
        reasons = reasons == null ? null : List.copyOf(reasons);
    }

    /** The table trigger this event fires. */
    public Trigger trigger() {
        return new Trigger(type, decision);
    }

    public static LifecycleEvent reply(String eventId, String notificationId, Instant at, String country,
            Decision decision, List<String> reasons) {
        return new LifecycleEvent(eventId, notificationId, EventType.REPLY, at, country, AuthorityRole.IMPORTING,
                decision, reasons == null || reasons.isEmpty() ? null : reasons, null, null, null, null);
    }

    public static LifecycleEvent simple(String eventId, String notificationId, EventType type, Instant at,
            String country, AuthorityRole role) {
        return new LifecycleEvent(eventId, notificationId, type, at, country, role, null, null, null, null, null,
                null);
    }
}
