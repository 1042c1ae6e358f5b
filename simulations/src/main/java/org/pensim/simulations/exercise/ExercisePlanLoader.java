package org.pensim.simulations.exercise;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pensim.protocol.catalogue.SubstanceCatalogue;
import org.pensim.protocol.country.CountryCode;
import org.pensim.protocol.lifecycle.Decision;
import org.pensim.simulations.exercise.ExercisePlan.InjectKind;
import org.pensim.simulations.exercise.ExercisePlan.InjectSpec;
import org.pensim.simulations.exercise.ExercisePlan.ParticipantRole;
import org.pensim.simulations.exercise.ExercisePlan.ParticipantSpec;
import org.pensim.simulations.scenario.ScenarioLoader;
import org.pensim.simulations.scenario.ScenarioLoader.ScenarioException;
import org.pensim.simulations.scenario.YamlLines;

/** Reads an exercise file and checks it as a whole: every mistake is named with its field. */
public final class ExercisePlanLoader {

    private ExercisePlanLoader() {
    }

    public static ExercisePlan load(Path file) {
        ExercisePlan plan = ScenarioLoader.read(file, ExercisePlan.class);
        List<String> problems = check(plan);
        if (!problems.isEmpty()) {
            throw new ScenarioException(file + ": " + String.join("; ", YamlLines.of(file).located(problems)));
        }
        return withDefaults(plan);
    }

    static ExercisePlan withDefaults(ExercisePlan p) {
        ExercisePlan d = DEFAULTS;
        int days = p.durationDays() != null ? p.durationDays() : d.durationDays();
        return new ExercisePlan(p.name(), p.title() == null ? p.name() : p.title(),
                p.start() != null ? p.start() : d.start(),
                p.minutesPerDay() != null ? p.minutesPerDay() : d.minutesPerDay(), days,
                p.seed() != null ? p.seed() : d.seed(), p.flagThreshold() != null ? p.flagThreshold() : d.flagThreshold(),
                p.countries(), p.participants(),
                p.background() == null ? new ExercisePlan.Background(0.0, Map.of(), null, null) : p.background(),
                p.injects() == null ? List.of() : p.injects(),
                p.replyDeadlineDays() != null ? p.replyDeadlineDays() : ExercisePlan.defaultReplyDeadlineDays(days),
                p.briefing() != null ? p.briefing() : new ExercisePlan.Briefing(null, List.of()),
                p.nodes() != null ? p.nodes().over(d.nodes()) : d.nodes());
    }

    /** What a plan leaves out: {@code exercise/exercise-defaults.yaml}, each value with its source. */
    static final ExercisePlan DEFAULTS = readDefaults();

