package org.pensim.simulations.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pensim.simulations.scenario.ModelParameters;
import org.pensim.simulations.scenario.ScenarioLoader.ScenarioException;

/**
 * Sets a value in a scenario tree by path: {@code flagThreshold}, {@code campaigns[2].quantityKg},
 * {@code world.overrides.NG.replyProbability} (an override is created if the country has none),
 * {@code model.seizure.notifiedProbability} (any model parameter, whether the scenario sets it or not).
 * A swept default ({@code world.defaults.x}) also reaches the countries that override {@code x}, unless
 * the sweep keeps their overrides: either way the caller is told which countries those are.
 */
public final class ScenarioPaths {

    private static final Pattern STEP = Pattern.compile("([A-Za-z0-9_-]+)((?:\\[[0-9]+\\])*)");

    private ScenarioPaths() {
    }

    /** Sets {@code path} to {@code value}; returns the countries whose override of a swept default was changed or kept. */
    public static List<String> set(ObjectNode tree, String path, JsonNode value, boolean keepOverrides) {
        if (path.startsWith("model.")) {
            String parameter = path.substring("model.".length());
            if (!ModelParameters.isParameter(parameter)) {
                throw new ScenarioException("sweep parameter " + path + ": no such model parameter (model/defaults.yaml lists them)");
            }
            // The scenario may write its model section nested or with dotted keys: rewrite it as one flat map of
            // full paths, so that the swept value cannot be shadowed by another spelling of the same path.
            java.util.Map<String, JsonNode> flat = new java.util.LinkedHashMap<>();
            if (tree.path("model").isObject()) {
                flatten("", tree.get("model"), flat);
            }
            flat.put(parameter, value);
            ObjectNode model = tree.putObject("model");
            flat.forEach(model::set);
            return List.of();
        }
        if (path.startsWith("world.overrides.")) {
            String[] parts = path.split("\\.");
            if (parts.length != 4) {
                throw new ScenarioException("sweep parameter " + path + ": write world.overrides.COUNTRY.field");
            }
            ObjectNode world = object(tree, "world", path);
            ObjectNode overrides = world.path("overrides").isObject() ? (ObjectNode) world.get("overrides")
                    : world.putObject("overrides");
            ObjectNode country = overrides.path(parts[2]).isObject() ? (ObjectNode) overrides.get(parts[2])
                    : overrides.putObject(parts[2]);
            country.set(parts[3], value);
            return List.of();
        }
        JsonNode node = tree;
        String[] steps = path.split("\\.");
        for (int s = 0; s < steps.length; s++) {
            Matcher m = STEP.matcher(steps[s]);
            if (!m.matches()) {
                throw new ScenarioException("sweep parameter " + path + ": '" + steps[s] + "' is not a field name or field[index]");
            }
            String field = m.group(1);
            List<Integer> indices = new ArrayList<>();
            Matcher idx = Pattern.compile("\\[([0-9]+)\\]").matcher(m.group(2));
            while (idx.find()) {
                indices.add(Integer.parseInt(idx.group(1)));
            }
            boolean last = s == steps.length - 1;
            if (!node.isObject()) {
                throw new ScenarioException("sweep parameter " + path + ": '" + field + "' is not inside a section");
            }
            if (last && indices.isEmpty()) {
                // A field the scenario leaves out may be set too; the scenario's reader refuses names it does not know.
                ((ObjectNode) node).set(field, value);
                break;
            }
            if (!node.has(field) && indices.isEmpty()) {
                ((ObjectNode) node).putObject(field); // a section left out, e.g. campaigns[0].adaptation
            } else if (!node.has(field)) {
                throw new ScenarioException("sweep parameter " + path + ": the scenario has no '" + field + "' list");
            }
            JsonNode child = node.get(field);
            for (int k = 0; k < indices.size(); k++) {
                int i = indices.get(k);
                if (!child.isArray() || i >= child.size()) {
                    throw new ScenarioException("sweep parameter " + path + ": " + field + " has no element [" + i + "] (it has "
                            + (child.isArray() ? child.size() : 0) + ")");
                }
                if (last && k == indices.size() - 1) {
                    ((ArrayNode) child).set(i, value);
                    return List.of();
                }
                child = child.get(i);
            }
            node = child;
        }
        return overriddenAlso(tree, path, value, keepOverrides);
    }

    private static List<String> overriddenAlso(ObjectNode tree, String path, JsonNode value, boolean keep) {
        if (!path.startsWith("world.defaults.")) {
            return List.of();
        }
        String field = path.substring("world.defaults.".length());
        JsonNode overrides = tree.path("world").path("overrides");
        List<String> countries = new ArrayList<>();
        overrides.fields().forEachRemaining(e -> {
            if (e.getValue().has(field)) {
                countries.add(e.getKey());
                if (!keep) {
                    ((ObjectNode) e.getValue()).set(field, value);
                }
            }
        });
        return countries;
    }

    private static void flatten(String prefix, JsonNode node, java.util.Map<String, JsonNode> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(),
                    e.getValue(), out));
        } else {
            out.put(prefix, node);
        }
    }

    private static ObjectNode object(ObjectNode tree, String field, String path) {
        if (!tree.path(field).isObject()) {
            throw new ScenarioException("sweep parameter " + path + ": the scenario has no '" + field + "' section");
        }
        return (ObjectNode) tree.get(field);
    }
}
