package org.pensim.simulations.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The tidy form of a run's measures, for analysis in R, pandas or a spreadsheet: one row per run, group
 * (method, substance, licit, calibration...), key and measure, with one column per swept parameter and the
 * seed. Intervals become two measures, {@code <name>CiLow} and {@code <name>CiHigh}; an undefined value
 * (a median not reached) is an empty cell.
 */
public final class TidyRows {

    private static final List<String> GROUPED = List.of("methods", "substances");
    private static final List<String> SINGLE = List.of("allDiversion", "licit", "calibration", "replies", "workload");

    private TidyRows() {
    }

    public static List<String> header(List<String> parameters) {
        List<String> h = new ArrayList<>(List.of("run", "seed"));
        h.addAll(parameters);
        h.addAll(List.of("group", "key", "measure", "value"));
        return h;
    }

    /** The rows of one run's summary; {@code parameters} are the swept values, in the header's order. */
    public static List<List<String>> rows(Map<String, String> parameters, int run, JsonNode summary) {
        List<String> prefix = new ArrayList<>(List.of(String.valueOf(run), summary.get("seed").asText()));
        prefix.addAll(parameters.values());
        List<List<String>> out = new ArrayList<>();
        for (String group : GROUPED) {
            summary.get(group).fields().forEachRemaining(e -> flatten(out, prefix, group, e.getKey(), "", e.getValue()));
        }
        for (String group : SINGLE) {
            if (summary.has(group)) {
                flatten(out, prefix, group, "all", "", summary.get(group));
            }
        }
        return out;
    }

    private static void flatten(List<List<String>> out, List<String> prefix, String group, String key, String name,
            JsonNode node) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                var e = it.next();
                if (e.getKey().equals("curve") || e.getKey().equals("method")) {
                    continue; // the curve has its own chart; the method is documentation
                }
                String child = name.isEmpty() ? e.getKey() : name + capitalise(e.getKey());
                flatten(out, prefix, group, key, child, e.getValue());
            }
        } else if (node.isArray() && node.size() == 2 && name.endsWith("Ci")) {
            add(out, prefix, group, key, name + "Low", node.get(0));
            add(out, prefix, group, key, name + "High", node.get(1));
        } else if (node.isNumber() || node.isNull() || node.isBoolean() || node.isTextual()) {
            add(out, prefix, group, key, name, node);
        }
    }

    private static void add(List<List<String>> out, List<String> prefix, String group, String key, String measure,
            JsonNode v) {
        List<String> row = new ArrayList<>(prefix);
        row.addAll(List.of(group, key, measure, v == null || v.isNull() ? "" : v.asText()));
        out.add(row);
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
