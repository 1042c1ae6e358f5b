package org.pensim.simulations.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.simulations.sweep.Sweep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Runs a parameter sweep with replications and confidence intervals. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Vary scenario values by path (a grid of listed values, or a Latin-hypercube sample of ranges), run "
                + "each point for the sweep's replications and write sweep.json, sweep.csv, the tidy runs.csv and a chart "
                + "per parameter (means with 95%% Student-t intervals).")
final class SweepCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SWEEP", description = "Sweep YAML (see docs/scenarios.md).")
    Path sweepFile;

    @Option(names = "--out", required = true, paramLabel = "DIR")
    Path out;

    @picocli.CommandLine.Mixin
    RunnerOptions runs;

    @Override
    public Integer call() throws Exception {
        System.setProperty("java.awt.headless", "true");
        if (!Files.isRegularFile(sweepFile)) {
            throw new PensimCommand.CliFailure(sweepFile + " does not exist");
        }
        JsonNode doc;
        try {
            doc = new ObjectMapper(new YAMLFactory()).readTree(sweepFile.toFile());
        } catch (Exception e) {
            throw new PensimCommand.CliFailure(sweepFile + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        for (String required : new String[] {"name", "scenario", "replications", "parameters"}) {
            if (!doc.has(required)) {
                throw new PensimCommand.CliFailure(sweepFile + ": field " + required + " is required");
            }
        }
        String design = doc.path("design").asText("grid");
        if (!design.equals("grid") && !design.equals("latin-hypercube")) {
            throw new PensimCommand.CliFailure(sweepFile + ": design must be grid or latin-hypercube, not '" + design + "'");
        }
        if (!doc.get("parameters").isArray() || doc.get("parameters").isEmpty()) {
            throw new PensimCommand.CliFailure(sweepFile + ": parameters: give a list of at least one parameter (path and values, "
                    + "or path and range)");
        }
        List<Sweep.Parameter> parameters = new ArrayList<>();
        for (JsonNode p : doc.get("parameters")) {
            if (!p.path("path").isTextual()) {
                throw new PensimCommand.CliFailure(sweepFile + ": each parameter needs a path");
            }
            String path = p.get("path").asText();
            boolean keep = p.path("keepOverrides").asBoolean(false);
            if (design.equals("grid")) {
                if (!p.path("values").isArray() || p.get("values").isEmpty()) {
                    throw new PensimCommand.CliFailure(sweepFile + ": parameter " + path + ": a grid needs a non-empty list of values");
                }
                List<JsonNode> values = new ArrayList<>();
                p.get("values").forEach(values::add);
                parameters.add(new Sweep.Parameter(path, values, null, false, keep));
            } else {
                JsonNode range = p.path("range");
                if (!range.isArray() || range.size() != 2 || !range.get(0).isNumber() || !range.get(1).isNumber()
                        || range.get(0).asDouble() >= range.get(1).asDouble()) {
                    throw new PensimCommand.CliFailure(sweepFile + ": parameter " + path
                            + ": a Latin hypercube needs range: [low, high] with low < high");
                }
                parameters.add(new Sweep.Parameter(path, List.of(), new double[] {range.get(0).asDouble(),
                        range.get(1).asDouble()}, p.path("integer").asBoolean(false), keep));
            }
        }
        int samples = doc.path("samples").asInt(0);
        if (design.equals("latin-hypercube") && samples < 2) {
            throw new PensimCommand.CliFailure(sweepFile + ": a Latin hypercube needs samples: N (at least 2)");
        }
        if (doc.get("replications").asInt() < 1) {
            throw new PensimCommand.CliFailure(sweepFile + ": replications must be at least 1");
        }
        OutputDirectory.prepare(spec.commandLine(), out);
        Path scenario = sweepFile.toAbsolutePath().getParent().resolve(doc.get("scenario").asText());
        Sweep.Spec spec = new Sweep.Spec(doc.get("name").asText(), scenario, doc.get("replications").asInt(), parameters,
                runs.crypto, design, samples, doc.path("seed").asLong(1));
        List<Sweep.Point> points = runs.run(runner -> Sweep.run(spec, runner));
        Files.createDirectories(out);
        Files.writeString(out.resolve("sweep.json"), ProtocolJson.pretty(Sweep.toJson(spec, points)) + "\n");
        List<String> names = parameters.stream().map(Sweep.Parameter::path).toList();
        List<String> header = new ArrayList<>(List.of("point"));
        header.addAll(names);
        header.addAll(List.of("measure", "mean", "ciLow", "ciHigh", "replications"));
        List<List<String>> rows = new ArrayList<>();
        List<List<String>> tidy = new ArrayList<>();
        PrintWriter console = spec().getOut();
        console.printf("%-5s %22s %22s %22s  %s%n", "point", "detected (all) [95% CI]", "stopped [95% CI]",
                "licit FP [95% CI]", "settings");
        int run = 0;
        for (int i = 0; i < points.size(); i++) {
            Sweep.Point p = points.get(i);
            List<String> values = names.stream().map(n -> p.settings().get(n).asText()).toList();
            Map<String, String> params = new java.util.LinkedHashMap<>();
            names.forEach(n -> params.put(n, p.settings().get(n).asText()));
            for (String measure : Sweep.measurePaths(p.summaries().get(0))) {
                var ci = org.pensim.simulations.calibration.Replications.of(p.summaries(), measure);
                List<String> row = new ArrayList<>(List.of(String.valueOf(i + 1)));
                row.addAll(values);
                row.addAll(List.of(measure, num(ci.estimate()), num(ci.low()), num(ci.high()), String.valueOf(ci.n())));
                rows.add(row);
            }
            for (JsonNode summary : p.summaries()) {
                tidy.addAll(org.pensim.simulations.report.TidyRows.rows(params, ++run, summary));
            }
            console.printf(Locale.ROOT, "%-5d %22s %22s %22s  %s%n", i + 1, ci(p, "allDiversion.detectionRate"),
                    ci(p, "allDiversion.stoppedRate"), ci(p, "licit.falsePositiveRate"), params);
            p.notes().forEach(n -> console.println("      note: " + n));
        }
        org.pensim.simulations.report.RunOutputs.writeCsv(out.resolve("sweep.csv"), header, rows);
        org.pensim.simulations.report.RunOutputs.writeCsv(out.resolve("runs.csv"),
                org.pensim.simulations.report.TidyRows.header(names), tidy);
        org.pensim.simulations.sweep.SweepCharts.write(spec, points, out);
        console.println("wrote sweep.json, sweep.csv (one row per point and measure), runs.csv (one row per run and measure) "
                + "and sweep-*.png to " + out);
        return 0;
    }

    private static String ci(Sweep.Point p, String measure) {
        var i = org.pensim.simulations.calibration.Replications.of(p.summaries(), measure);
        return !i.defined() ? "-" : Double.isNaN(i.low()) ? String.format(Locale.ROOT, "%.3f", i.estimate())
                : String.format(Locale.ROOT, "%.3f [%.3f,%.3f]", i.estimate(), i.low(), i.high());
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
    }


    private picocli.CommandLine spec() {
        return spec.commandLine();
    }
}
