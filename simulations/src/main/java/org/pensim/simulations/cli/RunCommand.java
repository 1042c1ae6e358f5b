package org.pensim.simulations.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.pensim.protocol.json.ProtocolJson;
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

/** Runs a scenario and writes its measures, tables and charts. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a scenario on a virtual clock and write summary.json, notifications.csv, flags.csv, "
                + "events.csv, report.html and PNG charts to DIR.")
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SCENARIO", description = "Scenario YAML (see docs/scenarios.md).")
    Path scenarioFile;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory for the outputs.")
    Path out;

    @Option(names = "--seed", paramLabel = "N", description = "Seed (default: the scenario's).")
    Long seed;

    @Option(names = "--no-crypto", description = "Model signatures and document validation instead of computing them.")
    boolean noCrypto;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Option(names = "--parallel", paramLabel = "N", description = "Replications run side by side (default: one per "
            + "core with --no-crypto; 1 otherwise, as each replication's signatures already use every core). "
            + "The outputs do not depend on it.")
    Integer parallel;

    @Override
    public Integer call() throws Exception {
        System.setProperty("java.awt.headless", "true");
        Scenario scenario;
        try {
            scenario = ScenarioLoader.load(scenarioFile);
        } catch (ScenarioLoader.ScenarioException e) {
            throw new PensimCommand.CliFailure(e.getMessage());
        }
        long baseSeed = seed != null ? seed : scenario.seed();
        PrintWriter console = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (parallel != null && parallel < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--parallel must be at least 1, not " + parallel);
        }
        int reps = scenario.replications();
        // With signatures computed, one replication already keeps every core busy (its crypto pool).
        int threads = Math.min(reps, parallel != null ? parallel : noCrypto ? Runtime.getRuntime().availableProcessors() : 1);
        Progress progress = quiet ? null : new Progress(err, reps);
        long started = System.nanoTime();
        double[] simulatedSeconds = new double[reps];
        ObjectNode[] summaries = new ObjectNode[reps];
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "pensim-replication");
            t.setDaemon(true);
            return t;
        });
        try {
            List<java.util.concurrent.Future<?>> running = new ArrayList<>();
            for (int rep = 0; rep < reps; rep++) {
                int index = rep;
                running.add(pool.submit(() -> {
                    // Each replication has its own seed and random streams: where and when it runs changes nothing.
                    long t0 = System.nanoTime();
                    SimulationRun.Result result = new SimulationRun(scenario, new SimulationRun.Options(baseSeed + index,
                            !noCrypto, progress == null ? null : f -> progress.update(index, f))).run();
                    simulatedSeconds[index] = (System.nanoTime() - t0) / 1e9;
                    ObjectNode summary = Summary.of(result, !noCrypto);
                    summaries[index] = summary;
                    RunOutputs.write(result, summary, reps == 1 ? out : out.resolve("replication-" + (index + 1)));
                    return null;
                }));
            }
            for (var f : running) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw e.getCause() instanceof Exception ex ? ex : e;
                }
            }
        } finally {
            pool.shutdownNow();
            if (progress != null) {
                progress.clear();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        printTable(console, summaries[0]);
        if (reps > 1) {
            ObjectNode agg = aggregate(List.of(summaries));
            Files.writeString(out.resolve("replications.json"), ProtocolJson.pretty(agg) + "\n");
            console.println("detection rate over " + reps + " replications (mean, 95% CI):");
            agg.get("methods").fields().forEachRemaining(e -> console.printf(Locale.ROOT, "  %-28s %.3f [%.3f, %.3f]%n",
                    e.getKey(), e.getValue().get("mean").asDouble(), e.getValue().get("ciLow").asDouble(),
                    e.getValue().get("ciHigh").asDouble()));
        }
        long notifications = java.util.Arrays.stream(summaries).mapToLong(s -> s.get("notifications").asLong()).sum();
        if (threads == 1) {
            double simulated = java.util.Arrays.stream(simulatedSeconds).sum();
            console.printf(Locale.ROOT, "%d notifications simulated in %.1f s (%.0f a second; %.1f s with the outputs); outputs in %s%n",
                    notifications, simulated, notifications / simulated, seconds, out);
        } else {
            // Replications overlap: only the wall-clock time of the whole run, outputs included, means anything.
            console.printf(Locale.ROOT, "%d notifications in %d replications on %d threads: %.1f s with the outputs (%.0f a second); outputs in %s%n",
                    notifications, reps, threads, seconds, notifications / seconds, out);
        }
        return 0;
    }

    /** One progress bar for all replications, running one after the other or side by side, with an ETA. */
    private static final class Progress {
        private final PrintWriter err;
        private final double[] fractions;
        private final long t0 = System.nanoTime();
        private long lastPrinted;

        Progress(PrintWriter err, int replications) {
            this.err = err;
            this.fractions = new double[replications];
        }

        synchronized void update(int replication, double fraction) {
            fractions[replication] = fraction;
            long now = System.nanoTime();
            if (now - lastPrinted < 100_000_000L && fraction < 1) {
                return; // ten times a second is enough for a human
            }
            lastPrinted = now;
            double done = java.util.Arrays.stream(fractions).sum() / fractions.length;
            long finished = java.util.Arrays.stream(fractions).filter(f -> f >= 1).count();
            int width = 30;
            int filled = (int) Math.round(done * width);
            double elapsed = (now - t0) / 1e9;
            double eta = done <= 0 ? 0 : elapsed * (1 - done) / done;
            err.printf(Locale.ROOT, "\rreplications %d/%d done [%s%s] %3.0f%% ETA %s ", finished, fractions.length,
                    "#".repeat(filled), ".".repeat(width - filled), done * 100,
                    done < 0.02 ? "--" : String.format(Locale.ROOT, "%.0f s", eta));
            err.flush();
        }

        synchronized void clear() {
            err.print("\r" + " ".repeat(75) + "\r");
            err.flush();
        }
    }

    static void printTable(PrintWriter out, JsonNode summary) {
        out.printf("%-28s %8s %8s %6s %9s %9s %8s %14s%n", "method", "attempts", "detected", "rate", "ttf p50 h",
                "ttf p90 h", "pre-disp", "kg before flag");
        summary.get("methods").fields().forEachRemaining(e -> {
            JsonNode m = e.getValue();
            JsonNode t = m.get("timeToFlagHours");
            out.printf(Locale.ROOT, "%-28s %8d %8d %6.3f %9s %9s %8.3f %14s%n", e.getKey(), m.get("attempts").asInt(),
                    m.get("detected").asInt(), m.get("detectionRate").asDouble(), num(t.get("p50")), num(t.get("p90")),
                    m.get("shareFlaggedBeforeDispatch").asDouble(), m.get("kgShippedBeforeFirstFlag").asText());
        });
        JsonNode l = summary.get("licit");
        out.printf(Locale.ROOT, "%-28s %8d %8d %6.3f  (false positives)%n", "licit", l.get("notifications").asInt(),
                l.get("flagged").asInt(), l.get("falsePositiveRate").asDouble());
        JsonNode r = summary.get("replies");
        JsonNode w = summary.get("workload");
        out.printf(Locale.ROOT, "reply rate %.3f (%d objections); officer queue max %d, mean %.1f; overdue replies %d%n",
                r.get("replyRate").asDouble(), r.get("objections").asInt(), w.get("maxOfficerQueue").asInt(),
                w.get("meanOfficerQueue").asDouble(), w.get("overdueReplies").asInt());
    }

    private static String num(JsonNode n) {
        return n == null || n.isNull() ? "-" : String.format(Locale.ROOT, "%.1f", n.asDouble());
    }

    /** Mean and normal-approximation 95% confidence interval of each method's detection rate. */
    static ObjectNode aggregate(List<ObjectNode> summaries) {
        Map<String, List<Double>> rates = new TreeMap<>();
        for (ObjectNode s : summaries) {
            s.get("methods").fields().forEachRemaining(e ->
                    rates.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue().get("detectionRate").asDouble()));
        }
        ObjectNode agg = ProtocolJson.mapper().createObjectNode();
        agg.put("replications", summaries.size());
        ObjectNode methods = agg.putObject("methods");
        rates.forEach((k, v) -> {
            double mean = v.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            double var = v.size() < 2 ? 0 : v.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum() / (v.size() - 1);
            double half = 1.96 * Math.sqrt(var / v.size());
            methods.putObject(k).put("mean", mean).put("ciLow", Math.max(0, mean - half)).put("ciHigh", Math.min(1, mean + half))
                    .put("n", v.size());
        });
        return agg;
    }
}
