package org.pensim.simulations.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.pensim.protocol.country.CountryCode;
import org.pensim.protocol.country.CountryProfiles;
import org.pensim.protocol.notification.BusinessType;
import org.pensim.protocol.notification.Identifier;
import org.pensim.protocol.screening.national.LicensedOperator;
import org.pensim.protocol.screening.national.WatchList;
import org.pensim.simulations.scenario.ModelParameters;
import org.pensim.simulations.scenario.Scenario;
import org.pensim.simulations.trade.Operator;

/**
 * The countries of a run, their authorities and licensed operators, and who trades how much: drawn once
 * from the scenario and the seed, before any event.
 */
final class World {

    private static final List<String> DEFAULT_HUBS = List.of("AF", "MM", "LA", "SY", "YE");

    final Map<String, Authority> authorities = new LinkedHashMap<>();
    final Map<String, List<Operator>> operators = new HashMap<>();
    /** Exporting countries of licit trade, the scenario's named ones first, with cumulative weights. */
    final List<String> exporters = new ArrayList<>();
    final double[] exporterCumulative;
    final List<String> importers;
    final double[] importerCumulative;
    final List<String> hubs;
    /** Importing authorities drawn to never reply (world.neverReplyShare), sorted: the report names them. */
    final List<String> neverReplying;
    /** Every authority receives every incident (PICS), so all share one watch list. */
    final WatchList incidents = new WatchList();

    World(Scenario scenario, ModelParameters model, Streams streams, SimulationServices services) {
        Scenario.World w = scenario.world();
        Scenario.LicitTrade t = scenario.licitTrade();
        this.hubs = w.transitHubsOfConcern() == null ? DEFAULT_HUBS : w.transitHubsOfConcern();
        List<String> all = new ArrayList<>(new TreeSet<>(CountryCode.all()));
        Collections.shuffle(all, new java.util.Random(streams.of("world").nextLong()));
        List<String> chosen = new ArrayList<>();
        addAll(chosen, w.include());
        addAll(chosen, t.exporters().countries());
        addAll(chosen, t.importers() == null ? List.of() : t.importers().countries());
        // The campaigns' countries take part whatever the draw: a campaign aimed at a country must find it.
        for (Scenario.CampaignSpec c : scenario.campaigns() == null ? List.<Scenario.CampaignSpec>of() : scenario.campaigns()) {
            addAll(chosen, c.targets());
            addAll(chosen, c.exporters());
        }
        Set<String> leftOut = nonTradingTerritories();
        for (String c : all) {
            if (chosen.size() >= w.countries()) {
                break;
            }
            if (!leftOut.contains(c)) {
                addAll(chosen, List.of(c));
            }
        }
        Collections.sort(chosen);

        // More exporting countries beyond the named ones, each sending a little (drawn from the world's stream).
        Map<String, Double> exportWeights = new LinkedHashMap<>(t.exporters().byCountry());
        int others = t.otherExportingCountries() == null ? 0 : t.otherExportingCountries();
        double otherWeight = t.otherExporterWeight() == null ? 0 : t.otherExporterWeight();
        List<String> candidates = new ArrayList<>(chosen);
        candidates.removeAll(exportWeights.keySet());
        Collections.shuffle(candidates, new java.util.Random(streams.of("world:other-exporters").nextLong()));
        for (int i = 0; i < Math.min(others, candidates.size()); i++) {
            exportWeights.put(candidates.get(i), otherWeight);
        }
        exporters.addAll(exportWeights.keySet());
        exporterCumulative = cumulative(exporters, exportWeights::get);

        // Countries that never reply: a share of those whose reply rate the scenario does not set itself, never
        // a named trading country (the large traders run authorities that answer).
        double neverShare = w.neverReplyShare() == null ? 0 : w.neverReplyShare();
        List<String> silentCandidates = new ArrayList<>();
        java.util.Set<String> named = new java.util.HashSet<>(t.exporters().countries());
        if (t.importers() != null) {
            named.addAll(t.importers().countries());
        }
        for (String c : chosen) {
            Scenario.Behaviour o = w.overrides() == null ? null : w.overrides().get(c);
            if ((o == null || o.replyProbability() == null) && !named.contains(c)) {
                silentCandidates.add(c);
            }
        }
        Collections.shuffle(silentCandidates, new java.util.Random(streams.of("world:never-reply").nextLong()));
        Set<String> neverReply = Set.copyOf(silentCandidates.subList(0, (int) Math.round(neverShare * silentCandidates.size())));
        neverReplying = neverReply.stream().sorted().toList();

        // Exporting authorities that hold a shipment without a reply, drawn from their own stream.
        double holdShare = model.probability("interdiction.holdOnSilenceShare");
        SplittableRandom holdRandom = streams.of("world:hold-on-silence");
        Map<String, Boolean> holds = new HashMap<>();
        for (String c : chosen) {
            holds.put(c, holdRandom.nextDouble() < holdShare);
        }
        // The voluntary channel: the largest exporters that use it.
        int voluntary = w.voluntaryChannelCountries() == null ? 0 : w.voluntaryChannelCountries();
        List<String> byWeight = new ArrayList<>(exporters);
        byWeight.sort(Comparator.comparingDouble((String c) -> -exportWeights.get(c)).thenComparing(c -> c));
        Set<String> lightUsers = Set.copyOf(byWeight.subList(0, Math.min(voluntary, byWeight.size())));

        CountryProfiles profiles = CountryProfiles.standard();
        for (String c : chosen) {
            Scenario.Behaviour b = w.defaults();
            if (w.overrides() != null && w.overrides().containsKey(c)) {
                b = w.overrides().get(c).over(b);
            }
            Authority a = new Authority(c, b, profiles.of(c), services.catalogue(), Set.copyOf(hubs), services.policy(),
                    services.clock(), neverReply.contains(c), holds.get(c), lightUsers.contains(c), incidents);
            authorities.put(c, a);
            List<Operator> ops = new ArrayList<>();
            for (int i = 0; i < t.operatorsPerCountry(); i++) {
                Operator op = new Operator(Operator.name(c, i), c, i % 4 == 0 ? BusinessType.PHARMACEUTICAL_MANUFACTURER
                        : BusinessType.MANUFACTURER, c + "-LIC-" + i, false);
                ops.add(op);
                a.screening.knowledge().register().license(new LicensedOperator(op.name(), c,
                        List.of(new Identifier("REG", op.registration())), scenario.start().plusYears(5), Set.of()));
            }
            operators.put(c, ops);
        }
        importers = new ArrayList<>(authorities.keySet());
        Map<String, Double> importWeights = t.importers() == null ? Map.of() : t.importers().byCountry();
        double otherImporter = t.otherImporterWeight() == null ? 1.0 : t.otherImporterWeight();
        importerCumulative = cumulative(importers, c -> importWeights.getOrDefault(c, otherImporter));
    }

