package org.pensim.simulations.diversion;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.pensim.protocol.notification.BusinessType;
import org.pensim.simulations.scenario.ModelParameters;
import org.pensim.simulations.scenario.Scenario;
import org.pensim.simulations.trade.Operator;

/**
 * An adaptive adversary: one campaign's state and its rules. It decides each attempt when its time comes
 * from what it has observed (refusals, seizures, shipments that arrived), never from the regime's flags:
 * it pauses or gives up after seizures, moves to another exporting country or another front company after
 * refusals, turns to importing countries that seldom reply, splits its orders, and in the end switches to
 * a substitute or a preparation. The rules' numbers come from the scenario or {@code model.adversary}.
 */
public final class Campaign {

    /** The adaptation rules, resolved. */
    public record Rules(double pauseDaysAfterSeizure, int giveUpAfterSeizures, int changeExporterAfterRefusals,
            int changeImporterAfterRefusals, int silentTargetsAfterRefusals, int splitAfterRefusals, int splitParts,
            int switchAfterRefusals, String substituteSubstance, double attemptJitterHours, double quantityJitter,
            int silentTargets, double freeTradeZoneShare, double attentionFactor) {

        public static Rules of(Scenario.Adaptation a, ModelParameters m) {
            Scenario.Adaptation x = a != null ? a : new Scenario.Adaptation(null, null, null, null, null, null, null);
            return new Rules(
                    x.pauseDaysAfterSeizure() != null ? x.pauseDaysAfterSeizure() : m.number("adversary.pauseDaysAfterSeizure"),
                    x.giveUpAfterSeizures() != null ? x.giveUpAfterSeizures() : m.integer("adversary.giveUpAfterSeizures"),
                    x.changeExporterAfterRefusals() != null ? x.changeExporterAfterRefusals()
                            : m.integer("adversary.changeExporterAfterRefusals"),
                    x.changeImporterAfterRefusals() != null ? x.changeImporterAfterRefusals()
                            : m.integer("adversary.changeImporterAfterRefusals"),
                    x.silentTargetsAfterRefusals() != null ? x.silentTargetsAfterRefusals()
                            : m.integer("adversary.silentTargetsAfterRefusals"),
                    x.splitAfterRefusals() != null ? x.splitAfterRefusals() : m.integer("adversary.splitAfterRefusals"),
                    m.integer("adversary.splitParts"),
                    x.switchAfterRefusals() != null ? x.switchAfterRefusals() : m.integer("adversary.switchAfterRefusals"),
                    m.resolved().get("adversary.substituteSubstance").value().asText(),
                    m.number("adversary.attemptJitterHours"),
                    m.probability("adversary.quantityJitter"),
                    m.integer("adversary.silentTargets"),
                    m.probability("adversary.freeTradeZoneShare"),
                    m.number("adversary.attentionFactor"));
        }
    }

    /** A change of course, as the outputs record it. */
    /** A change of course: when, what the campaign does now, and what it learnt that made it change. */
    public record Adaptation(Instant at, String what, String why) {
    }

    private final Scenario.CampaignSpec spec;
    private final DiversionMethod declared;
    private final Rules rules;
    private final SplittableRandom random;
    private final ShellNames names;
    private final DiversionLibrary library;
    private final List<Adaptation> adaptations = new ArrayList<>();

    private DiversionMethod method;
    private String substanceId;
    private List<String> targets;
    private int exporterIndex;
    private Operator front;
    private int parts = 1;
    private int attemptsMade;
    private int seizures;
    private int consecutiveRefusals;
    private int refusals;
    private boolean switched;
    private boolean givenUp;
    private Instant resumeNotBefore = Instant.MIN;

    public Campaign(Scenario.CampaignSpec spec, DiversionLibrary library, Rules rules, SplittableRandom random,
            ShellNames names, DiversionWorld world, List<String> allCountries) {
        this.spec = spec;
        this.library = library;
        this.declared = library.method(spec.method());
        this.method = declared;
        this.rules = rules;
        this.random = random;
        this.names = names;
        this.substanceId = spec.substance() != null ? spec.substance() : declared.defaultSubstance();
        List<String> preferred = declared.defaultTargets(world, random);
        this.targets = spec.targets() != null && !spec.targets().isEmpty() ? List.copyOf(spec.targets())
                : preferred != null ? List.copyOf(preferred) : List.copyOf(allCountries);
    }

    // ------------------------------------------------------------------ what methods read

    public Scenario.CampaignSpec spec() {
        return spec;
    }

    public String name() {
        return spec.name();
    }

    public DiversionMethod declaredMethod() {
        return declared;
    }

    public DiversionMethod method() {
        return method;
    }

    public SplittableRandom random() {
        return random;
    }

    public String substanceId() {
        return substanceId;
    }

    public int attemptsMade() {
        return attemptsMade;
    }

    /** The quantity of one shipment of this attempt: the scenario's, varied, divided among the parts. */
    public double quantityKg() {
        double j = rules.quantityJitter();
        return Math.max(1, spec.quantityKg() * (1 - j + 2 * j * random.nextDouble()) / parts);
    }

    /** How many shipments an attempt is split into (1 until refusals teach the adversary to split). */
    public int parts() {
        return parts;
    }

    /** The importing country of this attempt. */
    public String target() {
        return targets.get(random.nextInt(targets.size()));
    }

    /** The exporting country of this attempt, never the target itself. */
    public String exportingCountry(DiversionWorld world, String target) {
        List<String> from = spec.exporters() == null || spec.exporters().isEmpty() ? world.exportingCountries() : spec.exporters();
        String c = from.get(Math.floorMod(exporterIndex, from.size()));
        return c.equals(target) ? from.get(Math.floorMod(exporterIndex + 1, from.size())) : c;
    }

