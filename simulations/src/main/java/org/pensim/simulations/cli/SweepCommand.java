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
import java.util.concurrent.Callable;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.simulations.scenario.ScenarioLoader;
import org.pensim.simulations.sweep.Sweep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Runs a parameter sweep with replications and confidence intervals. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Vary scenario parameters over their listed values, run each combination for the sweep's "
                + "replications and write sweep.json and sweep.csv (mean and 95%% CI of detection rates).")
final class SweepCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SWEEP", description = "Sweep YAML (see docs/scenarios.md).")
    Path sweepFile;

    @Option(names = "--out", required = true, paramLabel = "DIR")
    Path out;

    @Option(names = "--threads", defaultValue = "2", description = "Replications run in parallel (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--crypto", description = "Compute signatures (default: modelled, for speed).")
    boolean crypto;

    @Option(names = "--workers", split = ",", paramLabel = "HOST:PORT",
            description = "Run the replications on these sweep workers (`pensim worker`) instead of this process.")
    List<String> workers;

    @Option(names = "--cluster", defaultValue = "pensim-workers", description = "The workers' cluster name (default: ${DEFAULT-VALUE}).")
    String cluster;

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
        List<Sweep.Parameter> parameters = new ArrayList<>();
        for (JsonNode p : doc.get("parameters")) {
            if (!p.path("path").isTextual() || !p.path("values").isArray() || p.get("values").isEmpty()) {
                throw new PensimCommand.CliFailure(sweepFile + ": each parameter needs a path and a non-empty list of values");
            }
            List<JsonNode> values = new ArrayList<>();
            p.get("values").forEach(values::add);
            parameters.add(new Sweep.Parameter(p.get("path").asText(), values));
        }
        Path scenario = sweepFile.toAbsolutePath().getParent().resolve(doc.get("scenario").asText());
        Sweep.Spec spec = new Sweep.Spec(doc.get("name").asText(), scenario, doc.get("replications").asInt(), parameters, crypto);
        List<Sweep.Point> points;
        com.hazelcast.core.HazelcastInstance client = null;
        try {
            if (workers != null && !workers.isEmpty()) {
                try {
                    client = org.pensim.simulations.sweep.SweepWorkers.connect(cluster, workers);
                } catch (RuntimeException e) {
                    throw new PensimCommand.CliFailure("cannot reach the sweep workers " + workers + " (cluster " + cluster
                            + "): " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
                }
                points = Sweep.run(spec, org.pensim.simulations.sweep.SweepWorkers.runner(client));
            } else {
                points = Sweep.run(spec, threads);
            }
        } catch (ScenarioLoader.ScenarioException e) {
            throw new PensimCommand.CliFailure(e.getMessage());
        } catch (java.util.concurrent.ExecutionException e) {
            throw new PensimCommand.CliFailure(String.valueOf(e.getCause().getMessage()));
        } finally {
            if (client != null) {
                client.shutdown();
            }
        }
        Files.createDirectories(out);
        Files.writeString(out.resolve("sweep.json"), ProtocolJson.pretty(Sweep.toJson(spec, points)) + "\n");
        StringBuilder csv = new StringBuilder("settings,measure,method,mean,ciLow,ciHigh,replications\n");
        PrintWriter console = spec().getOut();
        console.printf("%-50s %-28s %8s %16s %8s %16s%n", "settings", "method", "detected", "95% CI", "shipped", "95% CI");
        for (Sweep.Point p : points) {
            String settings = p.settings().toString().replace(",", ";");
            p.detection().forEach((method, v) -> {
                double[] s = p.shipped().get(method);
                csv.append(String.format(Locale.ROOT, "\"%s\",detectionRate,%s,%.4f,%.4f,%.4f,%d%n", settings, method, v[0],
                        Math.max(0, v[1]), Math.min(1, v[2]), (int) v[3]));
                csv.append(String.format(Locale.ROOT, "\"%s\",shippedShare,%s,%.4f,%.4f,%.4f,%d%n", settings, method, s[0],
                        Math.max(0, s[1]), Math.min(1, s[2]), (int) s[3]));
                console.printf(Locale.ROOT, "%-50s %-28s %8.3f [%5.3f, %5.3f] %8.3f [%5.3f, %5.3f]%n", settings, method,
                        v[0], Math.max(0, v[1]), Math.min(1, v[2]), s[0], Math.max(0, s[1]), Math.min(1, s[2]));
            });
            double[] fp = p.falsePositives();
            csv.append(String.format(Locale.ROOT, "\"%s\",falsePositiveRate,licit,%.4f,%.4f,%.4f,%d%n", settings, fp[0],
                    Math.max(0, fp[1]), Math.min(1, fp[2]), (int) fp[3]));
            console.printf(Locale.ROOT, "%-50s %-28s %7.3f [%5.3f, %5.3f]%n", settings, "licit false positives", fp[0],
                    Math.max(0, fp[1]), Math.min(1, fp[2]));
        }
        Files.writeString(out.resolve("sweep.csv"), csv.toString());
        console.println("wrote " + out.resolve("sweep.json") + " and sweep.csv");
        return 0;
    }

    private picocli.CommandLine spec() {
        return spec.commandLine();
    }
}
