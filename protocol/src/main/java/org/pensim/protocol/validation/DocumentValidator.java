package org.pensim.protocol.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.pensim.protocol.catalogue.ControlList;
import org.pensim.protocol.catalogue.Substance;
import org.pensim.protocol.catalogue.SubstanceCatalogue;
import org.pensim.protocol.country.CountryCode;
import org.pensim.protocol.incident.Incident;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.protocol.lifecycle.LifecycleEvent;
import org.pensim.protocol.notification.PreExportNotification;
import org.pensim.protocol.quantity.PureSubstanceConversion;
import org.pensim.protocol.quantity.Quantity;
import org.pensim.protocol.quantity.SubstanceForm;

/**
 * Validates notification, event and incident documents: first against their JSON Schemas, then the
 * rules a schema cannot state (CAS check digits, catalogue look-ups, country codes, parties that match
 * the countries, pure-substance arithmetic, channel rules, date order). Every problem is reported at
 * once. Thread-safe.
 */
public final class DocumentValidator {

    /** Declared and computed pure quantities may differ by this fraction (rounding of salt factors). */
    private static final BigDecimal NET_TOLERANCE = new BigDecimal("0.005");

    private final SubstanceCatalogue catalogue;
    private final SchemaCheck notificationSchema = SchemaCheck.of("notification.schema.json");
    private final SchemaCheck eventSchema = SchemaCheck.of("event.schema.json");
    private final SchemaCheck incidentSchema = SchemaCheck.of("incident.schema.json");

    public DocumentValidator(SubstanceCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    public static DocumentValidator standard() {
        return new DocumentValidator(SubstanceCatalogue.standard());
    }

    /** Every problem with a notification document; empty when it is valid. */
    public List<Problem> checkNotification(JsonNode doc) {
        List<Problem> problems = new ArrayList<>(notificationSchema.check(doc));
        if (!doc.isObject()) {
            return problems;
        }
        String exporting = doc.path("exportingCountry").asText(null);
        String importing = doc.path("importingCountry").asText(null);
        country(doc, "/exportingCountry", problems);
        country(doc, "/importingCountry", problems);
        if (exporting != null && exporting.equals(importing)) {
            problems.add(new Problem("/importingCountry", "must differ from the exporting country " + exporting));
        }
        checkParties(doc.path("parties"), exporting, importing, problems);
        JsonNode transit = doc.path("route").path("transitCountries");
        for (int i = 0; i < transit.size(); i++) {
            String pointer = "/route/transitCountries/" + i;
            country(doc, pointer, problems);
            String cc = transit.get(i).asText();
            if (cc.equals(exporting) || cc.equals(importing)) {
                problems.add(new Problem(pointer, cc + " is the exporting or importing country, not a transit country"));
            }
        }
        List<Substance> substances = checkItems(doc.path("items"), problems);
        checkChannel(doc, substances, problems);
        checkDates(doc, problems);
        return dedupe(problems);
    }

    /** Validates and binds a notification. */
    public PreExportNotification notification(JsonNode doc) {
        require(checkNotification(doc));
        return ProtocolJson.fromTree(doc, PreExportNotification.class);
    }

    public List<Problem> checkEvent(JsonNode doc) {
        List<Problem> problems = new ArrayList<>(eventSchema.check(doc));
        if (doc.isObject()) {
            country(doc, "/issuerCountry", problems);
        }
        return dedupe(problems);
    }

    public LifecycleEvent event(JsonNode doc) {
        require(checkEvent(doc));
        return ProtocolJson.fromTree(doc, LifecycleEvent.class);
    }

    public List<Problem> checkIncident(JsonNode doc) {
        List<Problem> problems = new ArrayList<>(incidentSchema.check(doc));
        if (!doc.isObject()) {
            return problems;
        }
        country(doc, "/reportingCountry", problems);
        JsonNode entities = doc.path("entities");
        for (int i = 0; i < entities.size(); i++) {
            country(doc, "/entities/" + i + "/address/country", problems);
        }
        if (doc.hasNonNull("substanceId") && catalogue.byId(doc.get("substanceId").asText()).isEmpty()) {
            problems.add(unknownSubstance("/substanceId", doc.get("substanceId").asText()));
        }
        return dedupe(problems);
    }

    public Incident incident(JsonNode doc) {
        require(checkIncident(doc));
        return ProtocolJson.fromTree(doc, Incident.class);
    }

    private static void require(List<Problem> problems) {
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
    }

    private void checkParties(JsonNode parties, String exporting, String importing, List<Problem> problems) {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < parties.size(); i++) {
            JsonNode party = parties.get(i);
            String role = party.path("role").asText("");
            counts.merge(role, 1, Integer::sum);
            String pointer = "/parties/" + i + "/address/country";
            country(parties.get(i), "/address/country", problems, "/parties/" + i);
            String cc = party.path("address").path("country").asText(null);
            if ("EXPORTER".equals(role) && exporting != null && cc != null && !cc.equals(exporting)) {
                problems.add(new Problem(pointer, "the exporter's address is in " + cc
                        + " but the exporting country is " + exporting));
            }
            if ("IMPORTER".equals(role) && importing != null && cc != null && !cc.equals(importing)) {
                problems.add(new Problem(pointer, "the importer's address is in " + cc
                        + " but the importing country is " + importing));
            }
        }
        if (parties.isArray()) {
            for (String role : List.of("EXPORTER", "IMPORTER")) {
                int n = counts.getOrDefault(role, 0);
                if (n != 1) {
                    problems.add(new Problem("/parties", "exactly one " + role.toLowerCase() + " must be named, found " + n));
                }
            }
            if (counts.getOrDefault("CONSIGNEE", 0) > 1) {
                problems.add(new Problem("/parties", "at most one consignee may be named"));
            }
        }
    }

