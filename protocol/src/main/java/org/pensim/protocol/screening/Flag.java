package org.pensim.protocol.screening;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;

/**
 * One indicator that fired for a notification, with its evidence (the numbers and entities compared)
 * and its time-to-flag. A flag matching an earlier {@link Dismissal} is kept but weighs nothing.
 *
 * @param subject what the flag is about (an operator, a corridor, a substance), the key dismissals use
 * @param item    index of the notification item concerned, or null for the whole notification
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Flag(
        IndicatorCode indicator,
        String notificationId,
        Integer item,
        String subject,
        double weight,
        String explanation,
        Map<String, String> evidence,
        Instant flaggedAt,
        TimeToFlag timeToFlag,
        Dismissal dismissal) {

    public Flag {
        evidence = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(evidence));
    }

    /** The weight this flag adds to the risk score: zero once dismissed. */
    public double effectiveWeight() {
        return dismissal == null ? weight : 0.0;
    }

    public Flag dismissedBy(Dismissal d) {
        return new Flag(indicator, notificationId, item, subject, weight, explanation, evidence, flaggedAt,
                timeToFlag, d);
    }
}
