package org.pensim.simulations.calibration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.simulations.statistics.Interval;
import org.pensim.simulations.statistics.Intervals;

/**
 * Measures over replications: every numeric measure of the summaries (by its path, such as
 * {@code methods.FRONT_COMPANY.detectionRate}) as a mean with its Student-t interval over replications.
 */
public final class Replications {

    private Replications() {
    }

    /** Every numeric measure path of a summary, with its value, in the summary's order. */
    public static Map<String, Double> measures(JsonNode summary) {
        Map<String, Double> out = new LinkedHashMap<>();
        measures(summary, out);
        out.values().removeIf(java.util.Objects::isNull);
        return out;
    }

    /** As {@link #measures}, with the measures a summary leaves undefined (null: a median not reached) as null. */
    private static void measures(JsonNode summary, Map<String, Double> out) {
        for (String section : List.of("allDiversion", "methods", "substances", "licit", "calibration", "replies", "workload")) {
            if (summary.has(section)) {
                collect(section, summary.get(section), out);
            }
        }
    }

    private static void collect(String path, JsonNode node, Map<String, Double> out) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                var e = it.next();
                if (!e.getKey().equals("curve") && !e.getKey().endsWith("Ci")) {
                    collect(path + "." + e.getKey(), e.getValue(), out);
                }
            }
        } else if (node.isNull()) {
            out.putIfAbsent(path, null);
        } else if (node.isNumber()) {
            out.put(path, node.asDouble());
        } else if (node.isTextual() && node.asText().matches("-?[0-9]+(\\.[0-9]+)?")) {
            out.put(path, Double.parseDouble(node.asText())); // kilograms are exact decimal strings
        }
    }

    /**
     * Why {@code path} cannot name a measure, or null if it can: checked before any run, so that a typo costs
     * nothing. Methods must be in the library; substances, keys below them and calibration names are
     * checked once a summary exists.
     */
    public static String problem(String path) {
        String[] parts = path.split("\\.");
        List<String> sections = List.of("allDiversion", "methods", "substances", "licit", "calibration", "replies", "workload");
        if (parts.length < 2 || !sections.contains(parts[0])) {
            return "'" + path + "' is not a measure: start with one of " + sections
                    + " (e.g. methods.FRONT_COMPANY.detectionRate, allDiversion.kgDiverted, licit.falsePositiveRate)";
        }
        if (parts[0].equals("methods")) {
            try {
                org.pensim.simulations.diversion.DiversionLibrary.standard().method(parts[1]);
            } catch (IllegalArgumentException e) {
                return "'" + path + "': " + e.getMessage();
            }
            if (parts.length < 3) {
                return "'" + path + "': name the measure after the method, e.g. " + path + ".detectionRate";
            }
        }
        return null;
    }

    /** The interval of one measure over the summaries; undefined where a replication lacks it (a median not reached). */
    public static Interval of(List<JsonNode> summaries, String measure) {
        List<Double> v = new ArrayList<>();
        for (JsonNode s : summaries) {
            Double x = measures(s).get(measure);
            if (x == null) {
                return Interval.undefined(summaries.size(), Intervals.DEFAULT_CONFIDENCE, "student-t");
            }
            v.add(x);
        }
        Interval i = Intervals.mean(v.stream().mapToDouble(Double::doubleValue).toArray(), Intervals.DEFAULT_CONFIDENCE);
        // A t interval knows nothing of bounds: a share stays within [0, 1], kilograms and counts above 0.
        String leaf = measure.substring(measure.lastIndexOf('.') + 1);
        boolean share = isShare(measure);
        double lo = share || !leaf.contains("Difference") ? Math.max(0, i.low()) : i.low();
        double hi = share ? Math.min(1, i.high()) : i.high();
        return new Interval(i.estimate(), Double.isNaN(i.low()) ? i.low() : lo, Double.isNaN(i.high()) ? i.high() : hi, i.n(),
                i.confidence(), i.method());
    }

    /**
     * Whether a measure is a share of something (between 0 and 1), by the names summaries give their shares
     * ({@code ...Rate}, {@code ...Share}, {@code share...}). Not by an interval beside it: kilograms and times have one too.
     */
    static boolean isShare(String measure) {
        String leaf = measure.substring(measure.lastIndexOf('.') + 1);
        return leaf.endsWith("Rate") || leaf.endsWith("Share") || leaf.startsWith("share");
    }

    /**
     * A rate pooled over replications: the successes ({@code count}: detected, stoppedBeforeShipping, shipped) of
     * every replication over all their attempts, with a Wilson interval. Where replications agree exactly the
     * Student-t interval has no width; this one still says how many attempts the rate rests on.
     */
    public static Interval pooled(List<JsonNode> summaries, String group, String count) {
        int successes = 0;
        int attempts = 0;
        for (JsonNode s : summaries) {
            JsonNode g = s.at("/" + group.replace('.', '/'));
            successes += g.path(count).asInt();
            attempts += g.path("attempts").asInt();
        }
        return Intervals.proportion(successes, attempts, Intervals.DEFAULT_CONFIDENCE);
    }

    private static final Map<String, String> RATE_COUNTS = Map.of("detectionRate", "detected", "stoppedRate",
            "stoppedBeforeShipping", "shippedRate", "shipped");

    public static ObjectNode aggregate(List<JsonNode> summaries) {
        ObjectNode agg = ProtocolJson.mapper().createObjectNode();
        agg.put("replications", summaries.size());
        var seeds = agg.putArray("seeds");
        summaries.forEach(x -> seeds.add(x.path("seed").asLong()));
        agg.set("manifest", summaries.get(0).path("manifest").deepCopy()); // the first replication's: the same but its seed
        agg.put("interval", "Student-t 95 % over replications");
        ObjectNode m = agg.putObject("measures");
        // Every measure of any replication, also one undefined in all of them: a script reads each by its path.
        Map<String, Double> paths = new LinkedHashMap<>();
        summaries.forEach(s -> measures(s, paths));
        for (String path : paths.keySet()) {
            Interval i = of(summaries, path);
            ObjectNode o = m.putObject(path);
            if (!i.defined()) {
                o.putNull("mean");
                o.put("note", "undefined in at least one replication (for a median: not reached)");
                continue;
            }
            o.put("mean", Calibration.round(i.estimate()));
            o.put("ciLow", Double.isNaN(i.low()) ? null : Calibration.round(i.low()));
            o.put("ciHigh", Double.isNaN(i.high()) ? null : Calibration.round(i.high()));
            o.put("n", i.n());
            if (i.n() > 1 && i.width() == 0) {
                o.put("note", "the same value in every replication: the Student-t interval has no width");
            }
            String leaf = path.substring(path.lastIndexOf('.') + 1);
            String group = path.substring(0, path.lastIndexOf('.'));
            if (RATE_COUNTS.containsKey(leaf) && (group.startsWith("methods.") || group.startsWith("substances.")
                    || group.equals("allDiversion"))) {
                Interval p = pooled(summaries, group, RATE_COUNTS.get(leaf));
                o.putObject("pooled").put("estimate", Calibration.round(p.estimate()))
                        .put("ciLow", Calibration.round(p.low())).put("ciHigh", Calibration.round(p.high()))
                        .put("attempts", p.n()).put("interval", "Wilson 95 %, attempts of all replications pooled");
            }
        }
        return agg;
    }
}
