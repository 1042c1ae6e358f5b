package org.pensim.protocol.screening.national;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.pensim.protocol.notification.PreExportNotification;
import org.pensim.protocol.notification.ShipmentItem;

/**
 * What an importing authority remembers of the notifications addressed to it, reduced to what
 * screening needs: monthly totals per consignee and substance (24 months), the exporter-importer pairs
 * seen, and year-to-date totals per substance for ALRs. Constant work per notification, whatever the
 * length of the history.
 */
public final class TradeHistory {

    /** The pattern of one consignee for one substance, as seen from a given month. */
    public record Pattern(int shipmentsLast12Months, BigDecimal averageShipmentKgLast12Months,
            BigDecimal largestMonthlyKgLast6Months, BigDecimal thisMonthKg) {
    }

    private static final int MONTHS = 24;

    // Keyed by small records of matching keys rather than joined strings: no string is built per look-up.
    private record ConsigneeSubstance(String consigneeKey, String substanceId) {
    }

    private record Counterpart(String exporterKey, String importerKey, String substanceId) {
    }

    private record YearSubstance(int year, String substanceId) {
    }

    private final Map<ConsigneeSubstance, MonthlyTotals> patterns = new ConcurrentHashMap<>();
    private final Set<Counterpart> counterparts = ConcurrentHashMap.newKeySet();
    private final Map<YearSubstance, BigDecimal> yearToDate = new ConcurrentHashMap<>();
    private volatile long recorded;

    /** Adds a notification to the history; call after screening it. */
    public void record(PreExportNotification n) {
        LocalDate day = day(n);
        int month = monthIndex(day);
        String exporter = EntityNames.key(n.exporter().name());
        String importer = EntityNames.key(n.importer().name());
        String consignee = EntityNames.key(n.consignee().name());
        for (ShipmentItem item : n.items()) {
            patterns.computeIfAbsent(new ConsigneeSubstance(consignee, item.substanceId()), k -> new MonthlyTotals())
                    .add(month, item.netPureKg());
            counterparts.add(new Counterpart(exporter, importer, item.substanceId()));
            yearToDate.merge(new YearSubstance(day.getYear(), item.substanceId()), item.netPureKg(), BigDecimal::add);
        }
        recorded++;
    }

    public long size() {
        return recorded;
    }

    public boolean knownCounterpart(String exporterName, String importerName, String substanceId) {
        return counterparts.contains(new Counterpart(EntityNames.key(exporterName), EntityNames.key(importerName), substanceId));
    }

    public BigDecimal yearToDate(int year, String substanceId) {
        return yearToDate.getOrDefault(new YearSubstance(year, substanceId), BigDecimal.ZERO);
    }

    public Pattern pattern(String consigneeName, String substanceId, LocalDate on) {
        MonthlyTotals t = patterns.get(new ConsigneeSubstance(EntityNames.key(consigneeName), substanceId));
        if (t == null) {
            return new Pattern(0, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
        }
        return t.pattern(monthIndex(on));
    }

    /** The UTC issue date; {@code LocalDate.ofInstant} would build a {@code ZoneRules} on every call. */
    static LocalDate day(PreExportNotification n) {
        return LocalDate.ofEpochDay(Math.floorDiv(n.issuedAt().getEpochSecond(), 86_400L));
    }

    static int monthIndex(LocalDate day) {
        return day.getYear() * 12 + day.getMonthValue() - 1;
    }

    /** A ring of the last 24 months: month index, total kilograms and shipment count. */
    static final class MonthlyTotals {
        private final int[] month = new int[MONTHS];
        private final BigDecimal[] kg = new BigDecimal[MONTHS];
        private final int[] count = new int[MONTHS];

        MonthlyTotals() {
            java.util.Arrays.fill(month, -1);
        }

        synchronized void add(int m, BigDecimal quantity) {
            int slot = Math.floorMod(m, MONTHS);
            if (month[slot] != m) {
                if (month[slot] > m) {
                    return; // older than the window: no longer part of any pattern
                }
                month[slot] = m;
                kg[slot] = BigDecimal.ZERO;
                count[slot] = 0;
            }
            kg[slot] = kg[slot].add(quantity);
            count[slot]++;
        }

        synchronized Pattern pattern(int now) {
            BigDecimal total12 = BigDecimal.ZERO;
            int shipments12 = 0;
            BigDecimal max6 = BigDecimal.ZERO;
            BigDecimal current = BigDecimal.ZERO;
            for (int i = 0; i < MONTHS; i++) {
                int age = now - month[i];
                if (month[i] < 0 || age < 0) {
                    continue;
                }
                if (age == 0) {
                    current = kg[i];
                }
                if (age >= 1 && age <= 12) {
                    total12 = total12.add(kg[i]);
                    shipments12 += count[i];
                }
                if (age >= 1 && age <= 6 && kg[i].compareTo(max6) > 0) {
                    max6 = kg[i];
                }
            }
            BigDecimal average = shipments12 == 0 ? BigDecimal.ZERO
                    : total12.divide(BigDecimal.valueOf(shipments12), 3, java.math.RoundingMode.HALF_UP);
            return new Pattern(shipments12, average, max6, current);
        }
    }
}
