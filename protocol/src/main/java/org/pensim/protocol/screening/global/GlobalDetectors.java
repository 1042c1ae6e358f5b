package org.pensim.protocol.screening.global;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Set;
import java.util.TreeMap;

/**
 * The per-key state and update of each global indicator. Each update adds one observation to its key's
 * state, forgets what left the window, and returns what it detected (null when nothing). Pure and
 * serializable: the same code runs in a simulation's heap and inside a Hazelcast partition.
 */
public final class GlobalDetectors {

    private GlobalDetectors() {
    }

    /**
     * {@code String.format(Locale.ROOT, "%.Nf", v)} without the formatter, which cost more than the
     * detection itself: the same shortest decimal digits of the double, rounded half up.
     */
    static String fixed(double v, int places) {
        if (!Double.isFinite(v) || v < 0) {
            return String.format(java.util.Locale.ROOT, "%." + places + "f", v);
        }
        return BigDecimal.valueOf(v).setScale(places, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    /** One shipment as the global indicators see it. */
    public record Shipment(String notificationId, long epochDay, String exportingCountry, String importingCountry,
            String substanceId, BigDecimal pureKg) implements Serializable {
    }

    /** What a detector found: the explanation and evidence of the flag to raise. */
    public record Detection(String subject, String explanation, TreeMap<String, String> evidence) implements Serializable {
    }

    // ---------------------------------------------------------------- splitting across exporters

    /**
     * Shipments to one consignee of one substance, as daily totals per exporting country: bounded by the
     * window's days and the number of countries, however many notifications arrive. How many of those days
     * name each country is kept as it changes, so that an update does not gather the countries of the
     * whole window again.
     */
    public static final class ConsigneeWindow implements Serializable {
        private static final long serialVersionUID = 3L;
        final TreeMap<Long, TreeMap<String, BigDecimal>> kgByDayAndCountry = new TreeMap<>();
        final TreeMap<Long, Integer> shipmentsByDay = new TreeMap<>();
        final TreeMap<String, Integer> daysByCountry = new TreeMap<>();
        /** The first day in the window, so that most updates know without walking the tree that none left. */
        long firstDay = Long.MAX_VALUE;

        /** Forgets the days before {@code from}. */
        void forgetBefore(long from) {
            if (firstDay >= from) {
                return;
            }
            var gone = kgByDayAndCountry.headMap(from);
            for (TreeMap<String, BigDecimal> day : gone.values()) {
                for (String country : day.keySet()) {
                    daysByCountry.compute(country, (c, n) -> n == 1 ? null : n - 1);
                }
            }
            gone.clear();
            shipmentsByDay.headMap(from).clear();
            firstDay = kgByDayAndCountry.isEmpty() ? Long.MAX_VALUE : kgByDayAndCountry.firstKey();
        }

        void add(long day, String country, BigDecimal kg) {
            TreeMap<String, BigDecimal> kgByCountry = kgByDayAndCountry.computeIfAbsent(day, d -> new TreeMap<>());
            BigDecimal before = kgByCountry.get(country);
            kgByCountry.put(country, before == null ? kg : before.add(kg));
            if (before == null) {
                daysByCountry.merge(country, 1, Integer::sum);
            }
            shipmentsByDay.merge(day, 1, Integer::sum);
            firstDay = Math.min(firstDay, day);
        }
    }

    /** SPLIT_ACROSS_EXPORTERS: key is consignee|substance. */
    public record SplitAcrossExporters(String consigneeName, Shipment shipment, int windowDays, int minCountries)
            implements GlobalStateStore.Update<ConsigneeWindow, Detection> {
        @Override
        public Detection apply(GlobalStateStore.StateHolder<ConsigneeWindow> holder) {
            ConsigneeWindow w = holder.get() == null ? new ConsigneeWindow() : holder.get();
            w.forgetBefore(shipment.epochDay() - windowDays);
            w.add(shipment.epochDay(), shipment.exportingCountry(), shipment.pureKg());
            holder.set(w);
            if (w.daysByCountry.size() < minCountries) {
                return null;
            }
            Set<String> countries = w.daysByCountry.keySet();
            BigDecimal total = BigDecimal.ZERO; // only for the evidence: summed once there is a flag to raise
            for (var day : w.kgByDayAndCountry.values()) {
                for (BigDecimal kg : day.values()) {
                    total = total.add(kg);
                }
            }
            int shipments = w.shipmentsByDay.values().stream().mapToInt(Integer::intValue).sum();
            TreeMap<String, String> ev = new TreeMap<>();
            ev.put("consignee", consigneeName);
            ev.put("exportingCountries", String.join(",", countries));
            ev.put("shipmentsInWindow", String.valueOf(shipments));
            ev.put("totalKgInWindow", total.stripTrailingZeros().toPlainString());
            ev.put("windowDays", String.valueOf(windowDays));
            return new Detection("operator:" + consigneeName, "'" + consigneeName + "' receives " + shipment.substanceId()
                    + " from " + countries.size() + " exporting countries (" + String.join(", ", countries) + ") within "
                    + windowDays + " days", ev);
        }
    }

    // ---------------------------------------------------------------- company shopping

    /** Refusals (objections) of one importer, by corridor. */
    public static final class ImporterRefusals implements Serializable {
        private static final long serialVersionUID = 1L;
        final ArrayList<Shipment> refused = new ArrayList<>();
    }

    /** Records an objection against the importer of a notification: key is the importer. */
    public record RecordRefusal(Shipment shipment) implements GlobalStateStore.Update<ImporterRefusals, Boolean> {
        @Override
        public Boolean apply(GlobalStateStore.StateHolder<ImporterRefusals> holder) {
            ImporterRefusals r = holder.get() == null ? new ImporterRefusals() : holder.get();
            r.refused.removeIf(s -> s.notificationId().equals(shipment.notificationId()));
            r.refused.add(shipment);
            holder.set(r);
            return Boolean.TRUE;
        }
    }

    /** COMPANY_SHOPPING: a new notification for an importer refused in another corridor. */
    public record CompanyShopping(String importerName, Shipment shipment, int windowDays)
            implements GlobalStateStore.Update<ImporterRefusals, Detection> {
        @Override
        public Detection apply(GlobalStateStore.StateHolder<ImporterRefusals> holder) {
            ImporterRefusals r = holder.get();
            if (r == null) {
                return null;
            }
            r.refused.removeIf(s -> s.epochDay() < shipment.epochDay() - windowDays);
            holder.set(r.refused.isEmpty() ? null : r);
            for (Shipment refused : r.refused) {
                if (!refused.exportingCountry().equals(shipment.exportingCountry())
                        && !refused.notificationId().equals(shipment.notificationId())) {
                    TreeMap<String, String> ev = new TreeMap<>();
                    ev.put("importer", importerName);
                    ev.put("refusedNotification", refused.notificationId());
                    ev.put("refusedCorridor", refused.exportingCountry() + ">" + refused.importingCountry());
                    ev.put("newCorridor", shipment.exportingCountry() + ">" + shipment.importingCountry());
                    ev.put("daysSinceRefusal", String.valueOf(shipment.epochDay() - refused.epochDay()));
                    return new Detection("operator:" + importerName, "'" + importerName + "' was refused in corridor "
                            + refused.exportingCountry() + " -> " + refused.importingCountry() + " ("
                            + refused.notificationId() + ") and now imports via " + shipment.exportingCountry(), ev);
                }
            }
            return null;
        }
    }

    // ---------------------------------------------------------------- round trips

    /** The latest shipment of one substance in each direction between a pair of countries. */
    public static final class PairFlows implements Serializable {
        private static final long serialVersionUID = 2L;
        final TreeMap<String, Shipment> latestByDirection = new TreeMap<>();
    }

    /** The key of a pair: substance and the two countries in alphabetical order. */
    public static String pairKey(Shipment s) {
        String a = s.exportingCountry();
        String b = s.importingCountry();
        return s.substanceId() + "|" + (a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a);
    }

    /** ROUND_TRIP: the substance goes back the way it recently came. */
    public record RoundTrip(Shipment shipment, int windowDays) implements GlobalStateStore.Update<PairFlows, Detection> {
        @Override
        public Detection apply(GlobalStateStore.StateHolder<PairFlows> holder) {
            PairFlows f = holder.get() == null ? new PairFlows() : holder.get();
            Shipment back = f.latestByDirection.get(shipment.importingCountry() + ">" + shipment.exportingCountry());
            f.latestByDirection.put(shipment.exportingCountry() + ">" + shipment.importingCountry(), shipment);
            holder.set(f);
            if (back == null || back.epochDay() < shipment.epochDay() - windowDays
                    || back.notificationId().equals(shipment.notificationId())) {
                return null;
            }
            TreeMap<String, String> ev = new TreeMap<>();
            ev.put("earlierNotification", back.notificationId());
            ev.put("earlierRoute", back.exportingCountry() + ">" + back.importingCountry());
            ev.put("daysApart", String.valueOf(shipment.epochDay() - back.epochDay()));
            return new Detection("corridor:" + shipment.exportingCountry() + ">" + shipment.importingCountry(),
                    shipment.substanceId() + " goes " + shipment.exportingCountry() + " -> " + shipment.importingCountry()
                            + " " + (shipment.epochDay() - back.epochDay()) + " days after going the other way ("
                            + back.notificationId() + ")", ev);
        }
    }

    // ---------------------------------------------------------------- corridor surge

    /**
     * Daily totals of one corridor and substance, with their sum kept as days come and go: an update then
     * adds only its recent days (a month) instead of the whole baseline (a year).
     */
    public static final class CorridorFlow implements Serializable {
        private static final long serialVersionUID = 2L;
        final TreeMap<Long, BigDecimal> kgByDay = new TreeMap<>();
        BigDecimal totalKg = BigDecimal.ZERO;
        /** The first day in the window, so that most updates know without walking the tree that none left. */
        long firstDay = Long.MAX_VALUE;

        /** Forgets the days before {@code from}. */
        void forgetBefore(long from) {
            if (firstDay >= from) {
                return;
            }
            var gone = kgByDay.headMap(from);
            for (BigDecimal kg : gone.values()) {
                totalKg = totalKg.subtract(kg);
            }
            gone.clear();
            firstDay = kgByDay.isEmpty() ? Long.MAX_VALUE : kgByDay.firstKey();
        }

        void add(long day, BigDecimal kg) {
            kgByDay.merge(day, kg, BigDecimal::add);
            totalKg = totalKg.add(kg);
            firstDay = Math.min(firstDay, day);
        }
    }

    /** CORRIDOR_SURGE: key is exporting>importing|substance. */
    public record CorridorSurge(Shipment shipment, int baselineDays, int recentDays, int minimumBaselineDays,
            double surgeFactor, double minimumBaselineKg) implements GlobalStateStore.Update<CorridorFlow, Detection> {
        @Override
        public Detection apply(GlobalStateStore.StateHolder<CorridorFlow> holder) {
            CorridorFlow f = holder.get() == null ? new CorridorFlow() : holder.get();
            long today = shipment.epochDay();
            f.forgetBefore(today - baselineDays - recentDays);
            f.add(today, shipment.pureKg());
            holder.set(f);
            // Recent: the last recentDays up to today, and any later day a late notification finds there.
            BigDecimal recent = BigDecimal.ZERO;
            for (BigDecimal kg : f.kgByDay.tailMap(today - recentDays, false).values()) {
                recent = recent.add(kg);
            }
            double baselineKg = f.totalKg.subtract(recent).doubleValue();
            long baselineSpan = Math.min(baselineDays, today - recentDays + 1 - f.firstDay);
            if (baselineSpan < minimumBaselineDays || baselineKg < minimumBaselineKg) {
                return null; // too little history to call anything a surge
            }
            double expectedRecent = baselineKg / baselineSpan * recentDays;
            if (recent.doubleValue() <= expectedRecent * surgeFactor) {
                return null;
            }
            TreeMap<String, String> ev = new TreeMap<>();
            ev.put("recentKg", recent.stripTrailingZeros().toPlainString());
            ev.put("recentDays", String.valueOf(recentDays));
            ev.put("expectedKg", fixed(expectedRecent, 3));
            ev.put("baselineDays", String.valueOf(baselineSpan));
            return new Detection("corridor:" + shipment.exportingCountry() + ">" + shipment.importingCountry() + "|"
                    + shipment.substanceId(), shipment.exportingCountry() + " -> " + shipment.importingCountry() + " "
                    + shipment.substanceId() + ": " + recent.stripTrailingZeros().toPlainString() + " kg in " + recentDays
                    + " days against " + fixed(expectedRecent, 1) + " kg expected from the baseline (x"
                    + fixed(recent.doubleValue() / expectedRecent, 1) + ")", ev);
        }
    }

}
