package org.pensim.protocol.screening.global;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.pensim.protocol.screening.global.GlobalDetectors.Detection;
import org.pensim.protocol.screening.global.GlobalDetectors.Shipment;

/**
 * The corridor-surge and split-across-exporters windows keep running sums and counts; these tests hold them
 * to the definitions they replace, which add up the whole window on every shipment. The shipments come in
 * random order of days, as late notifications reach the registry, and the windows are small enough for days
 * to leave them often.
 */
class GlobalDetectorsWindowTest {

    private static final List<String> COUNTRIES = List.of("DE", "FR", "IN", "CN", "NL");

    private static final class Holder<S> implements GlobalStateStore.StateHolder<S> {
        S state;

        @Override
        public S get() {
            return state;
        }

        @Override
        public void set(S state) {
            this.state = state;
        }
    }

    private static Shipment shipment(Random r, int i, long day) {
        // Kilograms with different scales and repeats, so that sums hit BigDecimal's cached values and scales.
        BigDecimal kg = switch (r.nextInt(4)) {
            case 0 -> BigDecimal.valueOf(r.nextInt(11));
            case 1 -> BigDecimal.valueOf(r.nextInt(5000), 2);
            case 2 -> BigDecimal.valueOf(r.nextInt(200) * 25L, 1);
            default -> new BigDecimal("0.000");
        };
        return new Shipment("N" + i, day, COUNTRIES.get(r.nextInt(COUNTRIES.size())), "GH", "ephedrine", kg);
    }

    private static long nextDay(Random r, long day) {
        int step = r.nextInt(10);
        return step == 0 ? day - r.nextInt(40) : day + (step < 6 ? 0 : r.nextInt(6)); // now and then a late one
    }