    /** The campaign's front company in {@code country}: kept until refusals burn it. */
    public Operator frontCompany(String country) {
        if (front == null || !front.country().equals(country)) {
            front = newFront(country);
        }
        return front;
    }

    private Operator newFront(String country) {
        boolean trader = random.nextBoolean();
        return new Operator(names.next(country, random), country, trader ? BusinessType.TRADING_COMPANY : BusinessType.END_USER,
                null, random.nextDouble() < rules.freeTradeZoneShare());
    }

    public List<Adaptation> adaptations() {
        return List.copyOf(adaptations);
    }

    // ------------------------------------------------------------------ the engine's side

    /** Whether another attempt is due: attempts left and not given up. */
    public boolean active() {
        return !givenUp && attemptsMade < spec.attempts();
    }

    /** When an attempt planned for {@code planned} may really happen: after any pause a seizure imposed. */
    public Instant notBefore(Instant planned) {
        return planned.isBefore(resumeNotBefore) ? resumeNotBefore : planned;
    }

    /** When the next attempt is planned, after one made {@code now}. */
    public Instant next(Instant now) {
        return now.plus(Duration.ofDays(Math.max(1, spec.intervalDays())))
                .plusSeconds((long) (random.nextDouble() * rules.attemptJitterHours() * 3600));
    }

    public Instant firstAttempt(Instant startOfDay) {
        return startOfDay.plusSeconds(10 * 3600 + (long) (random.nextDouble() * rules.attemptJitterHours() * 3600));
    }

    public void attempt(DiversionWorld world) {
        attemptsMade++;
        method.attempt(this, world);
    }

    /** What the adversary learns of one shipment, when it learns it. */
    public void observe(Outcome outcome, Instant at, DiversionWorld world) {
        switch (outcome) {
            case DELIVERED -> consecutiveRefusals = 0;
            case SEIZED -> {
                seizures++;
                if (givenUp) {
                    break; // a shipment under way when the campaign gave up: nothing left to pause or change
                }
                front = null; // the consignee is burnt
                if (rules.giveUpAfterSeizures() > 0 && seizures >= rules.giveUpAfterSeizures()) {
                    givenUp = true;
                    adaptations.add(new Adaptation(at, "give up after " + seizures + " seizures", "seizure " + seizures
                            + " (rule: give up after " + rules.giveUpAfterSeizures() + ")"));
                    break;
                }
                resumeNotBefore = at.plus(Duration.ofSeconds((long) (rules.pauseDaysAfterSeizure() * 86400)));
                adaptations.add(new Adaptation(at, "pause until " + java.time.LocalDate.ofInstant(resumeNotBefore,
                        java.time.ZoneOffset.UTC), "seizure " + seizures + " (rule: pause "
                        + java.math.BigDecimal.valueOf(rules.pauseDaysAfterSeizure()).stripTrailingZeros().toPlainString()
                        + " days after a seizure)"));
            }
            case REFUSED -> {
                consecutiveRefusals++;
                refusals++;
                if (!givenUp) {
                    adaptAfterRefusal(at, world);
                }
            }
        }
    }

    private static String refusalsInARow(int count, String rule) {
        return (count == 1 ? "a refusal" : count + " refusals in a row") + " (rule: " + rule + ")";
    }

    private static boolean every(int count, int period) {
        return period > 0 && count % period == 0;
    }

    private void adaptAfterRefusal(Instant at, DiversionWorld world) {
        int r = consecutiveRefusals;
        // A rule set to 0 never applies.
        if (every(r, rules.changeExporterAfterRefusals())) {
            exporterIndex++;
            adaptations.add(new Adaptation(at, "move to another exporting country", refusalsInARow(r, "every "
                    + rules.changeExporterAfterRefusals())));
        }
        if (every(r, rules.changeImporterAfterRefusals()) && front != null) {
            front = null;
            adaptations.add(new Adaptation(at, "new front company", refusalsInARow(r, "every " + rules.changeImporterAfterRefusals())));
        }
        if (rules.silentTargetsAfterRefusals() > 0 && r == rules.silentTargetsAfterRefusals()) {
            targets = List.copyOf(world.seldomReplying(rules.silentTargets(), random));
            adaptations.add(new Adaptation(at, "turn to importing countries that seldom reply " + targets,
                    refusalsInARow(r, "after " + rules.silentTargetsAfterRefusals())));
        }
        if (rules.splitAfterRefusals() > 0 && r == rules.splitAfterRefusals() && parts == 1) {
            // Split below the quantity that draws attention: a usual licit order of the substance.
            double attention = world.parameters().typicalKg(substanceId) * rules.attentionFactor();
            parts = Math.max(rules.splitParts(), (int) Math.ceil(spec.quantityKg() / Math.max(1e-9, attention)));
            adaptations.add(new Adaptation(at, "split orders in " + parts + " (each below "
                    + Math.round(attention) + " kg, a usual licit order)", refusalsInARow(r, "after " + rules.splitAfterRefusals())));
        }
        if (rules.switchAfterRefusals() > 0 && refusals == rules.switchAfterRefusals() && !switched) {
            switched = true;
            boolean ephedrines = substanceId.equals("ephedrine") || substanceId.equals("pseudoephedrine");
            DiversionMethod to = library.method(ephedrines ? "PHARMACEUTICAL_PREPARATION" : "SUBSTITUTE");
            if (to != method) {
                method = to;
                if (!ephedrines) {
                    substanceId = spec.switchSubstance() != null ? spec.switchSubstance() : rules.substituteSubstance();
                }
                adaptations.add(new Adaptation(at, "switch to " + method.id() + " (" + substanceId + ")", refusals
                        + " refusals in all (rule: switch after " + rules.switchAfterRefusals() + ")"));
            }
        }
    }
}
