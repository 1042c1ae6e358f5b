package org.pensim.simulations.engine;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.pensim.simulations.scenario.ModelParameters;
import org.pensim.simulations.scenario.Scenario;
import org.pensim.simulations.trade.Operator;
import org.pensim.simulations.trade.TradeDocuments;

/**
 * The licit orders, drawn from their own stream day after day: each day's orders are drawn at the start of
 * that day (see {@link EventQueue#atDrawn}), so the agenda never holds the whole year. Exporting and
 * importing countries are drawn by their weights; each importer keeps to its supplier.
 */
final class LicitTrade {

    /** Where an order goes once drawn. */
    @FunctionalInterface
    interface Orders {
        void place(Operator exporter, Operator importer, String substanceId, double kg);
    }

    private final Scenario scenario;
    private final Scenario.LicitTrade t;
    private final World world;
    private final EventQueue agenda;
    private final SplittableRandom r;
    private final Orders orders;
    private final List<Map.Entry<String, Double>> mix;
    private final double mixTotal;
    private final double perDay;
    private final ModelParameters model;
    private final double pairSpread;
    private final double jitter;
    private final Streams streams;

    LicitTrade(Scenario scenario, ModelParameters model, World world, EventQueue agenda, Streams streams, Orders orders) {
        this.scenario = scenario;
        this.t = scenario.licitTrade();
        this.world = world;
        this.agenda = agenda;
        this.r = streams.of("licit-trade");
        this.streams = streams;
        this.orders = orders;
        this.model = model;
        this.mix = new ArrayList<>(new TreeMap<>(t.substances()).entrySet());
        this.mixTotal = mix.stream().mapToDouble(Map.Entry::getValue).sum();
        this.perDay = t.ordersPerYear() / 365.0;
        this.pairSpread = model.number("orders.pairSpread");
        this.jitter = model.number("orders.jitter");
    }

    void draw(int d) {
        if (d >= scenario.durationDays()) {
            return;
        }
        LocalDate day = scenario.start().plusDays(d);
        if (d + 1 < scenario.durationDays()) {
            agenda.at(day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC), () -> draw(d + 1));
        }
        double season = t.seasonality() == null ? 1.0 : t.seasonality().get(day.getMonthValue() - 1);
        int n = TradeDocuments.poisson(r, perDay * season);
        for (int i = 0; i < n; i++) {
            String importing = world.importers.get(World.draw(world.importerCumulative, r));
            double x = r.nextDouble() * mixTotal;
            String substanceId = mix.get(mix.size() - 1).getKey();
            for (Map.Entry<String, Double> e : mix) {
                x -= e.getValue();
                if (x <= 0) {
                    substanceId = e.getKey();
                    break;
                }
            }
            List<Operator> impOps = world.operators.get(importing);
            Operator importer = impOps.get(r.nextInt(impOps.size()));
            // Each importer keeps to one supplier per substance: its country drawn by the exporters' weights from
            // a stream of the pair's own (from the seed), so a country's share of trade still follows its weight.
            String pair = importer.name() + substanceId;
            SplittableRandom pairRandom = streams.of("pair-supplier:" + pair);
            String exporting = world.exporters.get(World.draw(world.exporterCumulative, pairRandom));
            for (int tries = 0; exporting.equals(importing) && tries < 20; tries++) {
                exporting = world.exporters.get(World.draw(world.exporterCumulative, pairRandom));
            }
            if (exporting.equals(importing)) {
                continue;
            }
            List<Operator> expOps = world.operators.get(exporting);
            Operator exporter = expOps.get(Math.floorMod(pair.hashCode(), expOps.size()));
            // The same pair trades the same typical size, drawn from another stream of the pair's.
            double usual = model.typicalKg(substanceId)
                    * Math.exp(pairSpread * TradeDocuments.gaussian(streams.of("pair-size:" + pair)));
            double kg = Math.max(1, Math.round(usual * (1 - jitter + 2 * jitter * r.nextDouble())));
            Instant at = day.atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(8 * 3600 + r.nextInt(9 * 3600));
            String sid = substanceId;
            agenda.atDrawn(at, () -> orders.place(exporter, importer, sid, kg));
        }
    }
}
