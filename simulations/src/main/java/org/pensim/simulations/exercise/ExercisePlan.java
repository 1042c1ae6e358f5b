package org.pensim.simulations.exercise;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.pensim.protocol.lifecycle.Decision;

/**
 * What a trainer writes to set up an exercise: the countries and who plays them, the pace of time,
 * licit background traffic and the injects with the decision a good officer would take.
 */
public record ExercisePlan(
        String name,
        String title,
        Instant start,
        Double minutesPerDay,
        Integer durationDays,
        Long seed,
        Double flagThreshold,
        List<CountrySetup> countries,
        List<ParticipantSpec> participants,
        Background background,
        List<InjectSpec> injects,
        Integer replyDeadlineDays,
        Briefing briefing,
        Nodes nodes) {

    /**
     * How the exercise's own nodes behave where a real node's configuration would say (defaults in
     * {@code exercise/exercise-defaults.yaml}, with their sources).
     */
    public record Nodes(Retry exporterRetry, List<String> transitHubsOfConcern, Double playedCountryClearBelow) {

        public Nodes {
            // A copy that keeps a YAML null, for the loader's check to name rather than a NullPointerException here.
            transitHubsOfConcern = transitHubsOfConcern == null ? null
                    : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(transitHubsOfConcern));
        }

        /** Each field this leaves out, from {@code defaults}. */
        Nodes over(Nodes defaults) {
            return new Nodes(exporterRetry != null ? exporterRetry.over(defaults.exporterRetry()) : defaults.exporterRetry(),
                    transitHubsOfConcern != null ? transitHubsOfConcern : defaults.transitHubsOfConcern(),
                    playedCountryClearBelow != null ? playedCountryClearBelow : defaults.playedCountryClearBelow());
        }
    }

    /** An exporting node's retry of a failed submission: the first wait, doubled up to the longest. */
    public record Retry(Long initialMillis, Long maxMillis) {

        Retry over(Retry defaults) {
            return new Retry(initialMillis != null ? initialMillis : defaults.initialMillis(),
                    maxMillis != null ? maxMillis : defaults.maxMillis());
        }
    }

    /** What participants read before play: the scenario and the exercise's objectives. */
    public record Briefing(String scenario, List<String> objectives) {

        public Briefing {
            objectives = objectives == null ? List.of() : List.copyOf(objectives);
        }
    }

    /**
     * The reply deadline the exercise's notifications carry, in calendar days of exercise time: a real
     * country's 15 working days would outlast most exercises, and a missed deadline could never score.
     * By default three tenths of the exercise, at least two days (assumed: room to decide, and to miss).
     */
    /** The same plan with another list of injects. */
    public ExercisePlan withInjects(List<InjectSpec> list) {
        return new ExercisePlan(name, title, start, minutesPerDay, durationDays, seed, flagThreshold, countries, participants,
                background, list, replyDeadlineDays, briefing, nodes);
    }

    /** The same plan on another clock speed. */
    public ExercisePlan withMinutesPerDay(double minutes) {
        return new ExercisePlan(name, title, start, minutes, durationDays, seed, flagThreshold, countries, participants, background,
                injects, replyDeadlineDays, briefing, nodes);
    }

    public static int defaultReplyDeadlineDays(int durationDays) {
        return Math.max(2, (int) Math.round(durationDays * 0.3));
    }

    /**
     * A country's authority in the exercise; a country no officer plays answers automatically. {@code city}: where its
     * operators are (their addresses); {@code port}: its port for this trade, of exit for its exports and of entry for
     * its imports. Without them the documents name the country's capital and principal seaport (world/places.csv).
     */
    public record CountrySetup(String code, Double clearBelow, Double objectAbove, String city, String port) {
    }

    /** Who takes part: a trainer runs the console, an officer plays a country, an observer watches. */
    public record ParticipantSpec(String name, String country, ParticipantRole role) {
    }

    public enum ParticipantRole { TRAINER, OFFICER, OBSERVER }

    /**
     * Licit trade between the exercise's countries, from licensed operators; {@code priorDays}: how many days of the
     * same trade before the start the importing authorities already know (their trade history), so that an
     * operator's usual order is not news to screening (0: none, every pair of operators is new).
     */
    public record Background(Double notificationsPerDay, Map<String, Double> substances, Integer operatorsPerCountry,
            Integer priorDays) {

        public Background {
            notificationsPerDay = notificationsPerDay == null ? 0 : notificationsPerDay;
            operatorsPerCountry = operatorsPerCountry == null ? 4 : operatorsPerCountry;
            priorDays = priorDays == null ? 0 : priorDays;
        }
    }

    /** What an inject puts in front of the officers. */
    public enum InjectKind {
        /** A notification from {@code from} to {@code to}; the importing officers should decide {@code expected}. */
        SHIPMENT,
        /** A notification from {@code from}; a partner authority ({@code to}) asks for information; the exporting officers should answer. */
        INFORMATION_REQUEST,
        /** A partner ({@code from}) shares a seizure naming {@code entity} with {@code to}; officers should read it. */
        INCIDENT
    }

    /**
     * One inject: fired at {@code atDay} simulated days after the start, or by the trainer when
     * {@code atDay} is absent.
     */
    public record InjectSpec(String id, InjectKind kind, Double atDay, String from, String to, String substance,
            Double quantityKg, String importer, List<String> transit, Decision expected, String entity,
            String description) {
    }

    public double speed() {
        return ExerciseClock.speedForMinutesPerDay(minutesPerDay);
    }

    public boolean played(String country) {
        return participants.stream().anyMatch(p -> p.role() == ParticipantRole.OFFICER && country.equals(p.country()));
    }

    public CountrySetup country(String code) {
        return countries.stream().filter(c -> c.code().equals(code)).findFirst().orElse(null);
    }

    public InjectSpec inject(String id) {
        return injects.stream().filter(i -> i.id().equals(id)).findFirst().orElse(null);
    }
}
