package org.pensim.simulations.exercise;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.pensim.protocol.catalogue.SubstanceCatalogue;
import org.pensim.simulations.trade.TradeDocuments;

/**
 * Licit trade between the exercise's countries, planned up front from the exercise's seed so that
 * two runs of the same exercise see the same background: licensed operators, typical quantities,
 * working hours.
 */
final class BackgroundTrade {

    /** One licit notification to file at {@code at}. */
    record Planned(int number, Instant at, String from, String to, String substance, double kg, int exporterIndex,
            int importerIndex) {
    }

    private BackgroundTrade() {
    }

    static List<Planned> plan(ExercisePlan plan, SubstanceCatalogue catalogue) {
        return trade(plan, plan.start(), plan.durationDays(), new SplittableRandom(plan.seed()));
    }

    /**
     * The same trade over the {@code background.priorDays} before the start: what the importing authorities already
     * know of their licensed operators when the exercise begins. Drawn from a stream of its own, so that the
     * exercise's own background is the same with or without it.
     */
    static List<Planned> prior(ExercisePlan plan) {
        int days = plan.background().priorDays();
        return trade(plan, plan.start().minusSeconds(days * 86400L), days, new SplittableRandom(plan.seed()).split());
    }

    private static List<Planned> trade(ExercisePlan plan, Instant firstDay, int days, SplittableRandom r) {
        ExercisePlan.Background b = plan.background();
        List<Planned> out = new ArrayList<>();
        if (b.notificationsPerDay() <= 0 || plan.countries().size() < 2) {
            return out;
        }
        Map<String, Double> mix = new TreeMap<>(b.substances() == null || b.substances().isEmpty()
                ? Map.of("acetone", 2.0, "toluene", 2.0, "pseudoephedrine", 1.0, "acetic-anhydride", 1.0) : b.substances());
        double total = mix.values().stream().mapToDouble(Double::doubleValue).sum();
        List<String> countries = plan.countries().stream().map(ExercisePlan.CountrySetup::code).toList();
        int number = 0;
        for (int day = 0; day < days; day++) {
            int n = TradeDocuments.poisson(r, b.notificationsPerDay());
            for (int i = 0; i < n; i++) {
                String from = countries.get(r.nextInt(countries.size()));
                String to;
                do {
                    to = countries.get(r.nextInt(countries.size()));
                } while (to.equals(from));
                double x = r.nextDouble() * total;
                String substance = null;
                for (var e : mix.entrySet()) {
                    substance = e.getKey();
                    x -= e.getValue();
                    if (x <= 0) {
                        break;
                    }
                }
                double kg = Math.max(1, Math.round(TradeDocuments.typicalKg(substance) * (0.8 + 0.4 * r.nextDouble())));
                Instant at = firstDay.plusSeconds(day * 86400L + r.nextInt(9 * 3600));
                out.add(new Planned(++number, at, from, to, substance, kg, r.nextInt(1000), r.nextInt(1000)));
            }
        }
        out.sort(Comparator.comparing(Planned::at).thenComparing(Planned::number));
        return out;
    }
}