    private static ExercisePlan readDefaults() {
        try (var in = ExercisePlanLoader.class.getClassLoader().getResourceAsStream("exercise/exercise-defaults.yaml")) {
            if (in == null) {
                throw new IllegalStateException("missing exercise/exercise-defaults.yaml");
            }
            return ScenarioLoader.yaml().readValue(in, ExercisePlan.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("exercise/exercise-defaults.yaml: " + e.getMessage(), e);
        }
    }

    static List<String> check(ExercisePlan p) {
        List<String> out = new ArrayList<>();
        if (p.name() == null || !p.name().matches("[a-z0-9][a-z0-9-]{0,59}")) {
            out.add("name: required, lower-case letters, digits and dashes");
        }
        if (p.minutesPerDay() != null && !(p.minutesPerDay() >= 0.1 && p.minutesPerDay() <= 24 * 60)) {
            out.add("minutesPerDay: must be 0.1 to 1440 (1440 is real time)");
        }
        if (p.flagThreshold() != null && !(p.flagThreshold() > 0)) {
            out.add("flagThreshold: must be above 0");
        }
        if (p.durationDays() != null && (p.durationDays() < 1 || p.durationDays() > 365)) {
            out.add("durationDays: must be 1 to 365");
        }
        if (p.replyDeadlineDays() != null && (p.replyDeadlineDays() < 1
                || p.replyDeadlineDays() > (p.durationDays() == null ? DEFAULTS.durationDays() : p.durationDays()))) {
            out.add("replyDeadlineDays: must be 1 to durationDays, so that a missed deadline can happen during the exercise");
        }
        if (p.nodes() != null) {
            checkNodes(p.nodes().over(DEFAULTS.nodes()), out);
        }
        Set<String> countries = new HashSet<>();
        if (p.countries() == null || p.countries().size() < 2) {
            out.add("countries: name at least two countries");
        } else {
            for (int i = 0; i < p.countries().size(); i++) {
                var c = p.countries().get(i);
                if (c.code() == null || !CountryCode.isValid(c.code())) {
                    out.add("countries[" + i + "].code: " + notACountry(c.code()));
                } else if (!countries.add(c.code())) {
                    out.add("countries[" + i + "].code: " + c.code() + " is named twice");
                }
                if ((c.city() != null && c.city().isBlank()) || (c.port() != null && c.port().isBlank())) {
                    out.add("countries[" + i + "]: city and port name a place when given, not an empty text");
                }
                if (c.clearBelow() != null && c.objectAbove() != null && c.objectAbove() < c.clearBelow()) {
                    out.add("countries[" + i + "]: objectAbove must not be below clearBelow");
                }
            }
        }
        Set<String> names = new HashSet<>();
        boolean trainer = false;
        for (int i = 0; i < (p.participants() == null ? 0 : p.participants().size()); i++) {
            ParticipantSpec s = p.participants().get(i);
            String at = "participants[" + i + "]";
            if (s.name() == null || s.name().isBlank()) {
                out.add(at + ".name: required");
            } else if (!names.add(s.name())) {
                out.add(at + ".name: '" + s.name() + "' is named twice");
            }
            if (s.role() == null) {
                out.add(at + ".role: one of " + List.of(ParticipantRole.values()));
            } else if (s.role() == ParticipantRole.OFFICER && !countries.contains(s.country())) {
                out.add(at + ".country: an officer plays one of the exercise's countries " + countries);
            }
            trainer |= s.role() == ParticipantRole.TRAINER;
        }
        if (!trainer) {
            out.add("participants: name at least one TRAINER");
        }
        SubstanceCatalogue catalogue = SubstanceCatalogue.standard();
        if (p.background() != null) {
            if (p.background().notificationsPerDay() < 0 || p.background().notificationsPerDay() > 1000) {
                out.add("background.notificationsPerDay: must be 0 to 1000");
            }
            if (p.background().priorDays() != null && (p.background().priorDays() < 0 || p.background().priorDays() > 730)) {
                out.add("background.priorDays: must be 0 to 730 (two years of trade history)");
            }
            if (p.background().substances() != null) {
                p.background().substances().keySet().stream().filter(id -> catalogue.byId(id).isEmpty())
                        .forEach(id -> out.add("background.substances." + id + ": unknown substance"));
            }
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < (p.injects() == null ? 0 : p.injects().size()); i++) {
            InjectSpec j = p.injects().get(i);
            String at = "injects[" + i + "]";
            if (j.id() == null || !j.id().matches("[A-Za-z0-9-]{1,40}")) {
                out.add(at + ".id: required, letters, digits and dashes, at most 40");
            } else if (!ids.add(j.id())) {
                out.add(at + ".id: '" + j.id() + "' is used twice");
            }
            if (j.kind() == null) {
                out.add(at + ".kind: one of " + List.of(InjectKind.values()));
                continue;
            }
            if (j.atDay() != null && (j.atDay() < 0 || (p.durationDays() != null && j.atDay() > p.durationDays()))) {
                out.add(at + ".atDay: must fall within the exercise (0 to durationDays)");
            }
            if (j.from() == null || !CountryCode.isValid(j.from())) {
                out.add(at + ".from: " + (j.from() == null ? "a country code is required" : notACountry(j.from())));
            }
            if (j.to() == null || !CountryCode.isValid(j.to())) {
                out.add(at + ".to: " + (j.to() == null ? "a country code is required" : notACountry(j.to())));
            }
            switch (j.kind()) {
                case SHIPMENT -> {
                    if (!countries.contains(j.from()) || !countries.contains(j.to())) {
                        out.add(at + ": a shipment goes between two of the exercise's countries " + countries);
                    }
                    if (j.expected() == null || j.expected() == Decision.INFO_REQUESTED) {
                        out.add(at + ".expected: OBJECTION or NO_OBJECTION, the decision a good officer takes");
                    }
                }
                case INFORMATION_REQUEST -> {
                    if (!countries.contains(j.from())) {
                        out.add(at + ".from: the exporting country must be one of the exercise's countries " + countries);
                    }
                    if (countries.contains(j.to())) {
                        out.add(at + ".to: the requesting partner must be outside the exercise's countries (the exercise plays it)");
                    }
                }
                case INCIDENT -> {
                    if (!countries.contains(j.to())) {
                        out.add(at + ".to: the incident is shared with one of the exercise's countries " + countries);
                    }
                    if (j.entity() == null || j.entity().isBlank()) {
                        out.add(at + ".entity: name the company or person the incident names");
                    }
                }
                default -> throw new IllegalStateException();
            }
            if (j.kind() != InjectKind.INCIDENT) {
                if (j.substance() == null || catalogue.byId(j.substance()).isEmpty()) {
                    out.add(at + ".substance: a substance id of the catalogue is required");
                }
                if (j.quantityKg() == null || j.quantityKg() <= 0) {
                    out.add(at + ".quantityKg: a positive quantity is required");
                }
            }
            for (String t : j.transit() == null ? List.<String>of() : j.transit()) {
                if (!CountryCode.isValid(t)) {
                    out.add(at + ".transit: " + notACountry(t));
                }
            }
        }
        return out;
    }

    /** Why a code is not a country, with the code it was most likely meant to be. */
    private static String notACountry(String code) {
        String upper = code == null ? null : code.strip().toUpperCase(java.util.Locale.ROOT);
        return "'" + code + "' is not an ISO 3166-1 alpha-2 country code"
                + (upper != null && !upper.equals(code) && CountryCode.isValid(upper) ? " (did you mean '" + upper + "'?)" : "");
    }

    private static void checkNodes(ExercisePlan.Nodes n, List<String> out) {
        if (n.exporterRetry().initialMillis() < 1 || n.exporterRetry().maxMillis() < n.exporterRetry().initialMillis()) {
            out.add("nodes.exporterRetry: initialMillis must be at least 1 and maxMillis at least initialMillis");
        }
        for (String c : n.transitHubsOfConcern()) {
            if (c == null || !CountryCode.isValid(c)) {
                out.add("nodes.transitHubsOfConcern: " + notACountry(c));
            }
        }
        if (!(n.playedCountryClearBelow() >= 0)) {
            out.add("nodes.playedCountryClearBelow: must be 0 or more (a risk score)");
        }
    }
}
