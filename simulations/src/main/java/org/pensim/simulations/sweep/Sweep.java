package org.pensim.simulations.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.simulations.calibration.Replications;
import org.pensim.simulations.engine.SimulationRun;
import org.pensim.simulations.measure.Summary;
import org.pensim.simulations.scenario.ScenarioLoader;
import org.pensim.simulations.statistics.Interval;
import org.pensim.simulations.statistics.LatinHypercube;

/**
 * A parameter sweep: scenario values set by path (see {@link ScenarioPaths}) over a full grid of listed
 * values or a Latin-hypercube sample of ranges, each point run for a number of replications (seeds
 * {@code seed .. seed + n - 1}, the same at every point, so that points are compared on the same licit
 * trade), with Student-t intervals over replications.
 */
public final class Sweep {

    /** One swept value: listed {@code values} (grid) or a {@code [low, high]} range (Latin hypercube). */
    public record Parameter(String path, List<JsonNode> values, double[] range, boolean integer, boolean keepOverrides) {
        public Parameter(String path, List<JsonNode> values) {
            this(path, values, null, false, false);
        }
    }

    /** A sweep file: the base scenario, the design and the parameters. */
    public record Spec(String name, Path scenario, int replications, List<Parameter> parameters, boolean crypto,
            String design, int samples, long designSeed) {
        public Spec(String name, Path scenario, int replications, List<Parameter> parameters, boolean crypto) {
            this(name, scenario, replications, parameters, crypto, "grid", 0, 1);
        }
    }

    /** One point of the design and the summaries of its replications. */
    public record Point(Map<String, JsonNode> settings, List<JsonNode> summaries, List<String> notes) {
    }

    private Sweep() {
    }

    /** Every combination of the parameters' values, in the order the file lists them. */
    public static List<Map<String, JsonNode>> combinations(List<Parameter> parameters) {
        List<Map<String, JsonNode>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (Parameter p : parameters) {
            List<Map<String, JsonNode>> next = new ArrayList<>();
            for (Map<String, JsonNode> partial : out) {
                for (JsonNode v : p.values()) {
                    Map<String, JsonNode> m = new LinkedHashMap<>(partial);
                    m.put(p.path(), v);
                    next.add(m);
                }
            }
            out = next;
        }
        return out;
    }

    /** The design's points: the grid, or {@code samples} Latin-hypercube points of the ranges. */
    public static List<Map<String, JsonNode>> points(Spec spec) {
        if (!"latin-hypercube".equals(spec.design())) {
            return combinations(spec.parameters());
        }
        double[][] unit = LatinHypercube.sample(spec.samples(), spec.parameters().size(), spec.designSeed());
        List<Map<String, JsonNode>> out = new ArrayList<>();
        for (double[] u : unit) {
            Map<String, JsonNode> m = new LinkedHashMap<>();
            for (int i = 0; i < u.length; i++) {
                m.put(spec.parameters().get(i).path(), value(spec.parameters().get(i), u[i]));
            }
            out.add(m);
        }
        return out;
    }

    /** The value of a ranged parameter at {@code u} in [0, 1). */
    public static JsonNode value(Parameter p, double u) {
        if (p.integer()) {
            // Every whole number of the range equally likely, the ends included.
            long low = (long) Math.ceil(p.range()[0]);
            long high = (long) Math.floor(p.range()[1]);
            return ProtocolJson.mapper().getNodeFactory().numberNode(Math.min(high, low + (long) Math.floor(u * (high - low + 1))));
        }
        double v = p.range()[0] + u * (p.range()[1] - p.range()[0]);
        return ProtocolJson.mapper().getNodeFactory().numberNode(Math.round(v * 1e6) / 1e6);
    }

    /** Where replications run: threads of this process, or sweep workers (SweepWorkers). */
    @FunctionalInterface
    public interface Runner {
        /** Starts one replication of the scenario {@code tree} with {@code seed}; its summary when done. */
        Future<JsonNode> start(ObjectNode tree, String source, long seed, boolean crypto);
    }

    /** A runner on {@code threads} threads of this process; shut the pool down when done. */
    public static Runner local(ExecutorService pool) {
        return (tree, source, seed, crypto) -> pool.submit(() -> Summary.of(new SimulationRun(
                ScenarioLoader.fromTree(tree, source), new SimulationRun.Options(seed, crypto, null)).run(), crypto));
    }

