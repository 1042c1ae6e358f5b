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
        List<CampaignSpec> campaigns,
        com.fasterxml.jackson.databind.JsonNode model) {

    public Scenario(String name, long seed, int replications, LocalDate start, int durationDays, double flagThreshold,
            World world, LicitTrade licitTrade, List<CampaignSpec> campaigns) {
        this(name, seed, replications, start, durationDays, flagThreshold, world, licitTrade, campaigns, null);
    }

    /** The behavioural numbers of this scenario: the defaults with its {@code model:} section over them. */
    public ModelParameters parameters() {
        return ModelParameters.of(model);
    }

    /**
     * Countries and how their authorities behave.
     *
     * @param neverReplyShare           share of the countries without an override of replyProbability whose
     *                                  authority never replies
     * @param voluntaryChannelCountries how many exporting countries use the voluntary channel for
     *                                  surveillance-list substances (the largest exporters first)
     */
    public record World(int countries, List<String> include, Behaviour defaults, Map<String, Behaviour> overrides,
            List<String> transitHubsOfConcern, Double neverReplyShare, Integer voluntaryChannelCountries) {

        public World(int countries, List<String> include, Behaviour defaults, Map<String, Behaviour> overrides,
                List<String> transitHubsOfConcern) {
            this(countries, include, defaults, overrides, transitHubsOfConcern, null, null);
        }
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

    /**
     * Licit trade: volume, who exports and imports how much, the substance mix and seasonality.
     *
     * @param ordersPerYear          licit export orders a year; only those that need a notification are notified
     *                               (Table I, Table II for a country that asks, the voluntary channel)
     * @param exporters              the named exporting countries and their weights
     * @param importers              importing countries with a weight other than {@code otherImporterWeight}
     * @param otherExportingCountries how many more countries of the world export a little
     * @param otherExporterWeight    the weight of each of those
     * @param otherImporterWeight    the weight of every importing country not listed in {@code importers}
     */
    public record LicitTrade(int ordersPerYear, Weights exporters, Weights importers,
            Integer otherExportingCountries, Double otherExporterWeight, Double otherImporterWeight,
            Map<String, Double> substances, @JsonProperty("seasonality") List<Double> seasonality,
            int operatorsPerCountry) {
    }

    /**
     * A diversion campaign: a method from the library, when it starts, how many attempts, what it is
     * after and where it ships, and how it adapts after a refusal or a seizure.
     */
    public record CampaignSpec(String name, String method, LocalDate start, int attempts, int intervalDays,
            String substance, double quantityKg, List<String> targets, List<String> exporters, Adaptation adaptation,
            Double seizureProbability, String switchSubstance) {
    }

    /**
     * How a campaign reacts to what it observes; a field left out takes {@code model.adversary.*}. A count
     * of refusals means consecutive refusals (objections or shipments stopped by the exporting authority).
     */
    public record Adaptation(Double pauseDaysAfterSeizure, Integer giveUpAfterSeizures,
            Integer changeExporterAfterRefusals, Integer changeImporterAfterRefusals,
            Integer silentTargetsAfterRefusals, Integer splitAfterRefusals, Integer switchAfterRefusals) {
    }
}
