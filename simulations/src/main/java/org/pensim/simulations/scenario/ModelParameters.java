package org.pensim.simulations.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.text.similarity.LevenshteinDistance;
import org.pensim.protocol.screening.IndicatorCode;
import org.pensim.protocol.screening.ScreeningPolicy;

/**
 * Every behavioural number of the model, resolved: the defaults of {@code model/defaults.yaml} (each with its
 * source) overlaid by the scenario's {@code model:} section. Read once when a run starts, never per event.
 */
public final class ModelParameters {

    /** One resolved value and where it came from: the default's source, or "scenario"; its bounds, if any. */
    public record Parameter(JsonNode value, String source, Double min, Double max) {
        public Parameter(JsonNode value, String source) {
            this(value, source, null, null);
        }
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<String, Parameter> DEFAULTS = loadDefaults();

    private final Map<String, Parameter> resolved;

    private ModelParameters(Map<String, Parameter> resolved) {
        this.resolved = resolved;
    }

    public static ModelParameters defaults() {
        return new ModelParameters(DEFAULTS);
    }

    /** The defaults overlaid by a scenario's {@code model} tree (null for none); unknown paths are refused. */
    public static ModelParameters of(JsonNode scenarioModel) {
        Map<String, Parameter> m = new LinkedHashMap<>(DEFAULTS);
        if (scenarioModel != null && !scenarioModel.isNull()) {
            Map<String, JsonNode> given = new LinkedHashMap<>();
            flatten("", scenarioModel, given);
            List<String> problems = new ArrayList<>();
            given.forEach((path, value) -> {
                Parameter d = DEFAULTS.get(path);
                if (d == null) {
                    problems.add("model." + path + ": no such model parameter" + closest(path));
                } else if (d.value().isNumber() && !value.isNumber()) {
                    problems.add("model." + path + ": must be a number, not '" + value.asText() + "'");
                } else if (d.min() != null && value.asDouble() < d.min() || d.max() != null && value.asDouble() > d.max()) {
                    problems.add("model." + path + ": must be " + (d.max() == null ? "at least " + fmt(d.min())
                            : fmt(d.min()) + " to " + fmt(d.max())) + ", not " + value.asText());
                } else {
                    m.put(path, new Parameter(value, "scenario", d.min(), d.max()));
                }
            });
            if (!problems.isEmpty()) {
                throw new ScenarioLoader.ScenarioException(String.join("; ", problems));
            }
        }
        return new ModelParameters(m);
    }

    /** Every path, resolved, in the defaults file's order. */
    public Map<String, Parameter> resolved() {
        return java.util.Collections.unmodifiableMap(resolved);
    }

    public static boolean isParameter(String path) {
        return DEFAULTS.containsKey(path);
    }

    public double number(String path) {
        Parameter p = resolved.get(path);
        if (p == null) {
            throw new IllegalArgumentException("no model parameter " + path);
        }
        return p.value().asDouble();
    }

    public int integer(String path) {
        return (int) Math.round(number(path));
    }

    /** A probability, checked when read so that a swept 1.2 fails with its name rather than silently. */
    public double probability(String path) {
        double p = number(path);
        if (p < 0 || p > 1) {
            throw new ScenarioLoader.ScenarioException("model." + path + ": a probability must be 0 to 1, not " + p);
        }
        return p;
    }

    /** The screening policy these parameters describe: weights and thresholds of every indicator. */
    public ScreeningPolicy screeningPolicy() {
        ScreeningPolicy policy = ScreeningPolicy.defaults();
        for (IndicatorCode code : IndicatorCode.values()) {
            String base = "screening.indicators." + code.name() + ".";
            policy = policy.withWeight(code, number(base + "weight"));
            for (String threshold : code.defaultThresholds().keySet()) {
                policy = policy.withThreshold(code, threshold, number(base + threshold));
            }
        }
        return policy;
    }

    /** The typical licit consignment of a substance, in kilograms. */
    public double typicalKg(String substanceId) {
        Parameter p = resolved.get("orders.typicalKg." + substanceId);
        return p != null ? p.value().asDouble() : number("orders.typicalKg.other");
    }

    /** The resolved parameters as a tree of {value, source}, for the manifest. */
    public ObjectNode toJson() {
        ObjectNode out = org.pensim.protocol.json.ProtocolJson.mapper().createObjectNode();
        resolved.forEach((path, p) -> out.putObject(path).put("source", p.source()).set("value", p.value()));
        return out;
    }

    private static String fmt(Double v) {
        return v == Math.rint(v) ? String.valueOf(v.longValue()) : String.valueOf(v);
    }

    private static String closest(String path) {
        LevenshteinDistance d = LevenshteinDistance.getDefaultInstance();
        return DEFAULTS.keySet().stream().min(java.util.Comparator.comparingInt(k -> d.apply(k, path)))
                .map(k -> " (closest: model." + k + ")").orElse("");
    }

    private static void flatten(String prefix, JsonNode node, Map<String, JsonNode> out) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                var e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else {
            out.put(prefix, node);
        }
    }

    private static Map<String, Parameter> loadDefaults() {
        try (InputStream in = ModelParameters.class.getResourceAsStream("/model/defaults.yaml")) {
            Map<String, Parameter> m = new LinkedHashMap<>();
            collect("", YAML.readTree(in), m);
            return java.util.Collections.unmodifiableMap(m);
        } catch (IOException e) {
            throw new IllegalStateException("model/defaults.yaml is missing from the build", e);
        }
    }

    /** A leaf of the defaults file is an object with exactly {@code value} and {@code source}. */
    private static void collect(String prefix, JsonNode node, Map<String, Parameter> out) {
        if (node.has("value") && node.has("source")) {
            out.put(prefix, new Parameter(node.get("value"), node.get("source").asText(),
                    node.has("min") ? node.get("min").asDouble() : null, node.has("max") ? node.get("max").asDouble() : null));
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            var e = it.next();
            collect(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
        }
    }
}
