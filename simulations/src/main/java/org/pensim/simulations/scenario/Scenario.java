package org.pensim.simulations.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A simulation scenario as written in YAML (documented in {@code docs/scenarios.md} and
 * {@code scenario.schema.json}): the world and its authorities, licit trade, diversion campaigns,
 * duration, replications and seed.
 */
public record Scenario(
        String name,
        long seed,
        int replications,
        LocalDate start,
        int durationDays,
        double flagThreshold,
        World world,
        LicitTrade licitTrade,
        List<CampaignSpec> campaigns) {

    /** Countries and how their authorities behave. */
    public record World(int countries, List<String> include, Behaviour defaults, Map<String, Behaviour> overrides,
            List<String> transitHubsOfConcern) {
    }

    /**
     * One authority's behaviour; in overrides, absent fields keep the defaults.
     *
     * @param replyProbability     chance that the importing authority replies at all
     * @param reviewDelayHours     median hours an officer takes once a notification reaches them
     * @param reviewDelaySigma     spread of the log-normal review delay
     * @param officerCapacityPerDay notifications officers can review per working day
     * @param inboxCheckHours      how often the authority reads its inbox
     * @param clearBelow           automatic no-objection below this risk score
     * @param objectAbove          automatic objection at or above this risk score
     * @param requestsTableII      whether the country asked to be notified of Table II (art. 12(10)(a))
     * @param alrKg                the country's ALRs (kg of pure substance), replacing the profile's
     * @param flagThreshold        the risk score at which this authority counts a notification as flagged
     */
    public record Behaviour(Double replyProbability, Double reviewDelayHours, Double reviewDelaySigma,
            Integer officerCapacityPerDay, Double inboxCheckHours, Double clearBelow, Double objectAbove,
            Boolean requestsTableII, Map<String, java.math.BigDecimal> alrKg, Double flagThreshold) {

        public Behaviour(Double replyProbability, Double reviewDelayHours, Double reviewDelaySigma,
                Integer officerCapacityPerDay, Double inboxCheckHours, Double clearBelow, Double objectAbove,
                Boolean requestsTableII) {
            this(replyProbability, reviewDelayHours, reviewDelaySigma, officerCapacityPerDay, inboxCheckHours, clearBelow,
                    objectAbove, requestsTableII, null, null);
        }

        public Behaviour over(Behaviour base) {
            return new Behaviour(
                    replyProbability != null ? replyProbability : base.replyProbability,
                    reviewDelayHours != null ? reviewDelayHours : base.reviewDelayHours,
                    reviewDelaySigma != null ? reviewDelaySigma : base.reviewDelaySigma,
                    officerCapacityPerDay != null ? officerCapacityPerDay : base.officerCapacityPerDay,
                    inboxCheckHours != null ? inboxCheckHours : base.inboxCheckHours,
                    clearBelow != null ? clearBelow : base.clearBelow,
                    objectAbove != null ? objectAbove : base.objectAbove,
                    requestsTableII != null ? requestsTableII : base.requestsTableII,
                    alrKg != null ? alrKg : base.alrKg,
                    flagThreshold != null ? flagThreshold : base.flagThreshold);
        }
    }

    /** Licit trade: volume, the exporting countries, the substance mix and seasonality. */
    public record LicitTrade(int notificationsPerYear, List<String> exporters, Map<String, Double> substances,
            @JsonProperty("seasonality") List<Double> seasonality, int operatorsPerCountry) {
    }

    /**
     * A diversion campaign: a method from the library, when it starts, how many attempts, what it is
     * after and where it ships, and how it adapts after a refusal or a seizure.
     */
    public record CampaignSpec(String name, String method, LocalDate start, int attempts, int intervalDays,
            String substance, double quantityKg, List<String> targets, List<String> exporters, String adaptation,
            Double seizureProbability) {
    }
}
