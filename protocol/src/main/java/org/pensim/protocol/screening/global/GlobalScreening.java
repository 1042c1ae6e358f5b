package org.pensim.protocol.screening.global;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.pensim.protocol.notification.PreExportNotification;
import org.pensim.protocol.notification.ShipmentItem;
import org.pensim.protocol.screening.Flag;
import org.pensim.protocol.screening.IndicatorCode;
import org.pensim.protocol.screening.ScreeningPolicy;
import org.pensim.protocol.screening.TimeToFlag;
import org.pensim.protocol.screening.global.GlobalDetectors.Detection;
import org.pensim.protocol.screening.global.GlobalDetectors.Shipment;
import org.pensim.protocol.screening.national.EntityNames;

/**
 * The registry's global indicators, which need every country's notifications: splitting across
 * exporters, company shopping, round trips and corridor surges. Each notification touches a fixed
 * number of keys in a {@link GlobalStateStore}; nothing scans the whole history.
 */
public final class GlobalScreening {

    public static final String CONSIGNEES = "screening-consignee-windows";
    public static final String REFUSALS = "screening-importer-refusals";
    public static final String PAIRS = "screening-pair-flows";
    public static final String CORRIDORS = "screening-corridor-flows";

    private final GlobalStateStore store;
    private final ScreeningPolicy policy;
    private final Clock clock;
    private final LongSupplier wallNanos;

    public GlobalScreening(GlobalStateStore store, ScreeningPolicy policy, Clock clock, LongSupplier wallNanos) {
        this.store = store;
        this.policy = policy;
        this.clock = clock;
        this.wallNanos = wallNanos;
    }

    /** A notification to screen, with when the registry received it (its clock, and the wall clock for time-to-flag). */
    public record Submitted(PreExportNotification notification, Instant submittedAt, long submittedWallNanos) {
    }

    /** Adds a notification to the global picture and returns the global flags it raises. */
    public List<Flag> screen(PreExportNotification n, Instant submittedAt, long submittedWallNanos) {
        return screenAll(List.of(new Submitted(n, submittedAt, submittedWallNanos))).get(0);
    }

