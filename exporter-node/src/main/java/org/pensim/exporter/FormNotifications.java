package org.pensim.exporter;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.pensim.protocol.catalogue.Substance;
import org.pensim.protocol.catalogue.SubstanceCatalogue;
import org.pensim.protocol.country.CountryCode;
import org.pensim.protocol.country.CountryProfile;
import org.pensim.protocol.country.CountryProfiles;
import org.pensim.protocol.country.ReplyDeadlineRule;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.protocol.notification.Address;
import org.pensim.protocol.notification.BusinessType;
import org.pensim.protocol.notification.NotificationChannel;
import org.pensim.protocol.notification.Packages;
import org.pensim.protocol.notification.Party;
import org.pensim.protocol.notification.PartyRole;
import org.pensim.protocol.notification.PreExportNotification;
import org.pensim.protocol.notification.Route;
import org.pensim.protocol.notification.ShipmentItem;
import org.pensim.protocol.notification.TransportMode;
import org.pensim.protocol.quantity.PureSubstanceConversion;
import org.pensim.protocol.quantity.Quantity;
import org.pensim.protocol.quantity.QuantityUnit;
import org.pensim.protocol.quantity.SubstanceForm;

/**
 * Turns the officer's form into a complete notification: catalogue data for the substance, pure
 * quantity, the importing country's reply deadline; and the pre-submission checks shown beside it.
 */
final class FormNotifications {

    private FormNotifications() {
    }

    /**
     * What the officer typed that is not what it should be at all (a number that is not one, a date that is
     * not one, a form that does not exist), in words, at the field's place in the notification. The
     * validator judges the rest once these read.
     */
    static List<org.pensim.protocol.validation.Problem> typingProblems(JsonNode f) {
        List<org.pensim.protocol.validation.Problem> out = new java.util.ArrayList<>();
        // Each field is named here, not only by the page's own checks: a request sent without the page (or with its
        // checks off) is told every missing field at once, in words.
        for (RequiredField r : REQUIRED) {
            if (f.path(r.field()).asText("").isBlank()) {
                out.add(new org.pensim.protocol.validation.Problem(r.pointer(), r.what() + " is missing"));
            }
        }
        number(f, "quantityKg", "/items/0/quantity/value", "the quantity", out);
        number(f, "concentration", "/items/0/concentrationPercent", "the concentration", out);
        String dispatch = f.path("dispatch").asText("").trim();
        if (dispatch.isEmpty()) {
            out.add(new org.pensim.protocol.validation.Problem("/expectedDispatchDate", "the dispatch date is missing"));
        } else {
            try {
                LocalDate.parse(dispatch);
            } catch (java.time.format.DateTimeParseException e) {
                out.add(new org.pensim.protocol.validation.Problem("/expectedDispatchDate", "'" + dispatch
                        + "' is not a date (write it as 2026-12-31)"));
            }
        }
        String form = f.path("form").asText("BASE");
        if (java.util.Arrays.stream(SubstanceForm.values()).noneMatch(x -> x.name().equals(form))) {
            out.add(new org.pensim.protocol.validation.Problem("/items/0/form", "'" + form + "' is not a form: BASE, SALT,"
                    + " SOLUTION or PREPARATION"));
        }
        return out;
    }

    /** A field the form must fill: its name in the form, where it goes in the document, and what an officer calls it. */
    private record RequiredField(String field, String pointer, String what) {
    }

    /** The form's text fields that may not be left empty, in the form's order. */
    private static final List<RequiredField> REQUIRED = List.of(
            new RequiredField("id", "/id", "the notification's number"),
            new RequiredField("exporterName", "/parties/0/name", "the exporter's name"),
            new RequiredField("exporterStreet", "/parties/0/address/street", "the exporter's address"),
            new RequiredField("exporterCity", "/parties/0/address/city", "the exporter's city"),
            new RequiredField("importingCountry", "/importingCountry", "the importing country"),
            new RequiredField("importerName", "/parties/1/name", "the importer's name"),
            new RequiredField("importerStreet", "/parties/1/address/street", "the importer's address"),
            new RequiredField("importerCity", "/parties/1/address/city", "the importer's city"),
            new RequiredField("entryPoint", "/route/entryPoint", "the port of entry"),
            new RequiredField("substance", "/items/0/substanceId", "the substance"));

