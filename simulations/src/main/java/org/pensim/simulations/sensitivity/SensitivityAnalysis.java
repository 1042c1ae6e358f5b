package org.pensim.simulations.sensitivity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.simulations.calibration.Replications;
import org.pensim.simulations.scenario.ScenarioLoader;
import org.pensim.simulations.statistics.Interval;
import org.pensim.simulations.statistics.Intervals;
import org.pensim.simulations.statistics.Morris;
import org.pensim.simulations.statistics.Sobol;
import org.pensim.simulations.sweep.ScenarioPaths;
import org.pensim.simulations.sweep.Sweep;

/**
 * A global sensitivity analysis of a scenario: Morris elementary effects (screening: which parameters
 * matter at all) or Sobol' indices with Saltelli sampling (how much of each output's variance each
 * parameter explains, alone and with its interactions). Every point of the design is one run with the
 * scenario's seed (common random numbers), so differences between points come from the parameters.
 */
public final class SensitivityAnalysis {

    /** The analysis file. */
    public record Spec(String name, Path scenario, String method, int samples, int levels, long seed,
            List<String> outputs, List<Sweep.Parameter> parameters, boolean crypto) {

        public int runs() {
            int k = parameters.size();
            return "sobol".equals(method) ? samples * (k + 2) : samples * (k + 1);
        }
    }

    /** The index of one parameter for one output. */
    public record Index(String output, String parameter, String index, Interval value) {
    }

    /** What the analysis produced: the design in parameter units, the outputs of each point, the indices. */
    public record Result(Spec spec, List<Map<String, JsonNode>> points, Map<String, double[]> outputs, List<Index> indices,
            List<String> notes, JsonNode firstManifest) {
    }

    private SensitivityAnalysis() {
    }

    public static Result run(Spec spec, Sweep.Runner runner) throws Exception {
        return run(spec, runner, done -> { });
    }

    /** As above, telling {@code progress} how many runs are done as they finish in order. */
    public static Result run(Spec spec, Sweep.Runner runner, java.util.function.IntConsumer progress) throws Exception {
        int k = spec.parameters().size();
        double[][] unit;
        Morris.Design morris = null;
        Sobol.Design sobol = null;
        if ("morris".equals(spec.method())) {
            morris = Morris.design(k, spec.samples(), spec.levels(), spec.seed());
            unit = morris.points();
        } else {
            sobol = Sobol.design(k, spec.samples());
            unit = sobol.points();
        }
        ObjectNode base = ScenarioLoader.tree(spec.scenario());
        long seed = ScenarioLoader.fromTree(base, spec.scenario().toString()).seed();
        List<Map<String, JsonNode>> points = new ArrayList<>();
        List<Future<JsonNode>> runs = new ArrayList<>();
        java.util.Set<String> notes = new java.util.LinkedHashSet<>();
        for (int j = 0; j < unit.length; j++) {
            double[] u = unit[j];
            Map<String, JsonNode> point = new LinkedHashMap<>();
            ObjectNode tree = base.deepCopy();
            for (int i = 0; i < k; i++) {
                Sweep.Parameter p = spec.parameters().get(i);
                JsonNode v = Sweep.value(p, Math.min(u[i], Math.nextDown(1.0)));
                point.put(p.path(), v);
                List<String> overridden = ScenarioPaths.set(tree, p.path(), v, p.keepOverrides());
                if (!overridden.isEmpty()) {
                    notes.add(p.path() + (p.keepOverrides() ? " left the overrides of " : " also set the overrides of ")
                            + overridden);
                }
            }
            points.add(point);
            runs.add(runner.start(tree, spec.scenario() + " at " + point, seed, spec.crypto()));
            if (j == 0) {
                // The first run alone: a misspelt output fails after one run, not after the whole design.
                Map<String, Double> first = Replications.measures(runs.get(0).get());
                for (String o : spec.outputs()) {
                    if (!first.containsKey(o)) {
                        throw new ScenarioLoader.ScenarioException("output " + o + " is not a measure of this scenario"
                                + closest(o, first.keySet()) + " (docs/outputs.md lists them)");
                    }
                }
            }
        }
        Map<String, double[]> outputs = new LinkedHashMap<>();
        spec.outputs().forEach(o -> outputs.put(o, new double[unit.length]));
        for (int j = 0; j < runs.size(); j++) {
            Map<String, Double> measures = Replications.measures(runs.get(j).get());
            progress.accept(j + 1);
            for (String o : spec.outputs()) {
                Double v = measures.get(o);
                if (v == null) {
                    throw new ScenarioLoader.ScenarioException("output " + o + " is undefined at point " + points.get(j)
                            + " (name a measure every run has, e.g. allDiversion.detectionRate)");
                }
                outputs.get(o)[j] = v;
            }
        }
        List<Index> indices = new ArrayList<>();
        for (String o : spec.outputs()) {
            if (morris != null) {
                List<Morris.Effects> e = Morris.analyse(morris, outputs.get(o), Intervals.DEFAULT_CONFIDENCE, spec.seed());
                for (int i = 0; i < k; i++) {
                    String p = spec.parameters().get(i).path();
                    // Effects per unit of the [0, 1] design: an effect over the parameter's whole range.
                    indices.add(new Index(o, p, "muStar", e.get(i).muStarInterval()));
                    indices.add(new Index(o, p, "mu", point(e.get(i).mu())));
                    indices.add(new Index(o, p, "sigma", point(e.get(i).sigma())));
                }
            } else {
                List<Sobol.Indices> s = Sobol.analyse(sobol, outputs.get(o), Intervals.DEFAULT_CONFIDENCE, spec.seed());
                for (int i = 0; i < k; i++) {
                    String p = spec.parameters().get(i).path();
                    indices.add(new Index(o, p, "firstOrder", s.get(i).firstOrder()));
                    indices.add(new Index(o, p, "totalOrder", s.get(i).totalOrder()));
                    String noisy = tooFewSamples(s.get(i));
                    if (noisy != null) {
                        notes.add(o + " over " + p + ": " + noisy + " with " + spec.samples() + " base samples: indices outside "
                                + "0 to 1, or intervals this wide, are the estimators' noise, not effects; give more samples "
                                + "(Saltelli et al. 2010 use several hundred to thousands)");
                    }
                }
            }
        }
        return new Result(spec, points, outputs, indices, List.copyOf(notes), runs.get(0).get().path("manifest"));
    }