    /**
     * Adds notifications to the global picture, in the order given, and returns the flags each raises: the same
     * flags as {@link #screen} one after the other. All their updates go to the store in one call, so that a cluster
     * runs a batch's updates of one group (a consignee, a pair of countries) as one operation.
     */
    public List<List<Flag>> screenAll(List<Submitted> batch) {
        List<GlobalStateStore.Call> calls = new ArrayList<>();
        List<IndicatorCode> codes = new ArrayList<>();
        int[] firstCall = new int[batch.size() + 1];
        for (int i = 0; i < batch.size(); i++) {
            firstCall[i] = calls.size();
            addCalls(batch.get(i).notification(), calls, codes);
        }
        firstCall[batch.size()] = calls.size();
        List<Object> results = calls.isEmpty() ? List.of() : store.updateAll(calls);
        List<List<Flag>> out = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Submitted s = batch.get(i);
            List<Flag> flags = new ArrayList<>();
            Set<IndicatorCode> raised = new LinkedHashSet<>();
            for (int c = firstCall[i]; c < firstCall[i + 1]; c++) {
                add(flags, raised, codes.get(c), s.notification(), s.submittedAt(), s.submittedWallNanos(),
                        (Detection) results.get(c));
            }
            out.add(flags);
        }
        return out;
    }

    /** The store calls one notification makes, with the indicator each call's detection stands for. */
    private void addCalls(PreExportNotification n, List<GlobalStateStore.Call> calls, List<IndicatorCode> codes) {
        long day = issueDay(n);
        String consignee = EntityNames.key(n.consignee().name());
        String importer = EntityNames.key(n.importer().name());
        Map<String, BigDecimal> perSubstance = new LinkedHashMap<>();
        for (ShipmentItem item : n.items()) {
            perSubstance.merge(item.substanceId(), item.netPureKg(), BigDecimal::add);
        }
        // Every update goes to the store at once, grouped so that a cluster keeps a map's keys
        // for one notification together: the consignee's windows by consignee, the two countries' corridor and
        // round-trip windows by the pair of countries, the importer's refusals by importer.
        String countries = n.exportingCountry().compareTo(n.importingCountry()) < 0
                ? n.exportingCountry() + "|" + n.importingCountry() : n.importingCountry() + "|" + n.exportingCountry();
        for (var e : perSubstance.entrySet()) {
            Shipment s = new Shipment(n.id(), day, n.exportingCountry(), n.importingCountry(), e.getKey(), e.getValue());
            if (policy.enabled(IndicatorCode.SPLIT_ACROSS_EXPORTERS)) {
                codes.add(IndicatorCode.SPLIT_ACROSS_EXPORTERS);
                calls.add(new GlobalStateStore.Call(CONSIGNEES, consignee + "|" + e.getKey(), consignee,
                        new GlobalDetectors.SplitAcrossExporters(n.consignee().name(), s,
                                days(IndicatorCode.SPLIT_ACROSS_EXPORTERS, "windowDays"),
                                (int) policy.threshold(IndicatorCode.SPLIT_ACROSS_EXPORTERS, "exportingCountries"))));
            }
            if (policy.enabled(IndicatorCode.ROUND_TRIP)) {
                codes.add(IndicatorCode.ROUND_TRIP);
                calls.add(new GlobalStateStore.Call(PAIRS, GlobalDetectors.pairKey(s), countries,
                        new GlobalDetectors.RoundTrip(s, days(IndicatorCode.ROUND_TRIP, "windowDays"))));
            }
            if (policy.enabled(IndicatorCode.CORRIDOR_SURGE)) {
                codes.add(IndicatorCode.CORRIDOR_SURGE);
                calls.add(new GlobalStateStore.Call(CORRIDORS, n.exportingCountry() + ">" + n.importingCountry() + "|" + e.getKey(),
                        countries, new GlobalDetectors.CorridorSurge(s, days(IndicatorCode.CORRIDOR_SURGE, "baselineDays"),
                                days(IndicatorCode.CORRIDOR_SURGE, "recentDays"),
                                days(IndicatorCode.CORRIDOR_SURGE, "minimumBaselineDays"),
                                policy.threshold(IndicatorCode.CORRIDOR_SURGE, "surgeFactor"),
                                policy.threshold(IndicatorCode.CORRIDOR_SURGE, "minimumBaselineKg"))));
            }
        }
        if (policy.enabled(IndicatorCode.COMPANY_SHOPPING)) {
            Shipment s = new Shipment(n.id(), day, n.exportingCountry(), n.importingCountry(),
                    perSubstance.keySet().iterator().next(), BigDecimal.ZERO);
            codes.add(IndicatorCode.COMPANY_SHOPPING);
            // The importer is its own group, as in recordRefusal's single update of the same key.
            calls.add(new GlobalStateStore.Call(REFUSALS, importer, importer, new GlobalDetectors.CompanyShopping(
                    n.importer().name(), s, days(IndicatorCode.COMPANY_SHOPPING, "windowDays"))));
        }
    }

    /**
     * How far back any global indicator looks, by the notifications' issue dates: what must be replayed to
     * rebuild the windows from stored notifications (the corridor's baseline runs before its recent days).
     */
    public java.time.Duration longestWindow() {
        int days = Math.max(Math.max(days(IndicatorCode.SPLIT_ACROSS_EXPORTERS, "windowDays"),
                days(IndicatorCode.ROUND_TRIP, "windowDays")), Math.max(days(IndicatorCode.COMPANY_SHOPPING, "windowDays"),
                days(IndicatorCode.CORRIDOR_SURGE, "baselineDays") + days(IndicatorCode.CORRIDOR_SURGE, "recentDays")));
        return java.time.Duration.ofDays(days + 1L);
    }

    /** Records an objection, so that the importer's reappearance elsewhere is caught. */
    public void recordRefusal(PreExportNotification n) {
        long day = issueDay(n);
        Shipment s = new Shipment(n.id(), day, n.exportingCountry(), n.importingCountry(),
                n.items().get(0).substanceId(), n.items().get(0).netPureKg());
        store.update(REFUSALS, EntityNames.key(n.importer().name()), new GlobalDetectors.RecordRefusal(s));
    }

    /** The UTC issue date as an epoch day; {@code LocalDate.ofInstant} would build a {@code ZoneRules} per call. */
    private static long issueDay(PreExportNotification n) {
        return Math.floorDiv(n.issuedAt().getEpochSecond(), 86_400L);
    }

    private int days(IndicatorCode code, String name) {
        return (int) policy.threshold(code, name);
    }

    private void add(List<Flag> flags, Set<IndicatorCode> raised, IndicatorCode code, PreExportNotification n,
            Instant submittedAt, long submittedWallNanos, Detection d) {
        if (d == null || !raised.add(code)) {
            return;
        }
        Instant now = clock.instant();
        flags.add(new Flag(code, n.id(), null, d.subject(), policy.weight(code), d.explanation(), d.evidence(), now,
                new TimeToFlag(Duration.between(submittedAt, now),
                        Duration.ofNanos(Math.max(0, wallNanos.getAsLong() - submittedWallNanos))), null));
    }
}
