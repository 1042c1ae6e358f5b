package org.pensim.protocol.screening.national;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.pensim.protocol.catalogue.ControlList;
import org.pensim.protocol.catalogue.Substance;
import org.pensim.protocol.notification.Party;
import org.pensim.protocol.notification.PartyRole;
import org.pensim.protocol.notification.PreExportNotification;
import org.pensim.protocol.notification.ShipmentItem;
import org.pensim.protocol.quantity.SubstanceForm;
import org.pensim.protocol.screening.Dismissal;
import org.pensim.protocol.screening.Flag;
import org.pensim.protocol.screening.IndicatorCode;
import org.pensim.protocol.screening.RiskAssessment;
import org.pensim.protocol.screening.ScreeningPolicy;
import org.pensim.protocol.screening.TimeToFlag;

/**
 * Screens notifications addressed to one importing authority with the national indicators. One method
 * per indicator, each stating what it compares; every flag carries that evidence and its time-to-flag.
 * Thread-safe as long as the knowledge is (its parts are concurrent).
 */
public final class NationalScreening {

    /** HS chapters under which chemicals and their preparations are classified. */
    private static final List<String> CHEMICAL_CHAPTERS = List.of("28", "29", "30", "38");

    /** Words in a consignee's name that say it passes goods on rather than uses them (between spaces). */
    private static final List<String> INTERMEDIARY_WORDS = List.of(" trading ", " logistics ", " forwarding ", " shipping ",
            " import export ", " general trade ", " freight ");

    /** Whether {@code " " + key + " "} contains {@code spaced} (" word "), without building that string. */
    static boolean containsWords(String key, String spaced) {
        int n = spaced.length() - 2; // the words without the spaces around them
        if (key.length() < n) {
            return false;
        }
        if (key.regionMatches(0, spaced, 1, n) && (key.length() == n || key.charAt(n) == ' ')) {
            return true; // at the start, or the whole key
        }
        if (key.length() > n && key.regionMatches(key.length() - n - 1, spaced, 0, n + 1)) {
            return true; // at the end
        }
        return key.contains(spaced);
    }

    private final NationalKnowledge knowledge;
    private final ScreeningPolicy policy;
    private final Clock clock;
    private final LongSupplier wallNanos;

    /**
     * @param clock     simulated (or real) time, for flag timestamps and simulated time-to-flag
     * @param wallNanos the wall clock for processing time, normally {@code System::nanoTime}
     */
    public NationalScreening(NationalKnowledge knowledge, ScreeningPolicy policy, Clock clock, LongSupplier wallNanos) {
        this.knowledge = knowledge;
        this.policy = policy;
        this.clock = clock;
        this.wallNanos = wallNanos;
    }

    public NationalKnowledge knowledge() {
        return knowledge;
    }

    /**
     * Screens a notification. Does not add it to the history: call {@link NationalKnowledge#record}
     * afterwards, so that a notification is never compared with itself.
     *
     * @param submittedAt        when the notification was submitted, on the simulated clock
     * @param submittedWallNanos {@code wallNanos} reading taken when it was submitted
     */
    public RiskAssessment screen(PreExportNotification n, Instant submittedAt, long submittedWallNanos) {
        Sink sink = new Sink(n, submittedAt, submittedWallNanos);
        alr(n, sink);
        operators(n, sink);
        intermediaryConsignee(n, sink);
        quantityPattern(n, sink);
        newCounterpart(n, sink);
        route(n, sink);
        parcelBulk(n, sink);
        dispatchBeforeDeadline(n, sink);
        hsCode(n, sink);
        watchList(n, sink);
        surveillanceAndSubstitutes(n, sink);
        return new RiskAssessment(n.id(), sink.flags);
    }