    private static void number(JsonNode f, String field, String pointer, String what,
            List<org.pensim.protocol.validation.Problem> out) {
        String text = f.path(field).asText("").trim();
        if (text.isEmpty()) {
            out.add(new org.pensim.protocol.validation.Problem(pointer, what + " is missing"));
            return;
        }
        try {
            new BigDecimal(text);
        } catch (NumberFormatException e) {
            out.add(new org.pensim.protocol.validation.Problem(pointer, "'" + text + "' is not a number (write it like 2500 or"
                    + " 2500.5, with a point for decimals and no thousands separator)"));
        }
    }

    /** The importing country a form names, when it names one that exists; null otherwise (validation says why). */
    static String importingCountry(byte[] form) {
        try {
            String cc = ProtocolJson.parse(form).path("importingCountry").asText("").strip().toUpperCase(Locale.ROOT);
            return CountryCode.isValid(cc) ? cc : null;
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The reply deadline rule of a country: the one the registry gives in its view of the country ({@code
     * /v1/countries/CC}, an exercise's rule), else the country's own.
     */
    static ReplyDeadlineRule replyDeadline(CountryProfile profile, JsonNode registryView) {
        if (registryView != null && registryView.path("replyDeadlineDays").canConvertToInt()
                && registryView.path("replyDeadlineDays").asInt() > 0) {
            return new ReplyDeadlineRule(registryView.get("replyDeadlineDays").asInt(),
                    registryView.path("replyDeadlineWorkingDays").asBoolean(true));
        }
        return profile.replyDeadline();
    }

    /** As below, with the country's own rules. */
    static JsonNode build(String exportingCountry, JsonNode f, Clock clock) {
        return build(exportingCountry, f, clock, null);
    }

    /**
     * The notification document, or null when the substance is unknown; validation reports the rest. Its reply deadline
     * follows the registry's view of the importing country when given.
     */
    static JsonNode build(String exportingCountry, JsonNode f, Clock clock, JsonNode registryView) {
        Optional<Substance> s = SubstanceCatalogue.standard().find(f.path("substance").asText());
        if (s.isEmpty()) {
            return null;
        }
        String importing = f.path("importingCountry").asText().toUpperCase(Locale.ROOT);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        CountryProfile profile = CountryCode.isValid(importing) ? CountryProfiles.standard().of(importing) : null;
        LocalDate deadline = profile == null ? today.plusDays(15)
                : replyDeadline(profile, registryView).deadlineFrom(today, profile.calendar());
        SubstanceForm form = SubstanceForm.valueOf(f.path("form").asText("BASE"));
        String salt = f.path("salt").asText("").isBlank() ? null : f.path("salt").asText();
        BigDecimal concentration = decimal(f.path("concentration").asText("100"), "100");
        BigDecimal kg = decimal(f.path("quantityKg").asText("0"), "0");
        BigDecimal net;
        try {
            net = PureSubstanceConversion.toPureKilograms(s.get(), new Quantity(kg, QuantityUnit.KG), form, salt, concentration, null);
        } catch (IllegalArgumentException e) {
            net = BigDecimal.ZERO; // the validator names the problem with the salt or unit
        }
        List<String> transit = new ArrayList<>();
        for (String t : f.path("transit").asText("").split("[,\\s]+")) {
            if (!t.isBlank()) {
                transit.add(t.trim().toUpperCase(Locale.ROOT));
            }
        }
        LocalDate dispatch = f.path("dispatch").asText("").isBlank() ? deadline.plusDays(3)
                : LocalDate.parse(f.path("dispatch").asText());
        boolean voluntary = !s.get().isScheduled();
        PreExportNotification n = new PreExportNotification(f.path("id").asText(),
                voluntary ? NotificationChannel.VOLUNTARY : NotificationChannel.FULL, exportingCountry, importing, now,
                List.of(new Party(PartyRole.EXPORTER, f.path("exporterName").asText(),
                                new Address(text(f, "exporterStreet"), text(f, "exporterCity"), null, exportingCountry, null),
                                BusinessType.MANUFACTURER,
                                List.of(), null),
                        new Party(PartyRole.IMPORTER, f.path("importerName").asText(),
                                new Address(text(f, "importerStreet"), text(f, "importerCity"), null, importing, null),
                                BusinessType.valueOf(f.path("importerType").asText("END_USER")), List.of(), null)),
                List.of(new ShipmentItem(s.get().id(), s.get().cas(), null, form, salt, concentration,
                        new Quantity(kg, QuantityUnit.KG), null, net, new Packages(Math.max(1, kg.intValue() / 25), "drum"),
                        s.get().hsCode())),
                new Route(transit, f.path("exitPoint").asText("").isBlank() ? null : text(f, "exitPoint"), text(f, "entryPoint"),
                        TransportMode.valueOf(f.path("mode").asText("SEA"))),
                dispatch, dispatch.plusDays(20), voluntary ? null : deadline, "EXP-" + f.path("id").asText(), null, null, null);
        return ProtocolJson.tree(n);
    }

    /** What the officer typed in a field, trimmed; empty when left out, which the validator then names at its place. */
    private static String text(JsonNode f, String field) {
        return f.path(field).asText("").trim();
    }

    static String precheck(String typed, String substanceText, String kgText, JsonNode country, Clock clock) {
        // As the form's submission reads it: "in" is IN.
        String importing = typed == null ? "" : typed.strip().toUpperCase(Locale.ROOT);
        if (!CountryCode.isValid(importing)) {
            throw new IllegalArgumentException("'" + importing + "' is not an ISO 3166-1 alpha-2 country code");
        }
        Substance s = SubstanceCatalogue.standard().find(substanceText).orElseThrow(() ->
                new IllegalArgumentException("unknown substance '" + substanceText + "'"));
        CountryProfile p = CountryProfiles.standard().of(importing);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        StringBuilder sb = new StringBuilder();
        sb.append(s.isScheduled()
                ? (p.requiresNotification(s) ? importing + " asked to be notified of " + s.list() + " exports: a notification is required. "
                : importing + " did not ask for " + s.list() + " notifications; notifying is still good practice. ")
                : s.name() + " is on the surveillance list: a voluntary notification. ");
        if (s.alrTracked()) {
            Optional<BigDecimal> alr = p.alrFor(s.id());
            BigDecimal ytd = country == null ? BigDecimal.ZERO
                    : new BigDecimal(country.at("/alr/" + s.id() + "/notifiedYearToDateKg").asText("0"));
            BigDecimal kg = decimal(kgText, "0");
            sb.append(alr.map(a -> "ALR " + a.toPlainString() + " kg; notified this year " + ytd.toPlainString()
                    + " kg; left after this shipment " + a.subtract(ytd).subtract(kg).toPlainString() + " kg. ")
                    .orElse(importing + " has no ALR for " + s.name() + ": expect questions. "));
        }
        if (!s.isScheduled()) {
            return sb.toString().trim();
        }
        ReplyDeadlineRule rule = replyDeadline(p, country);
        LocalDate deadline = rule.deadlineFrom(today, p.calendar());
        sb.append("Reply deadline ").append(deadline).append(" (").append(rule.days())
                .append(rule.workingDays() ? " working" : " calendar").append(" days).");
        return sb.toString();
    }

    private static BigDecimal decimal(String text, String dflt) {
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            return new BigDecimal(dflt);
        }
    }
}
