package org.pensim.simulations.measure;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.pensim.protocol.catalogue.ControlList;
import org.pensim.protocol.catalogue.SubstanceCatalogue;
import org.pensim.protocol.incident.Incident;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.simulations.engine.SimulationRun;
import org.pensim.simulations.statistics.Interval;
import org.pensim.simulations.statistics.Intervals;
import org.pensim.simulations.statistics.KaplanMeier;

/**
 * The measures of a run (defined in {@code docs/scenarios.md}): per diversion method and per substance,
 * detection, interdiction (stopped before shipping, shipped, seized, kilograms diverted) and time-to-flag
 * as a Kaplan-Meier curve with undetected attempts censored; false positives and interdiction costs on
 * licit trade; the figures calibration compares with published ones; officer workload and replies. Every
 * proportion carries a Wilson interval, every total a Student-t interval over attempts ({@code xCi}).
 */
public final class Summary {

    static final double CONFIDENCE = Intervals.DEFAULT_CONFIDENCE;

    private Summary() {
    }

    /** The end of the simulated period (observation goes on after it while shipments under way are followed). */
    static Instant periodEnd(SimulationRun.Result r) {
        return r.scenario().start().plusDays(r.scenario().durationDays()).atStartOfDay().toInstant(java.time.ZoneOffset.UTC);
    }

    public static ObjectNode of(SimulationRun.Result r, boolean crypto) {
        ObjectNode n = ProtocolJson.mapper().createObjectNode();
        n.put("scenario", r.scenario().name());
        n.put("seed", r.seed());
        n.put("signatures", crypto ? "computed" : "modelled");
        n.put("start", r.scenario().start().toString());
        n.put("durationDays", r.scenario().durationDays());
        n.put("flagThreshold", r.scenario().flagThreshold());
        n.put("confidence", CONFIDENCE);
        n.set("manifest", Manifest.of(r, crypto));
        List<Case> cases = r.cases();
        n.put("cases", cases.size());
        n.put("notifications", cases.stream().filter(c -> c.notified).count());
        List<Case> licit = cases.stream().filter(Case::licit).toList();
        ObjectNode l = n.putObject("licit");
        l.put("notifications", licit.size());
        long fp = licit.stream().filter(Case::detected).count();
        l.put("flagged", fp);
        proportion(l, "falsePositiveRate", (int) fp, licit.size());
        l.put("objected", licit.stream().filter(c -> "OBJECTION".equals(c.decision)).count());
        l.put("held", licit.stream().filter(c -> c.held).count());
        long licitStopped = licit.stream().filter(Case::stopped).count();
        l.put("stopped", licitStopped);
        proportion(l, "stoppedRate", (int) licitStopped, licit.size());
        List<Case> diversion = cases.stream().filter(c -> !c.licit()).toList();
        // A campaign's first flag is the first of any of its attempts, whatever method or substance it used then.
        Map<String, Instant> firstFlag = firstFlagByCampaign(diversion);
        n.set("methods", group(diversion, c -> c.kind, r.observedUntil(), firstFlag));
        n.set("substances", group(diversion, c -> c.substanceId, r.observedUntil(), firstFlag));
        n.set("allDiversion", diversion.isEmpty() ? ProtocolJson.mapper().createObjectNode()
                : group(diversion, c -> "all", r.observedUntil(), firstFlag).get("all"));
        n.set("calibration", CalibrationMeasures.of(r));
        ObjectNode world = n.putObject("world");
        world.put("countries", r.countries().size());
        // Which authorities never reply is drawn, not chosen: named so that a reader can see it, and change it with
        // world.overrides (a country with its own replyProbability is never drawn).
        r.neverReplying().forEach(world.putArray("neverReplying")::add);
        ObjectNode w = n.putObject("workload");
        int maxQueue = 0;
        long sumQueue = 0;
        for (int[] day : r.workload().values()) {
            maxQueue = Math.max(maxQueue, day[0]);
            sumQueue += day[0];
        }
        w.put("maxOfficerQueue", maxQueue);
        w.put("meanOfficerQueue", round(r.workload().isEmpty() ? 0 : (double) sumQueue / r.workload().size()));
        // Within the period, as daily.csv's overdueRepliesSoFar counts them: deadlines that pass while shipments under
        // way are followed after it belong to notifications of the period's last weeks, which the period did not see out.
        Instant periodEnd = periodEnd(r);
        w.put("overdueReplies", cases.stream().filter(c -> c.events.stream()
                .anyMatch(e -> e.what().contains("DEADLINE_PASSED") && e.at().isBefore(periodEnd))).count());
        int read = 0;
        int replied = 0;
        int objections = 0;
        for (int[] c : r.replies().values()) {
            read += c[0];
            replied += c[1];
            objections += c[2];
        }
        ObjectNode rep = n.putObject("replies");
        rep.put("read", read);
        rep.put("replied", replied);
        rep.put("objections", objections);
        proportion(rep, "replyRate", replied, read);
        ObjectNode adaptations = n.putObject("adaptations");
        r.adaptations().forEach((campaign, list) -> {
            ArrayNode a = adaptations.putArray(campaign);
            list.forEach(x -> a.add(x.at() + " " + x.what()));
        });
        return n;
    }

