package org.pensim.simulations.measure;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.simulations.engine.SimulationRun;

/**
 * The measures of a run (schema in {@code docs/scenarios.md}): per diversion method and per substance,
 * detection rate, time-to-flag distribution in simulated hours, share flagged before dispatch and
 * kilograms shipped before the first flag; false positives on licit trade; officer workload; replies.
 */
public final class Summary {

    private Summary() {
    }

    /** Percentile by nearest rank over sorted values; NaN when there are none. */
    public static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    public static ObjectNode of(SimulationRun.Result r, boolean crypto) {
        ObjectNode n = ProtocolJson.mapper().createObjectNode();
        n.put("scenario", r.scenario().name());
        n.put("seed", r.seed());
        n.put("signatures", crypto ? "computed" : "modelled");
        n.put("start", r.scenario().start().toString());
        n.put("durationDays", r.scenario().durationDays());
        n.put("flagThreshold", r.scenario().flagThreshold());
        List<Case> cases = r.cases();
        n.put("cases", cases.size());
        n.put("notifications", cases.stream().filter(c -> c.notified).count());
        List<Case> licit = cases.stream().filter(Case::licit).toList();
        ObjectNode l = n.putObject("licit");
        l.put("notifications", licit.size());
        long fp = licit.stream().filter(Case::detected).count();
        l.put("flagged", fp);
        l.put("falsePositiveRate", round(licit.isEmpty() ? 0 : (double) fp / licit.size()));
        l.put("objected", licit.stream().filter(c -> "OBJECTION".equals(c.decision)).count());
        n.set("methods", group(cases.stream().filter(c -> !c.licit()).toList(), c -> c.kind));
        n.set("substances", group(cases.stream().filter(c -> !c.licit()).toList(), c -> c.substanceId));
        ObjectNode w = n.putObject("workload");
        int maxQueue = 0;
        long sumQueue = 0;
        for (int[] day : r.workload().values()) {
            maxQueue = Math.max(maxQueue, day[0]);
            sumQueue += day[0];
        }
        w.put("maxOfficerQueue", maxQueue);
        w.put("meanOfficerQueue", round(r.workload().isEmpty() ? 0 : (double) sumQueue / r.workload().size()));
        w.put("overdueReplies", cases.stream().filter(c -> c.state.name().equals("NO_REPLY")
                || c.events.stream().anyMatch(e -> e.what().contains("DEADLINE_PASSED"))).count());
        int delivered = 0;
        int replied = 0;
        int objections = 0;
        for (int[] c : r.replies().values()) {
            delivered += c[0];
            replied += c[1];
            objections += c[2];
        }
        ObjectNode rep = n.putObject("replies");
        rep.put("read", delivered);
        rep.put("replied", replied);
        rep.put("objections", objections);
        rep.put("replyRate", round(delivered == 0 ? 0 : (double) replied / delivered));
        return n;
    }

    private static ObjectNode group(List<Case> cases, Function<Case, String> key) {
        Map<String, List<Case>> groups = new TreeMap<>();
        for (Case c : cases) {
            groups.computeIfAbsent(key.apply(c), k -> new ArrayList<>()).add(c);
        }
        ObjectNode out = ProtocolJson.mapper().createObjectNode();
        for (var e : groups.entrySet()) {
            List<Case> g = e.getValue();
            ObjectNode m = out.putObject(e.getKey());
            long detected = g.stream().filter(Case::detected).count();
            m.put("attempts", g.size());
            m.put("notified", g.stream().filter(c -> c.notified).count());
            m.put("detected", detected);
            m.put("detectionRate", round(g.isEmpty() ? 0 : (double) detected / g.size()));
            double[] hours = g.stream().filter(Case::detected).mapToDouble(Case::hoursToFlag).sorted().toArray();
            ObjectNode t = m.putObject("timeToFlagHours");
            num(t, "p50", percentile(hours, 50));
            num(t, "p90", percentile(hours, 90));
            num(t, "p99", percentile(hours, 99));
            num(t, "max", hours.length == 0 ? Double.NaN : hours[hours.length - 1]);
            long before = g.stream().filter(c -> c.detected() && c.notified
                    && !c.firstFlagAt.isAfter(c.dispatchDate.atStartOfDay().toInstant(java.time.ZoneOffset.UTC))).count();
            m.put("shareFlaggedBeforeDispatch", round(g.isEmpty() ? 0 : (double) before / g.size()));
            m.put("shipped", g.stream().filter(c -> c.shippedAt != null).count());
            m.put("kgShipped", sum(g.stream().filter(c -> c.shippedAt != null).map(c -> c.pureKg).toList()));
            m.put("kgShippedBeforeFirstFlag", kgBeforeFirstFlag(g));
        }
        return out;
    }

    /** Per campaign: what it shipped before any of its attempts was first flagged, summed. */
    private static String kgBeforeFirstFlag(List<Case> g) {
        Map<String, List<Case>> byCampaign = new LinkedHashMap<>();
        for (Case c : g) {
            byCampaign.computeIfAbsent(c.campaign == null ? "?" : c.campaign, k -> new ArrayList<>()).add(c);
        }
        BigDecimal total = BigDecimal.ZERO;
        for (List<Case> campaign : byCampaign.values()) {
            java.time.Instant first = campaign.stream().filter(Case::detected).map(c -> c.firstFlagAt)
                    .min(java.time.Instant::compareTo).orElse(java.time.Instant.MAX);
            for (Case c : campaign) {
                if (c.shippedAt != null && c.shippedAt.isBefore(first)) {
                    total = total.add(c.pureKg);
                }
            }
        }
        return total.setScale(3, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    private static String sum(List<BigDecimal> values) {
        return values.stream().reduce(BigDecimal.ZERO, BigDecimal::add).setScale(3, java.math.RoundingMode.HALF_UP)
                .toPlainString();
    }

    /** JSON has no NaN: an undefined figure (no detection, say) is null. */
    static void num(ObjectNode n, String name, double v) {
        if (Double.isNaN(v)) {
            n.putNull(name);
        } else {
            n.put(name, round(v));
        }
    }

    static double round(double v) {
        return Double.isNaN(v) ? Double.NaN : Math.round(v * 1000) / 1000.0;
    }

    static double[] sorted(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c;
    }
}
