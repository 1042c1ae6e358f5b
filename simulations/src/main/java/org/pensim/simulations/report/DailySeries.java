package org.pensim.simulations.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pensim.protocol.incident.Incident;
import org.pensim.simulations.engine.SimulationRun;
import org.pensim.simulations.measure.Case;

/**
 * The run day by day (daily.csv): what happened on each simulated day of the period and of the 120 days
 * after it, and the officers' queue at the end of each day of the period.
 */
final class DailySeries {

    static final List<String> HEADER = List.of("date", "notifications", "licitNotifications", "diversionAttempts",
            "firstFlags", "objections", "stopped", "shipped", "seized", "incidents", "officerQueue",
            "overdueRepliesSoFar");

    private static final int NOTIFICATIONS = 0;
    private static final int LICIT = 1;
    private static final int DIVERSION = 2;
    private static final int FLAGS = 3;
    private static final int OBJECTIONS = 4;
    private static final int STOPPED = 5;
    private static final int SHIPPED = 6;
    private static final int SEIZED = 7;
    private static final int INCIDENTS = 8;

    private DailySeries() {
    }

    static List<List<String>> rows(SimulationRun.Result r) {
        // The period and the days after it while shipments under way are still followed (to the end of observation),
        // so that the columns add up to summary.json; the officers' queue is recorded for the period only.
        TreeMap<LocalDate, long[]> days = new TreeMap<>();
        LocalDate last = LocalDate.ofInstant(r.observedUntil(), ZoneOffset.UTC);
        for (LocalDate d = r.scenario().start(); d.isBefore(last); d = d.plusDays(1)) {
            days.put(d, new long[9]);
        }
        for (Case c : r.cases()) {
            if (c.notified) {
                count(days, c.submittedAt, NOTIFICATIONS);
            }
            count(days, c.submittedAt, c.licit() ? LICIT : DIVERSION);
            count(days, c.firstFlagAt, FLAGS);
            if ("OBJECTION".equals(c.decision)) {
                count(days, c.decidedAt, OBJECTIONS);
            }
            count(days, c.stoppedAt, STOPPED);
            count(days, c.shippedAt, SHIPPED);
            count(days, c.seizedAt, SEIZED);
        }
        for (Incident i : r.incidents()) {
            count(days, i.reportedAt(), INCIDENTS);
        }
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<LocalDate, long[]> e : days.entrySet()) {
            int[] w = r.workload().get(e.getKey());
            List<String> row = new ArrayList<>();
            row.add(e.getKey().toString());
            for (long v : e.getValue()) {
                row.add(Long.toString(v));
            }
            row.add(w == null ? "" : Integer.toString(w[0]));
            row.add(w == null ? "" : Integer.toString(w[1]));
            rows.add(row);
        }
        return rows;
    }

    private static void count(TreeMap<LocalDate, long[]> days, Instant at, int column) {
        if (at == null) {
            return;
        }
        long[] d = days.get(LocalDate.ofInstant(at, ZoneOffset.UTC));
        if (d != null) {
            d[column]++;
        }
    }
}
