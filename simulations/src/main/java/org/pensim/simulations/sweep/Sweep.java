package org.pensim.simulations.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.simulations.engine.SimulationRun;
import org.pensim.simulations.measure.Summary;
import org.pensim.simulations.scenario.Scenario;
import org.pensim.simulations.scenario.ScenarioLoader;

/**
 * A parameter sweep: every combination of the listed values of scenario fields, each run for a number
 * of replications (seeds {@code seed .. seed + n - 1}, the same for every combination, so policies are
 * compared on the same licit trade), summarised as means with 95 % confidence intervals.
 */
public final class Sweep {

    /** One swept field and its values. */
    public record Parameter(String path, List<JsonNode> values) {
    }

    /** A sweep file: the base scenario, the replications and the parameters. */
    public record Spec(String name, Path scenario, int replications, List<Parameter> parameters, boolean crypto) {
    }

    /** The outcome of one combination. */
    public record Point(Map<String, String> settings, Map<String, double[]> detection, Map<String, double[]> shipped,
            double[] falsePositives) {
    }

    private Sweep() {
    }

    /** Every combination of the parameters' values, in the order the file lists them. */
    public static List<Map<String, JsonNode>> combinations(List<Parameter> parameters) {
        List<Map<String, JsonNode>> out = new ArrayList<>();
        out.add(new java.util.LinkedHashMap<>());
        for (Parameter p : parameters) {
            List<Map<String, JsonNode>> next = new ArrayList<>();
            for (Map<String, JsonNode> partial : out) {
                for (JsonNode v : p.values()) {
                    Map<String, JsonNode> m = new java.util.LinkedHashMap<>(partial);
                    m.put(p.path(), v);
                    next.add(m);
                }
            }
            out = next;
        }
        return out;
    }

    /** Where replications run: threads of this process, or sweep workers (SweepWorkers). */
    @FunctionalInterface
    public interface Runner {
        /** Starts one replication of the scenario {@code tree} with {@code seed}; its summary when done. */
        Future<JsonNode> start(ObjectNode tree, String source, long seed, boolean crypto);
    }

    /** Runs the sweep on {@code threads} threads of this process. */
    public static List<Point> run(Spec spec, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            return run(spec, (tree, source, seed, crypto) -> pool.submit(() -> Summary.of(new SimulationRun(
                    ScenarioLoader.fromTree(tree, source), new SimulationRun.Options(seed, crypto, null)).run(), crypto)));
        } finally {
            pool.shutdownNow();
        }
    }

    /** Runs the sweep's replications wherever {@code runner} starts them; the results do not depend on where. */
    public static List<Point> run(Spec spec, Runner runner) throws Exception {
        ObjectNode base = ScenarioLoader.tree(spec.scenario());
        List<Map<String, JsonNode>> combos = combinations(spec.parameters());
        {
            List<List<Future<JsonNode>>> futures = new ArrayList<>();
            for (Map<String, JsonNode> combo : combos) {
                ObjectNode tree = base.deepCopy();
                combo.forEach((path, value) -> set(tree, path, value));
                Scenario s = ScenarioLoader.fromTree(tree, spec.scenario() + " with " + combo);
                List<Future<JsonNode>> runs = new ArrayList<>();
                for (int i = 0; i < spec.replications(); i++) {
                    long seed = s.seed() + i;
                    runs.add(runner.start(tree, spec.scenario() + " with " + combo, seed, spec.crypto()));
                }
                futures.add(runs);
            }
            List<Point> points = new ArrayList<>();
            for (int c = 0; c < combos.size(); c++) {
                Map<String, List<Double>> rates = new TreeMap<>();
                Map<String, List<Double>> shippedRates = new TreeMap<>();
                List<Double> fp = new ArrayList<>();
                for (Future<JsonNode> f : futures.get(c)) {
                    JsonNode summary = f.get();
                    summary.get("methods").fields().forEachRemaining(e -> {
                        rates.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue().get("detectionRate").asDouble());
                        shippedRates.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(
                                e.getValue().get("shipped").asDouble() / Math.max(1, e.getValue().get("attempts").asDouble()));
                    });
                    fp.add(summary.at("/licit/falsePositiveRate").asDouble());
                }
                Map<String, double[]> detection = new TreeMap<>();
                rates.forEach((k, v) -> detection.put(k, meanCi(v)));
                Map<String, double[]> shipped = new TreeMap<>();
                shippedRates.forEach((k, v) -> shipped.put(k, meanCi(v)));
                Map<String, String> settings = new java.util.LinkedHashMap<>();
                combos.get(c).forEach((k, v) -> settings.put(k, v.asText()));
                points.add(new Point(settings, detection, shipped, meanCi(fp)));
            }
            return points;
        }
    }

    /** Mean and normal-approximation 95 % confidence interval. */
    public static double[] meanCi(List<Double> v) {
        double mean = v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double var = v.size() < 2 ? 0 : v.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum() / (v.size() - 1);
        double half = 1.96 * Math.sqrt(var / Math.max(1, v.size()));
        return new double[] {mean, mean - half, mean + half, v.size()};
    }

    /** Sets a dotted path (world.defaults.replyProbability) in a scenario tree; the path must exist. */
    static void set(ObjectNode tree, String path, JsonNode value) {
        String[] parts = path.split("\\.");
        JsonNode node = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            node = node.get(parts[i]);
            if (node == null || !node.isObject()) {
                throw new ScenarioLoader.ScenarioException("sweep parameter " + path + ": the scenario has no '"
                        + String.join(".", java.util.Arrays.copyOf(parts, i + 1)) + "' section");
            }
        }
        if (!node.has(parts[parts.length - 1])) {
            throw new ScenarioLoader.ScenarioException("sweep parameter " + path + ": the scenario has no such field");
        }
        ((ObjectNode) node).set(parts[parts.length - 1], value);
    }

    public static ObjectNode toJson(Spec spec, List<Point> points) {
        ObjectNode out = ProtocolJson.mapper().createObjectNode();
        out.put("sweep", spec.name());
        out.put("replications", spec.replications());
        ArrayNode arr = out.putArray("points");
        for (Point p : points) {
            ObjectNode o = arr.addObject();
            ObjectNode settings = o.putObject("settings");
            p.settings().forEach(settings::put);
            ObjectNode det = o.putObject("detectionRate");
            p.detection().forEach((k, v) -> det.putObject(k).put("mean", r(v[0])).put("ciLow", r(Math.max(0, v[1])))
                    .put("ciHigh", r(Math.min(1, v[2]))));
            ObjectNode sh = o.putObject("shippedShare");
            p.shipped().forEach((k, v) -> sh.putObject(k).put("mean", r(v[0])).put("ciLow", r(Math.max(0, v[1])))
                    .put("ciHigh", r(Math.min(1, v[2]))));
            o.putObject("licitFalsePositiveRate").put("mean", r(p.falsePositives()[0]))
                    .put("ciLow", r(Math.max(0, p.falsePositives()[1]))).put("ciHigh", r(Math.min(1, p.falsePositives()[2])));
        }
        return out;
    }

    private static double r(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