    /** ALR_EXCEEDED / ALR_MISSING: year-to-date plus this shipment against the country's ALR. */
    private void alr(PreExportNotification n, Sink sink) {
        int year = TradeHistory.day(n).getYear();
        Map<String, BigDecimal> thisShipment = new LinkedHashMap<>();
        for (ShipmentItem item : n.items()) {
            thisShipment.merge(item.substanceId(), item.netPureKg(), BigDecimal::add);
        }
        for (var e : thisShipment.entrySet()) {
            Optional<Substance> s = knowledge.catalogue().byId(e.getKey());
            if (s.isEmpty() || !s.get().alrTracked()) {
                continue;
            }
            Optional<BigDecimal> alr = knowledge.country().alrFor(e.getKey());
            String subject = "substance:" + e.getKey();
            if (alr.isEmpty()) {
                sink.flag(IndicatorCode.ALR_MISSING, null, subject, 1.0,
                        knowledge.country().code() + " has no ALR for " + s.get().name(),
                        "substance", e.getKey(), "quantityKg", plain(e.getValue()));
                continue;
            }
            BigDecimal ytd = knowledge.history().yearToDate(year, e.getKey());
            BigDecimal total = ytd.add(e.getValue());
            BigDecimal limit = alr.get().multiply(BigDecimal.valueOf(
                    1 + policy.threshold(IndicatorCode.ALR_EXCEEDED, "toleranceFraction")));
            if (total.compareTo(limit) > 0) {
                sink.flag(IndicatorCode.ALR_EXCEEDED, null, subject, 1.0,
                        s.get().name() + ": " + plain(ytd) + " kg notified this year + " + plain(e.getValue())
                                + " kg = " + plain(total) + " kg, above the ALR of " + plain(alr.get()) + " kg",
                        "substance", e.getKey(), "alrKg", plain(alr.get()), "yearToDateKg", plain(ytd),
                        "thisShipmentKg", plain(e.getValue()), "totalKg", plain(total));
            }
        }
    }

    /** OPERATOR_UNKNOWN: the importer and the consignee must hold a licence covering the substance. */
    private void operators(PreExportNotification n, Sink sink) {
        LocalDate on = TradeHistory.day(n);
        List<Party> parties = new ArrayList<>();
        parties.add(n.importer());
        n.party(PartyRole.CONSIGNEE).ifPresent(parties::add);
        for (Party p : parties) {
            if (!p.address().country().equals(knowledge.country().code())) {
                continue; // a foreign consignee is a route problem, not a register problem
            }
            Optional<LicensedOperator> op = knowledge.register().find(p);
            if (op.isEmpty()) {
                sink.flag(IndicatorCode.OPERATOR_UNKNOWN, null, operatorSubject(p), 1.0,
                        p.role().name().toLowerCase() + " '" + p.name() + "' is not in the register of licensed operators",
                        "party", p.name(), "role", p.role().name(), "registerSize", String.valueOf(knowledge.register().size()));
                continue;
            }
            for (int i = 0; i < n.items().size(); i++) {
                ShipmentItem item = n.items().get(i);
                if (!op.get().covers(item.substanceId(), on)) {
                    sink.flag(IndicatorCode.OPERATOR_UNKNOWN, i, operatorSubject(p), 1.0,
                            p.role().name().toLowerCase() + " '" + p.name() + "' holds no valid licence for "
                                    + item.substanceId() + " on " + on,
                            "party", p.name(), "licenceValidUntil", op.get().validUntil().toString(),
                            "licensedSubstances", op.get().substances().isEmpty() ? "all"
                                    : String.join(",", op.get().substances().stream().sorted().toList()));
                    break;
                }
            }
        }
    }

    /** The subject of a flag on a party; composed only when a flag is raised, as every subject here. */
    private static String operatorSubject(Party p) {
        return "operator:" + EntityNames.key(p.name());
    }

    /** INTERMEDIARY_CONSIGNEE: who ends up with the goods should use them. */
    private void intermediaryConsignee(PreExportNotification n, Sink sink) {
        Party c = n.consignee();
        List<String> reasons = new ArrayList<>();
        if (c.businessType() != null && c.businessType().isIntermediary()) {
            reasons.add("declared as " + c.businessType().name().toLowerCase().replace('_', ' '));
        }
        if (c.address().inFreeTradeZone()) {
            reasons.add("address in a free-trade zone");
        }
        String key = EntityNames.key(c.name());
        for (String word : INTERMEDIARY_WORDS) {
            if (containsWords(key, word)) {
                reasons.add("name contains '" + word.trim() + "'");
                break;
            }
        }
        if (!reasons.isEmpty()) {
            sink.flag(IndicatorCode.INTERMEDIARY_CONSIGNEE, null, "operator:" + EntityNames.key(c.name()), 1.0,
                    "consignee '" + c.name() + "' looks like an intermediary: " + String.join(", ", reasons),
                    "consignee", c.name(), "reasons", String.join("; ", reasons));
        }
    }