    /** Runs the sweep on {@code threads} threads of this process. */
    public static List<Point> run(Spec spec, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            return run(spec, local(pool));
        } finally {
            pool.shutdownNow();
        }
    }

    /** Runs the sweep's replications wherever {@code runner} starts them; the results do not depend on where. */
    public static List<Point> run(Spec spec, Runner runner) throws Exception {
        ObjectNode base = ScenarioLoader.tree(spec.scenario());
        List<Map<String, JsonNode>> design = points(spec);
        List<List<Future<JsonNode>>> futures = new ArrayList<>();
        List<List<String>> notes = new ArrayList<>();
        for (Map<String, JsonNode> point : design) {
            ObjectNode tree = base.deepCopy();
            List<String> pointNotes = new ArrayList<>();
            for (Parameter p : spec.parameters()) {
                List<String> overridden = ScenarioPaths.set(tree, p.path(), point.get(p.path()), p.keepOverrides());
                if (!overridden.isEmpty()) {
                    pointNotes.add(p.path() + (p.keepOverrides() ? " left the overrides of " : " also set the overrides of ")
                            + overridden);
                }
            }
            String source = spec.scenario() + " with " + point;
            long seed = ScenarioLoader.fromTree(tree, source).seed();
            List<Future<JsonNode>> runs = new ArrayList<>();
            for (int i = 0; i < spec.replications(); i++) {
                runs.add(runner.start(tree, source, seed + i, spec.crypto()));
            }
            futures.add(runs);
            notes.add(pointNotes);
        }
        List<Point> out = new ArrayList<>();
        for (int c = 0; c < design.size(); c++) {
            List<JsonNode> summaries = new ArrayList<>();
            for (Future<JsonNode> f : futures.get(c)) {
                summaries.add(f.get());
            }
            out.add(new Point(design.get(c), summaries, notes.get(c)));
        }
        return out;
    }

    /** The measures a sweep reports per point, for each method and overall. */
    public static final List<String> MEASURES = List.of("detectionRate", "stoppedRate", "shippedRate", "kgDiverted");

    public static ObjectNode toJson(Spec spec, List<Point> points) {
        ObjectNode out = ProtocolJson.mapper().createObjectNode();
        out.put("sweep", spec.name());
        out.put("design", spec.design());
        out.put("replications", spec.replications());
        out.put("interval", "Student-t 95 % over replications");
        out.put("signatures", spec.crypto() ? "computed" : "modelled"); // docs/scenarios.md, "Citing a run"
        if (!points.isEmpty()) {
            JsonNode m = points.get(0).summaries().get(0).path("manifest");
            out.put("pensimVersion", m.path("pensimVersion").asText());
            out.put("commit", m.path("commit").asText());
        }
        ArrayNode arr = out.putArray("points");
        for (Point p : points) {
            ObjectNode o = arr.addObject();
            ObjectNode settings = o.putObject("settings");
            p.settings().forEach(settings::set);
            if (!p.notes().isEmpty()) {
                ArrayNode n = o.putArray("notes");
                p.notes().forEach(n::add);
            }
            ArrayNode seeds = o.putArray("seeds");
            p.summaries().forEach(x -> seeds.add(x.path("seed").asLong()));
            o.set("scenario", p.summaries().get(0).path("manifest").path("scenario").deepCopy());
            ObjectNode measures = o.putObject("measures");
            for (String path : measurePaths(p.summaries().get(0))) {
                Interval i = Replications.of(p.summaries(), path);
                ObjectNode m = measures.putObject(path);
                m.put("mean", i.defined() ? r(i.estimate()) : null);
                m.put("ciLow", Double.isNaN(i.low()) ? null : r(i.low()));
                m.put("ciHigh", Double.isNaN(i.high()) ? null : r(i.high()));
            }
        }
        return out;
    }

    /** The measures of a point: each method's and all diversion's {@link #MEASURES}, and the licit false positives. */
    public static List<String> measurePaths(JsonNode summary) {
        List<String> paths = new ArrayList<>();
        for (String m : MEASURES) {
            paths.add("allDiversion." + m);
        }
        summary.get("methods").fieldNames().forEachRemaining(method -> {
            for (String m : MEASURES) {
                paths.add("methods." + method + "." + m);
            }
        });
        paths.add("licit.falsePositiveRate");
        return paths;
    }

    private static double r(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