    /** What makes a Sobol' estimate too noisy to read, said in numbers; null when it can be read. */
    static String tooFewSamples(Sobol.Indices i) {
        for (var e : java.util.List.of(java.util.Map.entry("first-order", i.firstOrder()), java.util.Map.entry("total-order", i.totalOrder()))) {
            Interval v = e.getValue();
            if (!v.defined()) {
                continue;
            }
            boolean outside = v.estimate() < -OUT_OF_RANGE || v.estimate() > 1 + OUT_OF_RANGE;
            boolean wide = !Double.isNaN(v.low()) && !Double.isNaN(v.high()) && v.high() - v.low() > MAX_READABLE_WIDTH;
            if (outside || wide) {
                return String.format(java.util.Locale.ROOT, "the %s index is %.3f [%.3f, %.3f]", e.getKey(), v.estimate(),
                        v.low(), v.high());
            }
        }
        return null;
    }

    /** How far outside 0 to 1 an index may fall by rounding before it is called noise (assumed). */
    private static final double OUT_OF_RANGE = 0.05;
    /** The widest 95 % interval of an index that still tells effects apart (assumed: half the scale). */
    private static final double MAX_READABLE_WIDTH = 0.5;

    public static String closest(String name, java.util.Collection<String> known) {
        org.apache.commons.text.similarity.LevenshteinDistance d = org.apache.commons.text.similarity.LevenshteinDistance
                .getDefaultInstance();
        return known.stream().min(java.util.Comparator.comparingInt(k -> d.apply(k, name)))
                .map(k -> "; closest: " + k).orElse("");
    }

    private static Interval point(double v) {
        return new Interval(v, Double.NaN, Double.NaN, 0, Intervals.DEFAULT_CONFIDENCE, "point estimate");
    }

    /** The index a tornado chart ranks by: total order for Sobol, mu* for Morris. */
    public static String headline(Spec spec) {
        return "morris".equals(spec.method()) ? "muStar" : "totalOrder";
    }

    public static ObjectNode toJson(Result r) {
        ObjectNode out = ProtocolJson.mapper().createObjectNode();
        Spec s = r.spec();
        out.put("analysis", s.name());
        out.put("pensimVersion", r.firstManifest().path("pensimVersion").asText());
        out.put("commit", r.firstManifest().path("commit").asText());
        out.put("seed", r.firstManifest().path("seed").asLong());
        out.put("signatures", s.crypto() ? "computed" : "modelled"); // docs/scenarios.md, "Citing a run"
        out.put("commonRandomNumbers", "every point runs with the scenario's seed");
        out.set("scenario", r.firstManifest().path("scenario").deepCopy());
        ArrayNode notes = out.putArray("notes");
        r.notes().forEach(notes::add);
        out.put("method", s.method());
        out.put("runs", s.runs());
        out.put(s.method().equals("sobol") ? "baseSamples" : "trajectories", s.samples());
        out.put("interval", "bootstrap percentile, 95 %");
        ArrayNode params = out.putArray("parameters");
        s.parameters().forEach(p -> params.addObject().put("path", p.path()).put("low", p.range()[0]).put("high", p.range()[1]));
        ObjectNode ix = out.putObject("indices");
        for (Index i : r.indices()) {
            ObjectNode o = ix.has(i.output()) ? (ObjectNode) ix.get(i.output()) : ix.putObject(i.output());
            ObjectNode p = o.has(i.parameter()) ? (ObjectNode) o.get(i.parameter()) : o.putObject(i.parameter());
            ObjectNode v = p.putObject(i.index());
            v.put("estimate", Double.isNaN(i.value().estimate()) ? null : round(i.value().estimate()));
            v.put("ciLow", Double.isNaN(i.value().low()) ? null : round(i.value().low()));
            v.put("ciHigh", Double.isNaN(i.value().high()) ? null : round(i.value().high()));
        }
        return out;
    }

    static Double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