    private List<Substance> checkItems(JsonNode items, List<Problem> problems) {
        List<Substance> found = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String base = "/items/" + i;
            String cas = item.path("cas").asText(null);
            String id = item.path("substanceId").asText(null);
            boolean casShapeOk = CasNumber.hasValidShape(cas);
            if (casShapeOk && !CasNumber.isValid(cas)) {
                problems.add(new Problem(base + "/cas", cas + " fails the CAS check digit (expected "
                        + CasNumber.expectedCheckDigit(cas) + " as the last digit)"));
            }
            Optional<Substance> byId = catalogue.byId(id);
            Optional<Substance> byCas = catalogue.byCas(cas);
            if (id != null && byId.isEmpty()) {
                Problem p = unknownSubstance(base + "/substanceId", id);
                if (byCas.isPresent()) {
                    p = new Problem(p.pointer(), p.message().replace("; closest:",
                            "; CAS " + cas + " is " + byCas.get().id() + "; closest:"));
                }
                problems.add(p);
            }
            if (byId.isPresent() && cas != null && CasNumber.isValid(cas) && !byId.get().cas().equals(cas)) {
                problems.add(new Problem(base + "/cas", cas + " is not the CAS number of " + byId.get().name()
                        + " (" + byId.get().cas() + ")"
                        + byCas.map(s -> "; it is the CAS number of " + s.id()).orElse("")));
            }
            byId.ifPresent(found::add);
            BigDecimal concentration = decimal(item.path("concentrationPercent"));
            if (concentration != null && (concentration.signum() <= 0 || concentration.compareTo(BigDecimal.valueOf(100)) > 0)) {
                problems.add(new Problem(base + "/concentrationPercent", "must be above 0 and at most 100, not "
                        + concentration.toPlainString()));
                concentration = null;
            }
            BigDecimal declared = decimal(item.path("netPureKg"));
            BigDecimal value = decimal(item.path("quantity").path("value"));
            String unit = item.path("quantity").path("unit").asText(null);
            SubstanceForm form = enumValue(SubstanceForm.class, item.path("form").asText(null));
            if (byId.isPresent() && concentration != null && declared != null && value != null && unit != null
                    && form != null) {
                if (value.signum() == 0) {
                    problems.add(new Problem(base + "/quantity/value", "must be above zero"));
                    continue;
                }
                if (value.signum() < 0 || declared.signum() < 0) {
                    continue; // the schema has reported the negative number where it stands; nothing else is wrong
                }
                try {
                    BigDecimal computed = PureSubstanceConversion.toPureKilograms(byId.get(),
                            Quantity.of(value.toPlainString(), unit), form, item.path("salt").asText(null),
                            concentration, decimal(item.path("densityKgPerLitre")));
                    BigDecimal allowed = computed.multiply(NET_TOLERANCE).max(new BigDecimal("0.001"));
                    if (declared.subtract(computed).abs().compareTo(allowed) > 0) {
                        problems.add(new Problem(base + "/netPureKg", "declared " + declared.toPlainString()
                                + " kg, but " + value.toPlainString() + " " + unit + " of " + byId.get().name()
                                + (form == SubstanceForm.SALT ? " " + item.path("salt").asText() : "")
                                + " at " + concentration.toPlainString() + " % is " + computed.toPlainString()
                                + " kg of pure substance"));
                    }
                } catch (IllegalArgumentException e) {
                    String at = form == SubstanceForm.SALT ? base + "/salt" : base + "/quantity/unit";
                    problems.add(new Problem(at, e.getMessage()));
                }
            }
        }
        return found;
    }

    private void checkChannel(JsonNode doc, List<Substance> substances, List<Problem> problems) {
        String channel = doc.path("channel").asText(null);
        if (channel == null || substances.isEmpty()) {
            return;
        }
        boolean anyScheduled = substances.stream().anyMatch(Substance::isScheduled);
        boolean allSurveillance = substances.stream().allMatch(s -> s.list() == ControlList.SURVEILLANCE);
        if ("VOLUNTARY".equals(channel)) {
            if (!allSurveillance) {
                problems.add(new Problem("/channel", "the voluntary channel is only for surveillance-list substances; "
                        + substances.stream().filter(Substance::isScheduled).map(Substance::id).distinct()
                                .collect(Collectors.joining(", ")) + " must be notified in the FULL channel"));
            }
            if (doc.has("replyDeadline")) {
                problems.add(new Problem("/replyDeadline", "voluntary notifications carry no reply deadline"));
            }
        } else if ("FULL".equals(channel)) {
            if (!anyScheduled) {
                problems.add(new Problem("/channel", "no item is a scheduled substance; notify surveillance-list "
                        + "substances in the VOLUNTARY channel"));
            }
            if (!doc.has("replyDeadline")) {
                problems.add(new Problem("/replyDeadline", "is required for a FULL notification"));
            }
        }
    }

    private static void checkDates(JsonNode doc, List<Problem> problems) {
        LocalDate issued = null;
        String issuedAt = doc.path("issuedAt").asText("");
        if (issuedAt.length() >= 10) {
            issued = date(issuedAt.substring(0, 10));
        }
        LocalDate dispatch = date(doc.path("expectedDispatchDate").asText(null));
        LocalDate arrival = date(doc.path("expectedArrivalDate").asText(null));
        LocalDate deadline = date(doc.path("replyDeadline").asText(null));
        if (issued != null && dispatch != null && dispatch.isBefore(issued)) {
            problems.add(new Problem("/expectedDispatchDate", dispatch + " is before the notification was issued ("
                    + issued + ")"));
        }
        if (dispatch != null && arrival != null && arrival.isBefore(dispatch)) {
            problems.add(new Problem("/expectedArrivalDate", arrival + " is before the dispatch date " + dispatch));
        }
        if (issued != null && deadline != null && deadline.isBefore(issued)) {
            problems.add(new Problem("/replyDeadline", deadline + " is before the notification was issued ("
                    + issued + ")"));
        }
    }

    private Problem unknownSubstance(String pointer, String text) {
        List<String> closest = catalogue.closest(text, 3).stream().map(Substance::id).toList();
        return new Problem(pointer, "unknown substance '" + text + "'; closest: " + String.join(", ", closest));
    }

    private static void country(JsonNode doc, String pointer, List<Problem> problems) {
        country(doc, pointer, problems, "");
    }

    private static void country(JsonNode doc, String pointer, List<Problem> problems, String prefix) {
        JsonNode node = doc.at(pointer);
        if (node.isTextual() && node.textValue().matches("[A-Z]{2}") && !CountryCode.isValid(node.textValue())) {
            problems.add(new Problem(prefix + pointer, node.textValue()
                    + " is not an ISO 3166-1 alpha-2 country code"));
        }
    }

    private static BigDecimal decimal(JsonNode node) {
        if (!node.isTextual()) {
            return null;
        }
        try {
            return new BigDecimal(node.textValue());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static LocalDate date(String text) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String name) {
        try {
            return name == null ? null : Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static List<Problem> dedupe(List<Problem> problems) {
        return problems.stream().distinct().toList();
    }
}
