package org.pensim.simulations.scenario;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Relative weights per country (how much of the trade it sends or receives). Written in YAML as a map
 * ({@code {CN: 20, IN: 14}}) or, for equal weights, a list ({@code [DE, NL]}).
 */
public record Weights(Map<String, Double> byCountry) {

    public Weights {
        byCountry = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byCountry));
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Weights fromYaml(JsonNode node) {
        Map<String, Double> m = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return new Weights(m);
        }
        if (node.isArray()) {
            node.forEach(n -> m.put(n.asText(), 1.0));
        } else if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (!e.getValue().isNumber() || e.getValue().asDouble() < 0) {
                    throw new IllegalArgumentException("the weight of " + e.getKey() + " must be a number, 0 or more");
                }
                m.put(e.getKey(), e.getValue().asDouble());
            });
        } else {
            throw new IllegalArgumentException("give countries as a list or as a map of country to weight");
        }
        return new Weights(m);
    }

    public static Weights equal(List<String> countries) {
        Map<String, Double> m = new LinkedHashMap<>();
        countries.forEach(c -> m.put(c, 1.0));
        return new Weights(m);
    }

    @JsonValue
    public Map<String, Double> byCountry() {
        return byCountry;
    }

    public List<String> countries() {
        return List.copyOf(byCountry.keySet());
    }
}
