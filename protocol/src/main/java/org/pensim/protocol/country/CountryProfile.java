package org.pensim.protocol.country;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pensim.protocol.catalogue.ControlList;
import org.pensim.protocol.catalogue.Substance;

/**
 * What the regime knows of one country: the tables it asked to be notified of under art. 12(10)(a),
 * its annual legitimate requirements (kg of pure substance), its calendar and reply deadline.
 *
 * @param illustrative true for pensim's default data, which is not the country's real position
 */
public record CountryProfile(
        String code,
        Set<ControlList> notificationRequested,
        Map<String, BigDecimal> alrKg,
        WorkingDayCalendar calendar,
        ReplyDeadlineRule replyDeadline,
        boolean illustrative) {

    public CountryProfile {
        if (!CountryCode.isValid(code)) {
            throw new IllegalArgumentException("'" + code + "' is not an ISO 3166-1 alpha-2 country code");
        }
        notificationRequested = Set.copyOf(notificationRequested);
        alrKg = Map.copyOf(alrKg);
    }

    /** Whether an export of this substance to the country needs a pre-export notification. */
    public boolean requiresNotification(Substance substance) {
        return substance.isScheduled() && notificationRequested.contains(substance.list());
    }

    /** The ALR for an ALR-tracked substance; empty when the country has none (itself a red flag). */
    public Optional<BigDecimal> alrFor(String substanceId) {
        return Optional.ofNullable(alrKg.get(substanceId));
    }
}
