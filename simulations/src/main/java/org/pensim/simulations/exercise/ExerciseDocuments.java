package org.pensim.simulations.exercise;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pensim.protocol.catalogue.SubstanceCatalogue;
import org.pensim.protocol.country.CountryProfile;
import org.pensim.protocol.country.CountryProfiles;
import org.pensim.protocol.country.ReplyDeadlineRule;
import org.pensim.protocol.incident.Incident;
import org.pensim.protocol.incident.IncidentType;
import org.pensim.protocol.incident.InvolvedEntity;
import org.pensim.protocol.notification.Address;
import org.pensim.protocol.notification.BusinessType;
import org.pensim.protocol.notification.PreExportNotification;
import org.pensim.protocol.notification.TransportMode;
import org.pensim.protocol.quantity.SubstanceForm;
import org.pensim.simulations.exercise.ExercisePlan.InjectSpec;
import org.pensim.simulations.trade.Operator;
import org.pensim.simulations.trade.TradeDocuments;

/**
 * The documents an exercise's world produces: its licensed operators, the notifications of background trade and of
 * injects (numbered in one sequence per exporting country, so that an inject's id does not give it away), the trade
 * before the start that importing authorities already know, and the incidents partners share.
 */
final class ExerciseDocuments {

    private final ExercisePlan plan;
    private final SubstanceCatalogue catalogue;
    private final CountryProfiles profiles = CountryProfiles.standard();
    private final Map<String, List<Operator>> operators = new LinkedHashMap<>();
    private final Map<String, Integer> notificationNumbers = new HashMap<>();

    ExerciseDocuments(ExercisePlan plan, SubstanceCatalogue catalogue) {
        this.plan = plan;
        this.catalogue = catalogue;
        int perCountry = Math.max(1, plan.background().operatorsPerCountry());
        for (var c : plan.countries()) {
            List<Operator> ops = new ArrayList<>();
            for (int i = 0; i < perCountry; i++) {
                ops.add(new Operator(Operator.name(c.code(), i), c.code(), i % 3 == 0 ? BusinessType.PHARMACEUTICAL_MANUFACTURER
                        : BusinessType.MANUFACTURER, c.code() + "-LIC-" + i, false));
            }
            operators.put(c.code(), ops);
        }
    }

    /** The licensed operators of an exercise country, in the importing authority's register. */
    List<Operator> operators(String country) {
        return operators.get(country);
    }

    /** The notification a shipment or information-request inject makes, issued now. */
    PreExportNotification injectNotification(InjectSpec spec, Instant now) {
        Operator exporter = operators.get(spec.from()).get(0);
        Operator importer;
        if (spec.importer() != null) {
            importer = new Operator(spec.importer(), spec.to(), BusinessType.TRADING_COMPANY, null, false);
        } else if (operators.containsKey(spec.to())) {
            importer = operators.get(spec.to()).get(operators.get(spec.to()).size() - 1);
        } else {
            importer = new Operator(Operator.name(spec.to(), 0), spec.to(), BusinessType.MANUFACTURER, spec.to() + "-LIC-0", false);
        }
        var substance = catalogue.byId(spec.substance()).orElseThrow(); // before taking a number: no gap if unknown
        return placed(TradeDocuments.notification(nextNotificationId(spec.from()), exporter, importer, null,
                substance, SubstanceForm.BASE, spec.quantityKg(),
                spec.transit() == null ? List.of() : spec.transit(), TransportMode.SEA, null, 99, exerciseProfile(spec.to()), now,
                false));
    }