    private static Set<String> nonTradingTerritories() {
        try (var in = World.class.getResourceAsStream("/world/non-trading-territories.txt")) {
            Set<String> codes = new java.util.HashSet<>();
            for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                if (!line.startsWith("#")) {
                    codes.addAll(List.of(line.trim().split("\\s+")));
                }
            }
            codes.remove("");
            return codes;
        } catch (java.io.IOException | NullPointerException e) {
            throw new IllegalStateException("world/non-trading-territories.txt is missing from the build", e);
        }
    }

    /** A weighted draw: the index whose cumulative weight first exceeds a uniform draw. */
    static int draw(double[] cumulative, SplittableRandom r) {
        double x = r.nextDouble() * cumulative[cumulative.length - 1];
        int i = java.util.Arrays.binarySearch(cumulative, x);
        i = i >= 0 ? i + 1 : -i - 1;
        return Math.min(i, cumulative.length - 1);
    }

    /** The {@code n} countries that reply least, the most silent first; ties drawn with {@code random}. */
    List<String> bySilence(int n, SplittableRandom random) {
        List<String> l = new ArrayList<>(authorities.keySet());
        l.sort(Comparator.comparingDouble((String c) -> authorities.get(c).replyProbability).thenComparing(c -> c));
        if (l.isEmpty()) {
            return l;
        }
        int k = Math.min(n, l.size());
        double cutoff = authorities.get(l.get(k - 1)).replyProbability;
        List<String> out = new ArrayList<>();
        List<String> tied = new ArrayList<>();
        for (String c : l) {
            double p = authorities.get(c).replyProbability;
            if (p < cutoff) {
                out.add(c);
            } else if (p == cutoff) {
                tied.add(c);
            }
        }
        Collections.shuffle(tied, new java.util.Random(random.nextLong()));
        out.addAll(tied.subList(0, k - out.size()));
        return out;
    }

    private static double[] cumulative(List<String> keys, java.util.function.Function<String, Double> weight) {
        double[] c = new double[keys.size()];
        double sum = 0;
        for (int i = 0; i < keys.size(); i++) {
            sum += weight.apply(keys.get(i));
            c[i] = sum;
        }
        if (sum <= 0) {
            throw new org.pensim.simulations.scenario.ScenarioLoader.ScenarioException(
                    "licit trade: the weights of " + keys + " add up to nothing");
        }
        return c;
    }

    private static void addAll(List<String> into, List<String> countries) {
        for (String c : countries == null ? List.<String>of() : countries) {
            if (!into.contains(c)) {
                into.add(c);
            }
        }
    }
}