    private static ObjectNode group(List<Case> cases, Function<Case, String> key, Instant observedUntil,
            Map<String, Instant> firstFlag) {
        Map<String, List<Case>> groups = new TreeMap<>();
        for (Case c : cases) {
            groups.computeIfAbsent(key.apply(c), k -> new ArrayList<>()).add(c);
        }
        ObjectNode out = ProtocolJson.mapper().createObjectNode();
        for (var e : groups.entrySet()) {
            List<Case> g = e.getValue();
            ObjectNode m = out.putObject(e.getKey());
            int attempts = g.size();
            m.put("attempts", attempts);
            m.put("notified", g.stream().filter(c -> c.notified).count());
            int detected = (int) g.stream().filter(Case::detected).count();
            m.put("detected", detected);
            proportion(m, "detectionRate", detected, attempts);
            int before = (int) g.stream().filter(c -> c.detected() && c.notified
                    && !c.firstFlagAt.isAfter(c.dispatchDate.atStartOfDay().toInstant(java.time.ZoneOffset.UTC))).count();
            proportion(m, "shareFlaggedBeforeDispatch", before, attempts);
            timeToFlag(m, g, observedUntil);
            int stopped = (int) g.stream().filter(Case::stopped).count();
            m.put("stoppedBeforeShipping", stopped);
            proportion(m, "stoppedRate", stopped, attempts);
            int shipped = (int) g.stream().filter(Case::shipped).count();
            m.put("shipped", shipped);
            proportion(m, "shippedRate", shipped, attempts);
            int seized = (int) g.stream().filter(c -> c.seizedAt != null).count();
            m.put("seized", seized);
            total(m, "kgShipped", g, c -> c.shipped() ? c.pureKg : BigDecimal.ZERO);
            total(m, "kgDiverted", g, c -> c.diverted() ? c.pureKg : BigDecimal.ZERO);
            total(m, "kgShippedAfterFirstFlag", g, c -> c.shipped() && c.campaign != null && firstFlag.containsKey(c.campaign)
                    && !c.shippedAt.isBefore(firstFlag.get(c.campaign)) ? c.pureKg : BigDecimal.ZERO);
            total(m, "kgShippedBeforeFirstFlag", g, c -> c.shipped() && (c.campaign == null || !firstFlag.containsKey(c.campaign)
                    || c.shippedAt.isBefore(firstFlag.get(c.campaign))) ? c.pureKg : BigDecimal.ZERO);
        }
        return out;
    }

    /**
     * Time from submission (or, unnotified, from shipment) to the first flag, Kaplan-Meier: an attempt never
     * flagged is censored when observation ended. The median is "not reached" (null) when fewer than half
     * were flagged.
     */
    static void timeToFlag(ObjectNode m, List<Case> g, Instant observedUntil) {
        List<KaplanMeier.Observation> obs = new ArrayList<>();
        for (Case c : g) {
            obs.add(c.detected() ? new KaplanMeier.Observation(c.hoursToFlag(), true)
                    : new KaplanMeier.Observation((observedUntil.toEpochMilli() - c.submittedAt.toEpochMilli()) / 3_600_000.0,
                            false));
        }
        KaplanMeier km = KaplanMeier.estimate(obs, CONFIDENCE);
        ObjectNode t = m.putObject("timeToFlagHours");
        t.put("method", "kaplan-meier, undetected attempts censored at the end of observation; Greenwood log intervals");
        t.put("flagged", km.events());
        t.put("censored", km.n() - km.events());
        KaplanMeier.Median median = km.median();
        t.put("medianReached", median.reached());
        num(t, "median", median.estimate());
        ArrayNode ci = t.putArray("medianCi");
        ci.add(nullable(median.low()));
        ci.add(nullable(median.high()));
        KaplanMeier.Median p90 = km.quantile(0.9);
        num(t, "p90", p90.estimate());
        ArrayNode p90ci = t.putArray("p90Ci");
        p90ci.add(nullable(p90.low()));
        p90ci.add(nullable(p90.high()));
        ArrayNode curve = t.putArray("curve");
        for (KaplanMeier.Step s : km.steps()) {
            ArrayNode p = curve.addArray();
            p.add(round(s.time()));
            p.add(round(s.survival()));
            p.add(nullable(s.low()));
            p.add(nullable(s.high()));
        }
    }

