package org.pensim.simulations.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.simulations.calibration.Calibration;
import org.pensim.simulations.calibration.CalibrationTargets;
import org.pensim.simulations.engine.SimulationRun;
import org.pensim.simulations.measure.Summary;
import org.pensim.simulations.report.RunOutputs;
import org.pensim.simulations.scenario.Scenario;
import org.pensim.simulations.scenario.ScenarioLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Runs a scenario over several seeds and compares it with the published figures. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = "Run SCENARIO over several seeds and compare its figures with published ones (calibration/targets.yaml "
                + "or --targets): published value, simulated mean with its 95 %% interval, relative difference, within "
                + "tolerance. Exit 0 when every trusted (firm or approximate) target is within tolerance, 1 otherwise.")
final class CalibrateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SCENARIO", description = "Scenario YAML.")
    Path scenarioFile;

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "5", description = "Seeds to run (default ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--targets", paramLabel = "FILE", description = "Targets file (default: the shipped calibration/targets.yaml).")
    Path targetsFile;

    @Option(names = "--out", paramLabel = "DIR", description = "Write calibration.csv and calibration.json here.")
    Path out;

    @Option(names = "--signatures", description = "Compute every signature (slower; the figures do not depend on it).")
    boolean signatures;

    @Override
    public Integer call() throws Exception {
        if (seeds < 2) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--seeds must be at least 2 for an interval, not " + seeds);
        }
        Scenario scenario;
        CalibrationTargets targets;
        try {
            scenario = ScenarioLoader.load(scenarioFile);
            targets = targetsFile == null ? CalibrationTargets.standard() : CalibrationTargets.read(targetsFile);
        } catch (ScenarioLoader.ScenarioException e) {
            throw new PensimCommand.CliFailure(e.getMessage());
        }
        if (out != null) {
            OutputDirectory.prepare(spec.commandLine(), out);
        }
        List<JsonNode> summaries = run(scenario, seeds, signatures);
        List<Calibration.Row> rows;
        try {
            rows = Calibration.compare(targets, summaries);
        } catch (IllegalArgumentException e) {
            throw new PensimCommand.CliFailure(e.getMessage());
        }
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "%s over %d seeds (%d..%d), 95 %% Student-t intervals%n", scenario.name(), seeds, scenario.seed(),
                scenario.seed() + seeds - 1);
        o.printf(Locale.ROOT, "%-28s %10s %26s %8s %-12s %s%n", "target", "published", "simulated mean [95% CI]", "diff",
                "confidence", "mean within tolerance");
        List<List<String>> csv = new ArrayList<>();
        boolean ok = true;
        for (Calibration.Row r : rows) {
            String sim = figure(r.simulated().estimate()) + " [" + figure(r.simulated().low()) + ", "
                    + figure(r.simulated().high()) + "]";
            o.printf(Locale.ROOT, "%-28s %10s %26s %+7.1f%% %-12s %s%n", r.target().id(), figure(r.target().value()), sim,
                    100 * r.relativeDifference(), r.target().confidence(),
                    (r.within() ? "yes" : "NO") + " (+-" + Math.round(100 * r.target().tolerance()) + " %)");
            csv.add(List.of(r.target().id(), r.target().measure(), String.valueOf(r.target().value()), r.target().unit(),
                    String.valueOf(Calibration.round(r.simulated().estimate())), String.valueOf(Calibration.round(r.simulated().low())),
                    String.valueOf(Calibration.round(r.simulated().high())), String.valueOf(Calibration.round(r.relativeDifference())),
                    r.target().confidence(),
                    String.valueOf(r.target().tolerance()), String.valueOf(r.within()), r.target().source(),
                    String.valueOf(r.target().year())));
            ok &= r.within() || !r.target().trusted();
        }
        if (out != null) {
            Files.createDirectories(out);
            RunOutputs.writeCsv(out.resolve("calibration.csv"), List.of("target", "measure", "published", "unit",
                    "simulatedMean", "simulatedCiLow", "simulatedCiHigh", "relativeDifference", "confidence", "tolerance",
                    "withinTolerance", "source", "year"), csv);
            Files.writeString(out.resolve("calibration.json"), ProtocolJson.pretty(Calibration.toJson(rows, summaries)) + "\n");
        }
        o.println(Calibration.verdict(rows, seeds == 1));
        return ok ? 0 : 1;
    }

    /** Whole numbers with thousands separators above 10, three decimals below: never 3.050e+04. */
    private static String figure(double v) {
        return Double.isNaN(v) ? "-" : Math.abs(v) >= 10 ? String.format(Locale.ROOT, "%,.0f", v)
                : String.format(Locale.ROOT, "%.3f", v);
    }

    /** One summary per seed, the seeds run side by side on every core. */
    static List<JsonNode> run(Scenario scenario, int seeds, boolean crypto) throws Exception {
        int threads = crypto ? 1 : Math.min(seeds, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<JsonNode>> runs = new ArrayList<>();
            for (int i = 0; i < seeds; i++) {
                long seed = scenario.seed() + i;
                runs.add(pool.submit(() -> Summary.of(new SimulationRun(scenario, new SimulationRun.Options(seed, crypto, null))
                        .run(), crypto)));
            }
            List<JsonNode> out = new ArrayList<>();
            for (Future<JsonNode> f : runs) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
