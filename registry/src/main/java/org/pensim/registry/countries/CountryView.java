package org.pensim.registry.countries;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import org.pensim.protocol.catalogue.Substance;
import org.pensim.protocol.catalogue.SubstanceCatalogue;
import org.pensim.protocol.country.CountryCode;
import org.pensim.protocol.country.CountryProfile;
import org.pensim.protocol.country.CountryProfiles;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.registry.http.ApiProblem;

/**
 * What GET /v1/countries/{cc} answers: the country's notification requirements and reply deadline, and, per
 * substance with an annual legitimate requirement (ALR), the ALR beside what was notified to it so far this year.
 */
public final class CountryView {

    private final CountryProfiles profiles;
    private final YearToDateQuantities yearToDate;
    private final Clock clock;

    public CountryView(CountryProfiles profiles, YearToDateQuantities yearToDate, Clock clock) {
        this.profiles = profiles;
        this.yearToDate = yearToDate;
        this.clock = clock;
    }

    /** A country's profile with what was notified to it this year, per substance with an annual legitimate requirement. */
    public JsonNode of(String cc) {
        if (!CountryCode.isValid(cc)) {
            throw ApiProblem.notFound("'" + cc + "' is not an ISO 3166-1 alpha-2 country code");
        }
        CountryProfile p = profiles.of(cc);
        ObjectNode out = ProtocolJson.mapper().createObjectNode();
        out.put("code", cc);
        out.put("name", CountryCode.displayName(cc));
        var requested = out.putArray("notificationRequested");
        p.notificationRequested().stream().sorted().forEach(t -> requested.add(t.name()));
        out.put("replyDeadlineDays", p.replyDeadline().days());
        out.put("replyDeadlineWorkingDays", p.replyDeadline().workingDays());
        out.put("illustrative", p.illustrative());
        int year = clock.instant().atZone(ZoneOffset.UTC).getYear();
        out.put("year", year);
        ObjectNode alrs = out.putObject("alr");
        Map<String, BigDecimal> notified = yearToDate.of(cc, year);
        for (Substance s : SubstanceCatalogue.standard().all()) {
            if (s.alrTracked()) {
                ObjectNode a = alrs.putObject(s.id());
                p.alrFor(s.id()).ifPresentOrElse(v -> a.put("alrKg", v.toPlainString()), () -> a.putNull("alrKg"));
                a.put("notifiedYearToDateKg", notified.getOrDefault(s.id(), BigDecimal.ZERO).toPlainString());
            }
        }
        return out;
    }
}