    /** QUANTITY_ANOMALY: against the consignee's trailing 12-month pattern for the substance. */
    private void quantityPattern(PreExportNotification n, Sink sink) {
        LocalDate on = TradeHistory.day(n);
        double anomalous = policy.threshold(IndicatorCode.QUANTITY_ANOMALY, "anomalousFactor");
        double extraordinary = policy.threshold(IndicatorCode.QUANTITY_ANOMALY, "extraordinaryFactor");
        int minimum = (int) policy.threshold(IndicatorCode.QUANTITY_ANOMALY, "minimumShipments");
        for (int i = 0; i < n.items().size(); i++) {
            ShipmentItem item = n.items().get(i);
            TradeHistory.Pattern p = knowledge.history().pattern(n.consignee().name(), item.substanceId(), on);
            if (p.shipmentsLast12Months() < minimum) {
                continue;
            }
            BigDecimal q = item.netPureKg();
            BigDecimal avg = p.averageShipmentKgLast12Months();
            BigDecimal monthAfter = p.thisMonthKg().add(q);
            if (q.compareTo(avg.multiply(BigDecimal.valueOf(extraordinary))) > 0) {
                sink.flag(IndicatorCode.QUANTITY_ANOMALY, i, patternSubject(n, item),
                        policy.threshold(IndicatorCode.QUANTITY_ANOMALY, "extraordinaryWeightFactor"),
                        "extraordinary: " + plain(q) + " kg is more than " + extraordinary + " times the average shipment of "
                                + plain(avg) + " kg over the last 12 months",
                        "level", "EXTRAORDINARY", "quantityKg", plain(q), "averageShipmentKg", plain(avg),
                        "shipmentsLast12Months", String.valueOf(p.shipmentsLast12Months()));
            } else if (q.compareTo(avg.multiply(BigDecimal.valueOf(anomalous))) > 0) {
                sink.flag(IndicatorCode.QUANTITY_ANOMALY, i, patternSubject(n, item), 1.0,
                        "anomalous: " + plain(q) + " kg is more than " + anomalous + " times the average shipment of "
                                + plain(avg) + " kg over the last 12 months",
                        "level", "ANOMALOUS", "quantityKg", plain(q), "averageShipmentKg", plain(avg),
                        "shipmentsLast12Months", String.valueOf(p.shipmentsLast12Months()));
            } else if (p.largestMonthlyKgLast6Months().signum() > 0 && monthAfter.compareTo(p.largestMonthlyKgLast6Months()
                    .multiply(BigDecimal.valueOf(policy.threshold(IndicatorCode.QUANTITY_ANOMALY, "monthlyMaximumFactor")))) > 0) {
                sink.flag(IndicatorCode.QUANTITY_ANOMALY, i, patternSubject(n, item), 1.0,
                        "this month's total of " + plain(monthAfter) + " kg passes the largest monthly total of the last "
                                + "6 months (" + plain(p.largestMonthlyKgLast6Months()) + " kg)",
                        "level", "ABOVE_MONTHLY_MAXIMUM", "monthTotalKg", plain(monthAfter),
                        "largestMonthlyKgLast6Months", plain(p.largestMonthlyKgLast6Months()));
            }
        }
    }

    private static String patternSubject(PreExportNotification n, ShipmentItem item) {
        return "pattern:" + EntityNames.key(n.consignee().name()) + "|" + item.substanceId();
    }

    /** NEW_COUNTERPART: first time this importer receives this substance from this exporter. */
    private void newCounterpart(PreExportNotification n, Sink sink) {
        for (int i = 0; i < n.items().size(); i++) {
            ShipmentItem item = n.items().get(i);
            if (!knowledge.history().knownCounterpart(n.exporter().name(), n.importer().name(), item.substanceId())) {
                sink.flag(IndicatorCode.NEW_COUNTERPART, i,
                        "pair:" + EntityNames.key(n.exporter().name()) + "|" + EntityNames.key(n.importer().name()), 1.0,
                        "'" + n.importer().name() + "' has not received " + item.substanceId() + " from '"
                                + n.exporter().name() + "' before",
                        "exporter", n.exporter().name(), "importer", n.importer().name(), "substance", item.substanceId());
                return;
            }
        }
    }

