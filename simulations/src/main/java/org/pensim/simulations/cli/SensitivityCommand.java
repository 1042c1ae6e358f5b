package org.pensim.simulations.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.simulations.report.Charts;
import org.pensim.simulations.report.RunOutputs;
import org.pensim.simulations.sensitivity.SensitivityAnalysis;
import org.pensim.simulations.sweep.Sweep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Runs a Morris or Sobol sensitivity analysis over named parameters and ranges. */
@Command(name = "sensitivity", mixinStandardHelpOptions = true,
        description = "Global sensitivity analysis of a scenario (docs/scenarios.md): Morris elementary effects or Sobol' "
                + "indices with Saltelli sampling over named parameters and ranges, on this machine's threads or on sweep "
                + "workers. Writes sensitivity.json, sensitivity.csv, points.csv and a tornado chart per output.")
final class SensitivityCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "Analysis YAML: name, scenario, method (morris or sobol), samples, "
            + "outputs, parameters (path and range).")
    Path file;

    @Option(names = "--out", required = true, paramLabel = "DIR")
    Path out;

    @Option(names = "--quiet", description = "No progress line.")
    boolean quiet;

    @picocli.CommandLine.Mixin
    RunnerOptions runs;

    @Override
    public Integer call() throws Exception {
        System.setProperty("java.awt.headless", "true");
        SensitivityAnalysis.Spec analysis = read();
        OutputDirectory.prepare(spec.commandLine(), out);
        PrintWriter console = spec.commandLine().getOut();
        console.printf(Locale.ROOT, "%s: %s over %d parameters, %d runs%n", analysis.name(), analysis.method(),
                analysis.parameters().size(), analysis.runs());
        long t0 = System.nanoTime();
        SensitivityAnalysis.Result result;
        PrintWriter err = spec.commandLine().getErr();
        result = runs.run(runner -> SensitivityAnalysis.run(analysis, runner, done -> {
            if (!quiet && (done % 8 == 0 || done == analysis.runs())) {
                double elapsed = (System.nanoTime() - t0) / 1e9;
                err.printf(Locale.ROOT, "\r%d/%d runs, ETA %.0f s   ", done, analysis.runs(),
                        elapsed / done * (analysis.runs() - done));
                err.flush();
            }
        }));
        if (!quiet) {
            err.print("\r" + " ".repeat(40) + "\r");
            err.flush();
        }
        Files.createDirectories(out);
        Files.writeString(out.resolve("sensitivity.json"), ProtocolJson.pretty(SensitivityAnalysis.toJson(result)) + "\n");
        List<List<String>> rows = new ArrayList<>();
        for (SensitivityAnalysis.Index i : result.indices()) {
            rows.add(List.of(i.output(), i.parameter(), i.index(), num(i.value().estimate()), num(i.value().low()),
                    num(i.value().high())));
        }
        RunOutputs.writeCsv(out.resolve("sensitivity.csv"), List.of("output", "parameter", "index", "estimate", "ciLow",
                "ciHigh"), rows);
        List<String> header = new ArrayList<>(List.of("point"));
        analysis.parameters().forEach(p -> header.add(p.path()));
        header.addAll(analysis.outputs());
        List<List<String>> points = new ArrayList<>();
        for (int j = 0; j < result.points().size(); j++) {
            List<String> row = new ArrayList<>(List.of(String.valueOf(j + 1)));
            result.points().get(j).values().forEach(v -> row.add(v.asText()));
            for (String o : analysis.outputs()) {
                row.add(num(result.outputs().get(o)[j]));
            }
            points.add(row);
        }
        RunOutputs.writeCsv(out.resolve("points.csv"), header, points);
        result.notes().forEach(n -> console.println("note: " + n));
        String headline = SensitivityAnalysis.headline(analysis);
        int n = 0;
        for (String o : analysis.outputs()) {
            n++;
            List<SensitivityAnalysis.Index> ranked = result.indices().stream()
                    .filter(i -> i.output().equals(o) && i.index().equals(headline))
                    .sorted(Comparator.comparingDouble((SensitivityAnalysis.Index i) -> -nz(i.value().estimate()))).toList();
            console.printf(Locale.ROOT, "%s (%s, 95 %% bootstrap interval):%n", o, headline);
            List<Charts.Estimate> bars = new ArrayList<>();
            for (SensitivityAnalysis.Index i : ranked) {
                console.printf(Locale.ROOT, "  %-48s %8.4f [%.4f, %.4f]%n", i.parameter(), i.value().estimate(), i.value().low(),
                        i.value().high());
                bars.add(new Charts.Estimate(i.parameter(), i.value().estimate(), i.value().low(), i.value().high()));
            }
            String axis = headline.equals("totalOrder") ? "total-order Sobol' index (share of the output's variance)"
                    : "mu*: mean absolute change of the output over the parameter's range (in the output's units)";
            Files.write(out.resolve("tornado-" + n + "-" + o.replaceAll("[^A-Za-z0-9._-]", "_") + ".png"),
                    Charts.png(Charts.estimates("Sensitivity of " + o, axis, bars, null,
                            "bars: estimate; whiskers: bootstrap 95 % interval (1,000 resamples)"), 1000, Charts.height(bars.size())));
        }
        console.printf(Locale.ROOT, "%d runs in %.0f s; wrote sensitivity.json, sensitivity.csv, points.csv and tornado-*.png to %s%n",
                analysis.runs(), (System.nanoTime() - t0) / 1e9, out);
        return 0;
    }

    private SensitivityAnalysis.Spec read() {
        if (!Files.isRegularFile(file)) {
            throw new PensimCommand.CliFailure(file + " does not exist");
        }
        JsonNode doc;
        try {
            doc = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (Exception e) {
            throw new PensimCommand.CliFailure(file + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        for (String required : new String[] {"name", "scenario", "method", "outputs", "parameters"}) {
            if (doc == null || !doc.has(required)) {
                throw new PensimCommand.CliFailure(file + ": field " + required + " is required");
            }
        }
        String method = doc.get("method").asText();
        if (!method.equals("morris") && !method.equals("sobol")) {
            throw new PensimCommand.CliFailure(file + ": method must be morris or sobol, not '" + method + "'");
        }
        int samples = doc.path("samples").asInt(method.equals("sobol") ? 64 : 10);
        int levels = doc.path("levels").asInt(4);
        if (samples < 2 || (method.equals("morris") && (levels < 2 || levels % 2 != 0))) {
            throw new PensimCommand.CliFailure(file + ": samples must be at least 2, and Morris levels an even number");
        }
        List<Sweep.Parameter> parameters = new ArrayList<>();
        for (JsonNode p : doc.get("parameters")) {
            JsonNode range = p.path("range");
            if (!p.path("path").isTextual() || !range.isArray() || range.size() != 2 || !range.get(0).isNumber()
                    || !range.get(1).isNumber() || range.get(0).asDouble() >= range.get(1).asDouble()) {
                throw new PensimCommand.CliFailure(file + ": each parameter needs a path and range: [low, high] with low < high");
            }
            parameters.add(new Sweep.Parameter(p.get("path").asText(), List.of(), new double[] {range.get(0).asDouble(),
                    range.get(1).asDouble()}, p.path("integer").asBoolean(false), p.path("keepOverrides").asBoolean(false)));
        }
        if (parameters.isEmpty()) {
            throw new PensimCommand.CliFailure(file + ": give at least one parameter");
        }
        List<String> outputs = new ArrayList<>();
        if (!doc.get("outputs").isArray() || doc.get("outputs").isEmpty()) {
            throw new PensimCommand.CliFailure(file + ": outputs: give a list of measures, e.g. [allDiversion.detectionRate]");
        }
        doc.get("outputs").forEach(o -> outputs.add(o.asText()));
        for (String o : outputs) {
            String problem = org.pensim.simulations.calibration.Replications.problem(o);
            if (problem != null) {
                throw new PensimCommand.CliFailure(file + ": outputs: " + problem);
            }
        }
        if (method.equals("morris") && parameters.stream().anyMatch(Sweep.Parameter::integer)) {
            throw new PensimCommand.CliFailure(file + ": Morris steps through each range in fractions of it; give "
                    + "whole-number parameters to method: sobol, or leave out integer: true");
        }
        Path scenario = file.toAbsolutePath().getParent().resolve(doc.get("scenario").asText());
        return new SensitivityAnalysis.Spec(doc.get("name").asText(), scenario, method, samples, levels, doc.path("seed").asLong(1),
                outputs, parameters, runs.crypto);
    }

    private static double nz(double v) {
        return Double.isNaN(v) ? -1 : v;
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros()
                .toPlainString();
    }
}