    @Test
    void the_corridor_surge_with_running_sums_detects_what_summing_the_window_detects() {
        int detections = 0;
        for (long seed = 1; seed <= 40; seed++) {
            Random r = new Random(seed);
            Holder<GlobalDetectors.CorridorFlow> holder = new Holder<>();
            TreeMap<Long, BigDecimal> reference = new TreeMap<>();
            long day = 20_000;
            for (int i = 0; i < 600; i++) {
                day = nextDay(r, day);
                Shipment s = shipment(r, i, day);
                var surge = new GlobalDetectors.CorridorSurge(s, 60, 7, 20, 1.5, 5.0);
                Detection got = surge.apply(holder);
                Detection expected = referenceSurge(reference, surge);
                assertThat(got).as("seed %d shipment %d", seed, i).isEqualTo(expected);
                assertThat(holder.state.firstDay).isEqualTo(holder.state.kgByDay.firstKey());
                detections += got == null ? 0 : 1;
            }
            assertThat(holder.state.totalKg).isEqualByComparingTo(
                    holder.state.kgByDay.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add));
        }
        assertThat(detections).as("surges found, so that detections were compared too").isGreaterThan(100);
    }

    @Test
    void splitting_across_exporters_with_counted_countries_detects_what_gathering_them_detects() {
        int detections = 0;
        for (long seed = 1; seed <= 40; seed++) {
            Random r = new Random(seed);
            Holder<GlobalDetectors.ConsigneeWindow> holder = new Holder<>();
            TreeMap<Long, TreeMap<String, BigDecimal>> reference = new TreeMap<>();
            TreeMap<Long, Integer> referenceShipments = new TreeMap<>();
            long day = 20_000;
            for (int i = 0; i < 600; i++) {
                day = nextDay(r, day);
                var split = new GlobalDetectors.SplitAcrossExporters("Acme Trading", shipment(r, i, day), 12, 3);
                Detection got = split.apply(holder);
                Detection expected = referenceSplit(reference, referenceShipments, split);
                assertThat(got).as("seed %d shipment %d", seed, i).isEqualTo(expected);
                assertThat(holder.state.firstDay).isEqualTo(holder.state.kgByDayAndCountry.firstKey());
                detections += got == null ? 0 : 1;
            }
            TreeSet<String> named = new TreeSet<>();
            holder.state.kgByDayAndCountry.values().forEach(d -> named.addAll(d.keySet()));
            assertThat(holder.state.daysByCountry.keySet()).containsExactlyElementsOf(named);
        }
        assertThat(detections).isGreaterThan(100);
    }

    /** CORRIDOR_SURGE as first written: every update sums the whole window. */
    private static Detection referenceSurge(TreeMap<Long, BigDecimal> kgByDay, GlobalDetectors.CorridorSurge c) {
        long today = c.shipment().epochDay();
        kgByDay.headMap(today - c.baselineDays() - c.recentDays()).clear();
        kgByDay.merge(today, c.shipment().pureKg(), BigDecimal::add);
        BigDecimal recent = BigDecimal.ZERO;
        BigDecimal baseline = BigDecimal.ZERO;
        long firstDay = kgByDay.firstKey();
        for (var e : kgByDay.entrySet()) {
            if (e.getKey() > today - c.recentDays()) {
                recent = recent.add(e.getValue());
            } else {
                baseline = baseline.add(e.getValue());
            }
        }
        long baselineSpan = Math.min(c.baselineDays(), today - c.recentDays() + 1 - firstDay);
        if (baselineSpan < c.minimumBaselineDays() || baseline.doubleValue() < c.minimumBaselineKg()) {
            return null;
        }
        double expectedRecent = baseline.doubleValue() / baselineSpan * c.recentDays();
        if (recent.doubleValue() <= expectedRecent * c.surgeFactor()) {
            return null;
        }
        TreeMap<String, String> ev = new TreeMap<>();
        ev.put("recentKg", recent.stripTrailingZeros().toPlainString());
        ev.put("recentDays", String.valueOf(c.recentDays()));
        ev.put("expectedKg", GlobalDetectors.fixed(expectedRecent, 3));
        ev.put("baselineDays", String.valueOf(baselineSpan));
        Shipment s = c.shipment();
        return new Detection("corridor:" + s.exportingCountry() + ">" + s.importingCountry() + "|" + s.substanceId(),
                s.exportingCountry() + " -> " + s.importingCountry() + " " + s.substanceId() + ": "
                        + recent.stripTrailingZeros().toPlainString() + " kg in " + c.recentDays() + " days against "
                        + GlobalDetectors.fixed(expectedRecent, 1) + " kg expected from the baseline (x"
                        + GlobalDetectors.fixed(recent.doubleValue() / expectedRecent, 1) + ")", ev);
    }

    /** SPLIT_ACROSS_EXPORTERS as first written: every update gathers the countries of the whole window. */
    private static Detection referenceSplit(TreeMap<Long, TreeMap<String, BigDecimal>> kgByDayAndCountry,
            TreeMap<Long, Integer> shipmentsByDay, GlobalDetectors.SplitAcrossExporters x) {
        Shipment s = x.shipment();
        long from = s.epochDay() - x.windowDays();
        kgByDayAndCountry.headMap(from).clear();
        shipmentsByDay.headMap(from).clear();
        kgByDayAndCountry.computeIfAbsent(s.epochDay(), d -> new TreeMap<>())
                .merge(s.exportingCountry(), s.pureKg(), BigDecimal::add);
        shipmentsByDay.merge(s.epochDay(), 1, Integer::sum);
        TreeSet<String> countries = new TreeSet<>();
        for (Map<String, BigDecimal> day : kgByDayAndCountry.values()) {
            countries.addAll(day.keySet());
        }
        if (countries.size() < x.minCountries()) {
            return null;
        }
        List<BigDecimal> all = new ArrayList<>();
        kgByDayAndCountry.values().forEach(d -> all.addAll(d.values()));
        BigDecimal total = all.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        TreeMap<String, String> ev = new TreeMap<>();
        ev.put("consignee", x.consigneeName());
        ev.put("exportingCountries", String.join(",", countries));
        ev.put("shipmentsInWindow", String.valueOf(shipmentsByDay.values().stream().mapToInt(Integer::intValue).sum()));
        ev.put("totalKgInWindow", total.stripTrailingZeros().toPlainString());
        ev.put("windowDays", String.valueOf(x.windowDays()));
        return new Detection("operator:" + x.consigneeName(), "'" + x.consigneeName() + "' receives " + s.substanceId()
                + " from " + countries.size() + " exporting countries (" + String.join(", ", countries) + ") within "
                + x.windowDays() + " days", ev);
    }
}