    private static Map<String, Instant> firstFlagByCampaign(List<Case> g) {
        Map<String, Instant> first = new LinkedHashMap<>();
        for (Case c : g) {
            if (c.detected() && c.campaign != null) {
                first.merge(c.campaign, c.firstFlagAt, (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        return first;
    }

    /**
     * A sum over attempts with a Student-t interval: n times the interval of the mean per attempt. It treats a
     * run's attempts as a sample of what the campaigns could have shipped; across replications, the intervals of
     * replications.json are the ones to publish.
     */
    private static void total(ObjectNode m, String name, List<Case> g, Function<Case, BigDecimal> value) {
        double[] v = new double[g.size()];
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < v.length; i++) {
            BigDecimal x = value.apply(g.get(i));
            sum = sum.add(x);
            v[i] = x.doubleValue();
        }
        m.put(name, sum.setScale(3, java.math.RoundingMode.HALF_UP).toPlainString());
        Interval i = Intervals.mean(v, CONFIDENCE).scaled(v.length);
        ArrayNode ci = m.putArray(name + "Ci");
        ci.add(nullable(Math.max(0, i.low())));
        ci.add(nullable(i.high()));
    }

    static void proportion(ObjectNode m, String name, int successes, int trials) {
        Interval i = Intervals.proportion(successes, trials, CONFIDENCE);
        num(m, name, i.estimate());
        ArrayNode ci = m.putArray(name + "Ci");
        ci.add(nullable(i.low()));
        ci.add(nullable(i.high()));
    }

    /** JSON has no NaN: an undefined figure (no detection, say) is null. */
    static void num(ObjectNode n, String name, double v) {
        if (Double.isNaN(v)) {
            n.putNull(name);
        } else {
            n.put(name, round(v));
        }
    }

    static com.fasterxml.jackson.databind.JsonNode nullable(double v) {
        return Double.isNaN(v) ? ProtocolJson.mapper().nullNode() : ProtocolJson.mapper().getNodeFactory().numberNode(round(v));
    }

    static double round(double v) {
        return Double.isNaN(v) ? Double.NaN : Math.round(v * 1000) / 1000.0;
    }

    /** The figures that calibration compares with published ones, per year of simulated time. */
    static final class CalibrationMeasures {
        private CalibrationMeasures() {
        }

        static ObjectNode of(SimulationRun.Result r) {
            double perYear = 365.0 / r.scenario().durationDays();
            Instant end = periodEnd(r);
            List<Case> inYear = r.cases().stream().filter(c -> c.submittedAt.isBefore(end)).toList();
            ObjectNode c = ProtocolJson.mapper().createObjectNode();
            List<Case> notified = inYear.stream().filter(k -> k.notified).toList();
            c.put("notificationsPerYear", round(notified.size() * perYear));
            Set<String> exporting = new HashSet<>();
            Set<String> importing = new HashSet<>();
            Set<String> voluntaryUsers = new HashSet<>();
            SubstanceCatalogue catalogue = SubstanceCatalogue.standard();
            int voluntary = 0;
            for (Case k : notified) {
                exporting.add(k.exportingCountry);
                importing.add(k.importingCountry);
                if (catalogue.byId(k.substanceId).map(s -> s.list() == ControlList.SURVEILLANCE).orElse(false)) {
                    voluntary++;
                    voluntaryUsers.add(k.exportingCountry);
                }
            }
            c.put("exportingCountries", exporting.size());
            c.put("importingCountries", importing.size());
            c.put("voluntaryChannelCountries", voluntaryUsers.size());
            c.put("voluntaryNotificationsPerYear", round(voluntary * perYear));
            long objections = inYear.stream().filter(k -> "OBJECTION".equals(k.decision)).count();
            c.put("objectionsPerYear", round(objections * perYear));
            long stopped = inYear.stream().filter(k -> k.stopped() || "OBJECTION".equals(k.decision)).count();
            c.put("stoppedOrObjectedPerYear", round(stopped * perYear));
            List<Incident> incidents = r.incidents().stream().filter(i -> i.reportedAt().isBefore(end)).toList();
            c.put("incidentsPerYear", round(incidents.size() * perYear));
            long nonScheduled = incidents.stream().filter(i -> catalogue.byId(i.substanceId())
                    .map(s -> s.list() == ControlList.SURVEILLANCE).orElse(true)).count();
            c.put("nonScheduledIncidentShare", round(incidents.isEmpty() ? 0 : (double) nonScheduled / incidents.size()));
            // Countries that received full notifications and answered none of them.
            Map<String, int[]> perCountry = new TreeMap<>();
            for (Case k : notified) {
                if (!k.licit() || catalogue.byId(k.substanceId).map(s -> s.list() == ControlList.SURVEILLANCE).orElse(false)) {
                    continue;
                }
                int[] x = perCountry.computeIfAbsent(k.importingCountry, y -> new int[2]);
                x[0]++;
                if (k.decision != null) {
                    x[1]++;
                }
            }
            long silent = perCountry.values().stream().filter(x -> x[1] == 0).count();
            c.put("neverReplyingCountryShare", round(perCountry.isEmpty() ? 0 : (double) silent / perCountry.size()));
            return c;
        }
    }
}
