package org.pensim.protocol.screening;

import java.util.Map;

/**
 * Every red-flag indicator pensim computes, with its one-line rationale (from the red flags of the
 * domain README), its default weight and default thresholds. {@link ScreeningPolicy} overrides them.
 */
public enum IndicatorCode {
    // National indicators: computed by an importing authority from what it knows.
    ALR_EXCEEDED(Scope.NATIONAL, 0.6,
            "cumulative imports this year would pass the country's annual legitimate requirement",
            Map.of("toleranceFraction", 0.0)),
    ALR_MISSING(Scope.NATIONAL, 0.4,
            "an ALR-tracked substance is imported by a country that has no ALR for it", Map.of()),
    OPERATOR_UNKNOWN(Scope.NATIONAL, 0.5,
            "the importer or consignee is not a licensed operator in the importing country's register", Map.of()),
    INTERMEDIARY_CONSIGNEE(Scope.NATIONAL, 0.3,
            "the final consignee is a trading company, forwarder, distributor or free-trade-zone address", Map.of()),
    QUANTITY_ANOMALY(Scope.NATIONAL, 0.3,
            "the quantity is far above the counterpart's usual pattern",
            Map.of("anomalousFactor", 2.0, "extraordinaryFactor", 3.0, "extraordinaryWeightFactor", 2.0,
                    "monthlyMaximumFactor", 1.25, "minimumShipments", 3.0)),
    NEW_COUNTERPART(Scope.NATIONAL, 0.15,
            "the importer has never received this substance from this exporter before", Map.of()),
    RISKY_ROUTE(Scope.NATIONAL, 0.25,
            "the route passes through transit hubs of concern or does not fit the parties", Map.of()),
    PARCEL_BULK(Scope.NATIONAL, 0.4,
            "post or courier is used for a bulk quantity", Map.of("bulkKg", 5.0)),
    DISPATCH_BEFORE_DEADLINE(Scope.NATIONAL, 0.25,
            "the goods are to leave before the importing authority's reply deadline", Map.of()),
    HS_CODE_MISMATCH(Scope.NATIONAL, 0.35,
            "the customs code does not exist for chemicals or does not match the substance", Map.of()),
    WATCHLIST_MATCH(Scope.NATIONAL, 0.8,
            "a party matches an entity named in a past incident",
            Map.of("nameSimilarity", 0.92, "nameOnlyWeightFactor", 0.75)),
    SURVEILLANCE_SUBSTANCE(Scope.NATIONAL, 0.1,
            "the substance is on the limited international special surveillance list", Map.of()),
    CLOSE_SUBSTITUTE(Scope.NATIONAL, 0.3,
            "the substance is an ester, salt or pre-precursor of a scheduled chemical", Map.of()),

    // Global indicators: computed by the registry, which sees every country.
    SPLIT_ACROSS_EXPORTERS(Scope.GLOBAL, 0.5,
            "the same consignee receives one substance from several exporting countries within a window",
            Map.of("windowDays", 90.0, "exportingCountries", 3.0)),
    COMPANY_SHOPPING(Scope.GLOBAL, 0.7,
            "an importer refused in one corridor reappears in another", Map.of("windowDays", 365.0)),
    ROUND_TRIP(Scope.GLOBAL, 0.4,
            "the substance returns towards a country it was recently exported from", Map.of("windowDays", 180.0)),
    CORRIDOR_SURGE(Scope.GLOBAL, 0.3,
            "a corridor's flow is far above its baseline",
            Map.of("surgeFactor", 5.0, "baselineDays", 365.0, "recentDays", 30.0, "minimumBaselineDays", 120.0,
                    "minimumBaselineKg", 1.0));

    /** Who computes the indicator. */
    public enum Scope { NATIONAL, GLOBAL }

    private final Scope scope;
    private final double defaultWeight;
    private final String rationale;
    private final Map<String, Double> defaultThresholds;

    IndicatorCode(Scope scope, double defaultWeight, String rationale, Map<String, Double> defaultThresholds) {
        this.scope = scope;
        this.defaultWeight = defaultWeight;
        this.rationale = rationale;
        this.defaultThresholds = defaultThresholds;
    }

    public Scope scope() {
        return scope;
    }

    public double defaultWeight() {
        return defaultWeight;
    }

    public String rationale() {
        return rationale;
    }

    public Map<String, Double> defaultThresholds() {
        return defaultThresholds;
    }
}
