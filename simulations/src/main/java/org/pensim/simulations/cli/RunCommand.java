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
        description = "Run a scenario on a virtual clock and write its measures with their intervals to DIR: summary.json "
                + "(with a manifest), report.html, CSVs and charts (docs/outputs.md); with several replications also "
                + "replications.json and replications.html.")
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

    @Option(names = "--replications", paramLabel = "N", description = "Replications (seeds SEED .. SEED+N-1); default: the scenario's.")
    Integer replications;

    @Option(names = "--until-width", paramLabel = "W", description = "Add replications until the 95 %% interval of --measure "
            + "is narrower than W (at most --max-replications).")
    Double untilWidth;

    @Option(names = "--measure", paramLabel = "PATH", description = "The measure --until-width watches, as in replications.json "
            + "(e.g. methods.FRONT_COMPANY.detectionRate).")
    String measure;

    @Option(names = "--max-replications", paramLabel = "N", defaultValue = "200", description = "Limit for --until-width "
            + "(default ${DEFAULT-VALUE}).")
    int maxReplications;

    @Override
    public Integer call() throws Exception {
        if ((untilWidth == null) != (measure == null)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--until-width and --measure go together");
        }
        if (untilWidth != null && untilWidth <= 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--until-width must be more than 0");
        }
        if (measure != null && org.pensim.simulations.calibration.Replications.problem(measure) != null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--measure "
                    + org.pensim.simulations.calibration.Replications.problem(measure));
        }
        if (maxReplications < 2 || maxReplications > 1000) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--max-replications must be 2 to 1000, not "
                    + maxReplications);
        }
        if (replications != null && (replications < 1 || replications > 1000)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--replications must be 1 to 1000, not " + replications);
        }
        System.setProperty("java.awt.headless", "true");
        Scenario scenario;
        try {
            scenario = ScenarioLoader.load(scenarioFile);
        } catch (ScenarioLoader.ScenarioException e) {
            throw new PensimCommand.CliFailure(e.getMessage());
        }
        long baseSeed = seed != null ? seed : scenario.seed();
        OutputDirectory.prepare(spec.commandLine(), out);
        int replaced = RunOutputs.clearPrevious(out);
        if (replaced > 0) {
            spec.commandLine().getErr().println("note: replaced the outputs of an earlier run in " + out);
        }
        PrintWriter console = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (parallel != null && parallel < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--parallel must be at least 1, not " + parallel);
        }
        int reps = replications != null ? replications : untilWidth != null ? Math.max(3, scenario.replications())
                : scenario.replications();
        // With signatures computed, one replication already keeps every core busy (its crypto pool).
        int cores = parallel != null ? parallel : noCrypto ? Runtime.getRuntime().availableProcessors() : 1;
        int limit = untilWidth != null ? Math.max(reps, maxReplications) : reps;
        Progress progress = quiet ? null : new Progress(err, limit);
        if (progress != null) {
            progress.plan(reps);
        }
        long started = System.nanoTime();
        double[] secondsPerRun = new double[limit];
        ObjectNode[] all = new ObjectNode[limit];
        int threads = Math.min(reps, cores);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(Math.max(1, cores), r -> {
            Thread t = new Thread(r, "pensim-replication");
            t.setDaemon(true);
            return t;
        });
        int done = 0;
        ObjectNode stoppingRule = null; // with --until-width: what was asked and what was reached, for the outputs
        boolean multiple = reps > 1 || untilWidth != null;
        try {
            int batch = reps;
            while (true) {
                List<java.util.concurrent.Future<?>> running = new ArrayList<>();
                for (int rep = done; rep < done + batch; rep++) {
                    int index = rep;
                    running.add(pool.submit(() -> {
                        // Each replication has its own seed and random streams: where and when it runs changes nothing.
                        long t0 = System.nanoTime();
                        SimulationRun.Result result = new SimulationRun(scenario, new SimulationRun.Options(baseSeed + index,
                                !noCrypto, progress == null ? null : f -> progress.update(index, f))).run();
                        secondsPerRun[index] = (System.nanoTime() - t0) / 1e9;
                        ObjectNode summary = Summary.of(result, !noCrypto);
                        all[index] = summary;
                        RunOutputs.write(result, summary, multiple ? out.resolve("replication-" + (index + 1)) : out);
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
                done += batch;
                if (untilWidth == null) {
                    break;
                }
                List<com.fasterxml.jackson.databind.JsonNode> sofar = List.of(java.util.Arrays.copyOf(all, done));
                boolean everywhere = sofar.stream().allMatch(x -> org.pensim.simulations.calibration.Replications.measures(x)
                        .containsKey(measure));
                if (!everywhere) {
                    var known = org.pensim.simulations.calibration.Replications.measures(sofar.get(0)).keySet();
                    throw new PensimCommand.CliFailure("--measure " + measure + ": not defined in every replication (no "
                            + "such method, substance or field in this scenario, or a median not reached)"
                            + (known.contains(measure) ? "" : org.pensim.simulations.sensitivity.SensitivityAnalysis.closest(
                                    measure, known)) + "; the measures are listed in docs/outputs.md");
                }
                var interval = org.pensim.simulations.calibration.Replications.of(sofar, measure);
                stoppingRule = stoppingRule(interval, done, limit);
                if (interval.defined() && interval.width() < untilWidth) {
                    console.printf(Locale.ROOT, "%s: interval width %.4g below %.4g after %d replications: %.4g [%.4g, %.4g]%n",
                            measure, interval.width(), untilWidth, done, interval.estimate(), interval.low(), interval.high());
                    break;
                }
                if (done >= limit) {
                    console.printf(Locale.ROOT, "%s: interval width %s still not below %.4g after %d replications (the limit)%n",
                            measure, interval.defined() ? String.format(Locale.ROOT, "%.4g", interval.width()) : "undefined",
                            untilWidth, done);
                    break;
                }
                batch = Math.min(Math.max(1, cores), limit - done);
                if (progress != null) {
                    progress.plan(done + batch);
                }
                threads = Math.max(threads, batch);
            }
        } finally {
            pool.shutdownNow();
            if (progress != null) {
                progress.clear();
            }
        }
        reps = done;
        ObjectNode[] summaries = java.util.Arrays.copyOf(all, done);
        double[] simulatedSeconds = java.util.Arrays.copyOf(secondsPerRun, done);
        double seconds = (System.nanoTime() - started) / 1e9;
        if (multiple) {
            console.println("replication 1 (seed " + baseSeed + "); every replication's tables and report are in "
                    + out.resolve("replication-N") + ":");
        }
        printTable(console, summaries[0]);
        if (multiple) {
            List<com.fasterxml.jackson.databind.JsonNode> each = List.of(summaries);
            ObjectNode agg = org.pensim.simulations.calibration.Replications.aggregate(each);
            if (stoppingRule != null) {
                agg.set("stoppingRule", stoppingRule);
            }
            Files.writeString(out.resolve("replications.json"), ProtocolJson.pretty(agg) + "\n");
            List<List<String>> tidy = new ArrayList<>();
            for (int i = 0; i < summaries.length; i++) {
                tidy.addAll(org.pensim.simulations.report.TidyRows.rows(Map.of(), i + 1, summaries[i]));
            }
            RunOutputs.writeCsv(out.resolve("runs.csv"), org.pensim.simulations.report.TidyRows.header(List.of()), tidy);
            org.pensim.simulations.report.ReplicationsReport.write(each, out, stoppingRule == null ? null : stoppingRule.path("said").asText());
            console.println("detection rate over " + reps + " replications: mean with its 95% Student-t CI over replications, "
                    + "and the attempts of all replications pooled with a Wilson interval");
            summaries[0].get("methods").fieldNames().forEachRemaining(m -> {
                var i = org.pensim.simulations.calibration.Replications.of(each, "methods." + m + ".detectionRate");
                var pooled = org.pensim.simulations.calibration.Replications.pooled(each, "methods." + m, "detected");
                console.printf(Locale.ROOT, "  %-28s %.3f [%s, %s]%s   pooled %.3f [%.3f, %.3f] of %d attempts%n", m,
                        i.estimate(), Double.isNaN(i.low()) ? "-" : String.format(Locale.ROOT, "%.3f", i.low()),
                        Double.isNaN(i.high()) ? "-" : String.format(Locale.ROOT, "%.3f", i.high()),
                        i.width() == 0 ? " (same in every replication)" : "", pooled.estimate(), pooled.low(), pooled.high(),
                        pooled.n());
            });
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
        /** Replications planned so far: --until-width plans more as it goes. */
        private int planned;

        Progress(PrintWriter err, int replications) {
            this.err = err;
            this.fractions = new double[replications];
            this.planned = replications;
        }

        synchronized void plan(int replications) {
            planned = replications;
        }

        synchronized void update(int replication, double fraction) {
            fractions[replication] = fraction;
            long now = System.nanoTime();
            if (now - lastPrinted < 100_000_000L && fraction < 1) {
                return; // ten times a second is enough for a human
            }
            lastPrinted = now;
            double done = java.util.Arrays.stream(fractions).sum() / planned;
            long finished = java.util.Arrays.stream(fractions).filter(f -> f >= 1).count();
            int width = 30;
            int filled = (int) Math.round(done * width);
            double elapsed = (now - t0) / 1e9;
            double eta = done <= 0 ? 0 : elapsed * (1 - done) / done;
            // One run is a run: "replications 0/1 done" read as if nothing were happening.
            String what = planned == 1 ? "simulating" : String.format(Locale.ROOT, "replications %d/%d done", finished, planned);
            err.printf(Locale.ROOT, "\r%s [%s%s] %3.0f%% ETA %s ", what,
                    "#".repeat(filled), ".".repeat(width - filled), done * 100,
                    done < 0.02 ? "--" : String.format(Locale.ROOT, "%.0f s", eta));
            err.flush();
        }

        synchronized void clear() {
            err.print("\r" + " ".repeat(75) + "\r");
            err.flush();
        }
    }

    /** The --until-width rule as replications.json records it, so that a sequential design can be reported as one. */
    private ObjectNode stoppingRule(org.pensim.simulations.statistics.Interval interval, int done, int limit) {
        boolean met = interval.defined() && interval.width() < untilWidth;
        ObjectNode rule = ProtocolJson.mapper().createObjectNode();
        rule.put("rule", "add replications until the 95 % Student-t interval of the measure is narrower than the target width");
        rule.put("measure", measure);
        rule.put("targetWidth", untilWidth);
        rule.put("maxReplications", limit);
        rule.put("replications", done);
        if (interval.defined()) {
            rule.put("width", Math.round(interval.width() * 1e4) / 1e4);
        } else {
            rule.putNull("width");
        }
        rule.put("met", met);
        rule.put("said", String.format(Locale.ROOT, "replications were added until the 95 %% interval of %s was narrower than "
                + "%s, at most %d: %s after %d replications", measure, untilWidth, limit, met
                ? String.format(Locale.ROOT, "width %.4g", interval.width())
                : "not met (width " + (interval.defined() ? String.format(Locale.ROOT, "%.4g", interval.width()) : "undefined")
                        + ")", done));
        return rule;
    }

    static void printTable(PrintWriter out, JsonNode summary) {
        out.printf("%-27s %8s %8s %19s %17s %7s %7s %12s%n", "method", "attempts", "detected", "rate [95% CI]",
                "ttf median h", "stopped", "shipped", "kg diverted");
        List<Map.Entry<String, JsonNode>> rows = new ArrayList<>();
        summary.get("methods").fields().forEachRemaining(rows::add);
        if (summary.has("allDiversion")) {
            rows.add(Map.entry(org.pensim.simulations.report.RunOutputs.ALL_DIVERSION, summary.get("allDiversion")));
        }
        rows.forEach(e -> {
            JsonNode m = e.getValue();
            JsonNode t = m.get("timeToFlagHours");
            out.printf(Locale.ROOT, "%-27s %8d %8d %19s %17s %7d %7d %12s%n", e.getKey(), m.get("attempts").asInt(),
                    m.get("detected").asInt(), rate(m, "detectionRate"),
                    t.get("medianReached").asBoolean() ? num(t.get("median")) : "not reached", m.get("stoppedBeforeShipping").asInt(),
                    m.get("shipped").asInt(), m.get("kgDiverted").asText());
        });
        JsonNode l = summary.get("licit");
        out.printf(Locale.ROOT, "%-27s %8d %8d %19s  (false positives; %d stopped)%n", "licit", l.get("notifications").asInt(),
                l.get("flagged").asInt(), rate(l, "falsePositiveRate"), l.get("stopped").asInt());
        JsonNode r = summary.get("replies");
        JsonNode w = summary.get("workload");
        out.printf(Locale.ROOT, "reply rate %.3f (%d objections); officer queue max %d, mean %.1f; reply deadlines passed unanswered %d%n",
                r.get("replyRate").asDouble(), r.get("objections").asInt(), w.get("maxOfficerQueue").asInt(),
                w.get("meanOfficerQueue").asDouble(), w.get("overdueReplies").asInt());
    }

    private static String rate(JsonNode m, String name) {
        JsonNode ci = m.get(name + "Ci");
        return m.get(name).isNull() ? "-" : String.format(Locale.ROOT, "%.3f [%.3f,%.3f]", m.get(name).asDouble(),
                ci.get(0).asDouble(), ci.get(1).asDouble());
    }

    private static String num(JsonNode n) {
        return n == null || n.isNull() ? "-" : String.format(Locale.ROOT, "%.1f", n.asDouble());
    }
}