    /** RISKY_ROUTE: transit hubs of concern; parties whose addresses do not fit the route. */
    private void route(PreExportNotification n, Sink sink) {
        List<String> reasons = new ArrayList<>();
        List<String> hubs = n.route().transitCountries().stream()
                .filter(knowledge.transitHubsOfConcern()::contains).toList();
        if (!hubs.isEmpty()) {
            reasons.add("transit through " + String.join(", ", hubs));
        }
        String consigneeCountry = n.consignee().address().country();
        if (!consigneeCountry.equals(n.importingCountry())) {
            reasons.add("consignee is in " + consigneeCountry + ", not in the importing country " + n.importingCountry());
        }
        for (Party p : n.parties()) {
            if ((p.role() == PartyRole.BROKER || p.role() == PartyRole.FREIGHT_FORWARDER)
                    && !p.address().country().equals(n.exportingCountry())
                    && !p.address().country().equals(n.importingCountry())
                    && !n.route().transitCountries().contains(p.address().country())) {
                reasons.add(p.role().name().toLowerCase().replace('_', ' ') + " is in " + p.address().country()
                        + ", outside the route");
            }
        }
        if (!reasons.isEmpty()) {
            sink.flag(IndicatorCode.RISKY_ROUTE, null, "corridor:" + n.exportingCountry() + ">" + n.importingCountry()
                            + "|" + String.join(">", n.route().transitCountries()), 1.0,
                    "route " + n.exportingCountry() + " -> " + (n.route().transitCountries().isEmpty() ? ""
                            : String.join(" -> ", n.route().transitCountries()) + " -> ") + n.importingCountry()
                            + ": " + String.join("; ", reasons),
                    "transitCountries", String.join(",", n.route().transitCountries()), "reasons", String.join("; ", reasons));
        }
    }

    /** PARCEL_BULK: post or courier for more than a few kilograms. */
    private void parcelBulk(PreExportNotification n, Sink sink) {
        if (!n.route().transportMode().isParcelStream()) {
            return;
        }
        BigDecimal bulk = BigDecimal.valueOf(policy.threshold(IndicatorCode.PARCEL_BULK, "bulkKg"));
        BigDecimal total = n.items().stream().map(ShipmentItem::netPureKg).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (total.compareTo(bulk) > 0) {
            sink.flag(IndicatorCode.PARCEL_BULK, null, "operator:" + EntityNames.key(n.exporter().name()), 1.0,
                    plain(total) + " kg of pure substance sent by " + n.route().transportMode().name().toLowerCase()
                            + " (bulk threshold " + plain(bulk) + " kg)",
                    "transportMode", n.route().transportMode().name(), "totalKg", plain(total), "bulkKg", plain(bulk));
        }
    }

    /** DISPATCH_BEFORE_DEADLINE: the exporter would not wait for the reply. */
    private void dispatchBeforeDeadline(PreExportNotification n, Sink sink) {
        if (n.replyDeadline() != null && n.expectedDispatchDate().isBefore(n.replyDeadline())) {
            long days = Duration.between(n.expectedDispatchDate().atStartOfDay(), n.replyDeadline().atStartOfDay()).toDays();
            sink.flag(IndicatorCode.DISPATCH_BEFORE_DEADLINE, null, "notification:" + n.id(), 1.0,
                    "dispatch on " + n.expectedDispatchDate() + " is " + days + " day(s) before the reply deadline "
                            + n.replyDeadline(),
                    "expectedDispatchDate", n.expectedDispatchDate().toString(), "replyDeadline", n.replyDeadline().toString());
        }
    }

    /** HS_CODE_MISMATCH: the customs code must be a chemical heading matching the substance. */
    private void hsCode(PreExportNotification n, Sink sink) {
        for (int i = 0; i < n.items().size(); i++) {
            ShipmentItem item = n.items().get(i);
            Optional<Substance> s = knowledge.catalogue().byId(item.substanceId());
            if (s.isEmpty()) {
                continue;
            }
            String declared = item.hsCode().replace(".", "");
            String expected = s.get().hsCode().replace(".", "");
            String reason = null;
            if (!CHEMICAL_CHAPTERS.contains(declared.substring(0, 2))) {
                reason = "HS " + item.hsCode() + " is not a heading for chemicals (chapters 28, 29, 30, 38)";
            } else if (!declared.substring(0, 6).equals(expected.substring(0, 6))) {
                boolean preparation = item.form() == SubstanceForm.PREPARATION
                        && (declared.startsWith("3003") || declared.startsWith("3004"));
                if (!preparation) {
                    reason = "HS " + item.hsCode() + " does not match " + s.get().name() + " (HS " + s.get().hsCode() + ")";
                }
            }
            if (reason != null) {
                sink.flag(IndicatorCode.HS_CODE_MISMATCH, i, "notification:" + n.id(), 1.0, reason,
                        "declaredHs", item.hsCode(), "expectedHs", s.get().hsCode(), "substance", item.substanceId());
            }
        }
    }