    /**
     * The notification with the places the plan gives its countries (countries[].city and .port), which officers read
     * on their desks, instead of the trade model's capital and principal seaport.
     */
    PreExportNotification placed(PreExportNotification n) {
        List<org.pensim.protocol.notification.Party> parties = n.parties().stream().map(p -> {
            ExercisePlan.CountrySetup c = p.address() == null ? null : plan.country(p.address().country());
            if (c == null || c.city() == null) {
                return p;
            }
            Address a = p.address();
            return new org.pensim.protocol.notification.Party(p.role(), p.name(), new Address(a.street(), c.city(),
                    a.postalCode(), a.country(), a.freeTradeZone()), p.businessType(), p.identifiers(), p.contact());
        }).toList();
        ExercisePlan.CountrySetup from = plan.country(n.exportingCountry());
        ExercisePlan.CountrySetup to = plan.country(n.importingCountry());
        var r = n.route();
        var route = new org.pensim.protocol.notification.Route(r.transitCountries(),
                from != null && from.port() != null ? from.port() : r.exitPoint(),
                to != null && to.port() != null ? to.port() : r.entryPoint(), r.transportMode());
        return new PreExportNotification(n.id(), n.channel(), n.exportingCountry(), n.importingCountry(), n.issuedAt(), parties,
                n.items(), route, n.expectedDispatchDate(), n.expectedArrivalDate(), n.replyDeadline(),
                n.exportAuthorisationNumber(), n.importPermitNumber(), n.invoiceNumber(), n.endUse());
    }

    /** The notification of one planned background shipment, issued now. */
    PreExportNotification backgroundNotification(BackgroundTrade.Planned p, Instant now) {
        var substance = catalogue.byId(p.substance()).orElseThrow();
        return placed(TradeDocuments.notification(nextNotificationId(p.from()), exporterOf(p), importerOf(p), null,
                substance, SubstanceForm.BASE, p.kg(), List.of(), TransportMode.SEA, null, 99, exerciseProfile(p.to()), now, false));
    }

    /** The licit trade before the start (background.priorDays), by importing country. */
    Map<String, List<PreExportNotification>> priorTrade() {
        Map<String, List<PreExportNotification>> byImporter = new LinkedHashMap<>();
        for (BackgroundTrade.Planned p : BackgroundTrade.prior(plan)) {
            byImporter.computeIfAbsent(p.to(), cc -> new ArrayList<>()).add(placed(TradeDocuments.notification(
                    p.from() + "-PRIOR-" + p.number(), exporterOf(p), importerOf(p), null,
                    catalogue.byId(p.substance()).orElseThrow(), SubstanceForm.BASE, p.kg(), List.of(), TransportMode.SEA, null, 99,
                    exerciseProfile(p.to()), p.at(), false)));
        }
        return byImporter;
    }

    /** The seizure an incident inject reports, naming its entity as the consignee. */
    synchronized Incident incident(InjectSpec spec, Instant now) {
        // Numbered, as the notifications are: an id made of the inject's name would tell the officers what it is.
        int number = notificationNumbers.merge("INC:" + spec.from(), 1, Integer::sum);
        String id = spec.from() + "-INC-" + LocalDate.ofInstant(plan.start(), ZoneOffset.UTC).getYear() + "-"
                + String.format(java.util.Locale.ROOT, "%04d", number);
        return new Incident(id, IncidentType.SEIZURE, spec.from(),
                now.truncatedTo(ChronoUnit.SECONDS), LocalDate.ofInstant(now, ZoneOffset.UTC), spec.substance(), null, null,
                List.of(new InvolvedEntity(spec.entity(), "consignee", new Address("unknown", "unknown", null, spec.to(), null),
                        List.of())),
                spec.description() == null ? "seizure naming " + spec.entity() : spec.description());
    }

    private Operator exporterOf(BackgroundTrade.Planned p) {
        return operators.get(p.from()).get(p.exporterIndex() % operators.get(p.from()).size());
    }

    private Operator importerOf(BackgroundTrade.Planned p) {
        return operators.get(p.to()).get(p.importerIndex() % operators.get(p.to()).size());
    }

    private synchronized String nextNotificationId(String exporting) {
        int n = notificationNumbers.merge(exporting, 1, Integer::sum);
        return exporting + "-" + LocalDate.ofInstant(plan.start(), ZoneOffset.UTC).getYear() + "-"
                + String.format(java.util.Locale.ROOT, "%05d", n);
    }

    /** The importing country as the exercise plays it: its reply deadline scaled to the exercise's length. */
    private CountryProfile exerciseProfile(String importing) {
        CountryProfile p = profiles.of(importing);
        return new CountryProfile(p.code(), p.notificationRequested(), p.alrKg(), p.calendar(),
                new ReplyDeadlineRule(plan.replyDeadlineDays(), false), p.illustrative());
    }
}