    /** WATCHLIST_MATCH: any party against the entities of shared incidents. */
    private void watchList(PreExportNotification n, Sink sink) {
        double min = policy.threshold(IndicatorCode.WATCHLIST_MATCH, "nameSimilarity");
        for (Party p : n.parties()) {
            Optional<WatchList.Match> m = knowledge.watchList().match(p, min);
            if (m.isPresent()) {
                WatchList.Match match = m.get();
                double factor = match.byIdentifier() ? 1.0
                        : policy.threshold(IndicatorCode.WATCHLIST_MATCH, "nameOnlyWeightFactor");
                sink.flag(IndicatorCode.WATCHLIST_MATCH, null, "operator:" + EntityNames.key(p.name()), factor,
                        p.role().name().toLowerCase() + " '" + p.name() + "' matches '" + match.entry().name()
                                + "' of incident " + match.entry().incidentId()
                                + (match.byIdentifier() ? " by identifier " + match.matchedOn()
                                : String.format(java.util.Locale.ROOT, " by name (similarity %.2f)", match.similarity())),
                        "party", p.name(), "watchListEntity", match.entry().name(),
                        "incident", match.entry().incidentId(), "matchedOn", match.matchedOn(),
                        "similarity", String.format(java.util.Locale.ROOT, "%.3f", match.similarity()));
            }
        }
    }

    /** SURVEILLANCE_SUBSTANCE and CLOSE_SUBSTITUTE: what the substance could stand in for. */
    private void surveillanceAndSubstitutes(PreExportNotification n, Sink sink) {
        for (int i = 0; i < n.items().size(); i++) {
            ShipmentItem item = n.items().get(i);
            Optional<Substance> s = knowledge.catalogue().byId(item.substanceId());
            if (s.isPresent() && s.get().list() == ControlList.SURVEILLANCE) {
                sink.flag(IndicatorCode.SURVEILLANCE_SUBSTANCE, i, "substance:" + item.substanceId(), 1.0,
                        s.get().name() + " is on the special surveillance list", "substance", item.substanceId());
            }
            Optional<SubstituteRelations.Relation> r = knowledge.substitutes().of(item.substanceId());
            if (r.isPresent()) {
                sink.flag(IndicatorCode.CLOSE_SUBSTITUTE, i, "substance:" + item.substanceId(), 1.0,
                        item.substanceId() + " is a " + r.get().relation().toLowerCase().replace('_', '-') + " of "
                                + r.get().scheduledParent() + ": " + r.get().note(),
                        "substance", item.substanceId(), "relation", r.get().relation(),
                        "scheduledParent", r.get().scheduledParent());
            }
        }
    }

    private static String plain(BigDecimal v) {
        return v.setScale(Math.max(0, Math.min(3, v.stripTrailingZeros().scale())), RoundingMode.HALF_UP).toPlainString();
    }

    /** Collects flags, stamping each with its time-to-flag and any earlier dismissal. */
    private final class Sink {
        final PreExportNotification n;
        final Instant submittedAt;
        final long submittedWallNanos;
        final List<Flag> flags = new ArrayList<>();

        Sink(PreExportNotification n, Instant submittedAt, long submittedWallNanos) {
            this.n = n;
            this.submittedAt = submittedAt;
            this.submittedWallNanos = submittedWallNanos;
        }

        void flag(IndicatorCode code, Integer item, String subject, double weightFactor, String explanation,
                String... evidence) {
            if (!policy.enabled(code)) {
                return;
            }
            Map<String, String> ev = new LinkedHashMap<>();
            for (int i = 0; i + 1 < evidence.length; i += 2) {
                ev.put(evidence[i], evidence[i + 1]);
            }
            Instant now = clock.instant();
            TimeToFlag ttf = new TimeToFlag(Duration.between(submittedAt, now),
                    Duration.ofNanos(Math.max(0, wallNanos.getAsLong() - submittedWallNanos)));
            Flag f = new Flag(code, n.id(), item, subject, policy.weight(code) * weightFactor, explanation, ev, now,
                    ttf, null);
            Optional<Dismissal> d = knowledge.dismissals().find(code, subject);
            flags.add(d.isPresent() ? f.dismissedBy(d.get()) : f);
        }
    }
}
