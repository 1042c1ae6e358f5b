package org.pensim.simulations.report;

import com.fasterxml.jackson.databind.JsonNode;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.pensim.simulations.calibration.Replications;
import org.pensim.simulations.statistics.Interval;

/**
 * replications.html: the page to read after a run of several replications. Each measure is the mean over
 * replications with its Student-t interval (which carries the variation between seeds), rates also pooled
 * over all attempts with a Wilson interval; each replication's own report is in replication-N/. The page is the
 * {@code replications.jte} template.
 */
public final class ReplicationsReport {

    private static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(ContentType.Html);

    /** What replications.html shows, formatted. */
    public record Model(String scenario, int replications, List<String> seeds, String version, String commit,
            String signatures, List<MethodRow> methods, String chartBase64Png, List<Row> measures, String stoppingRule) {
    }

    /** An estimate with its interval ("" when it has none); the estimate is "n/a" when undefined. */
    public record Estimate(String value, String ci) {
    }

    /** A method's row; {@code median} is null when some replications did not reach it ({@code medianNotReached} of them). */
    public record MethodRow(String method, Estimate detectionRate, Estimate pooled, long pooledOf, Estimate stoppedRate,
            Estimate median, long medianNotReached, Estimate kgDiverted) {
    }

    public record Row(String label, Estimate value) {
    }

    private ReplicationsReport() {
    }

    public static void write(List<JsonNode> summaries, Path dir) throws IOException {
        write(summaries, dir, null);
    }

    /** As above, saying in {@code stoppingRule} (or not, when null) how the number of replications was decided. */
    public static void write(List<JsonNode> summaries, Path dir, String stoppingRule) throws IOException {
        JsonNode first = summaries.get(0);
        List<String> seeds = new ArrayList<>();
        summaries.forEach(s -> seeds.add(s.path("seed").asText()));
        JsonNode m = first.path("manifest");
        List<MethodRow> methods = new ArrayList<>();
        List<Charts.Estimate> bars = new ArrayList<>();
        List<String[]> groups = new ArrayList<>();
        first.path("methods").fieldNames().forEachRemaining(method -> groups.add(new String[] {method, "methods." + method}));
        if (first.has("allDiversion")) {
            groups.add(new String[] {RunOutputs.ALL_DIVERSION, "allDiversion"});
        }
        groups.forEach(group -> {
            String method = group[0];
            String g = group[1];
            Interval det = Replications.of(summaries, g + ".detectionRate");
            Interval pooled = Replications.pooled(summaries, g, "detected");
            Interval median = Replications.of(summaries, g + ".timeToFlagHours.median");
            long reached = summaries.stream().filter(s -> s.at("/" + g.replace('.', '/') + "/timeToFlagHours/medianReached")
                    .asBoolean()).count();
            methods.add(new MethodRow(method, ci(det, 3), ci(pooled, 3), pooled.n(),
                    ci(Replications.of(summaries, g + ".stoppedRate"), 3), reached == summaries.size() ? ci(median, 1) : null,
                    summaries.size() - reached, ci(Replications.of(summaries, g + ".kgDiverted"), 0)));
            bars.add(new Charts.Estimate(method, det.estimate(), det.low(), det.high()));
        });
        byte[] png = Charts.png(Charts.estimates("Detection rate by method over " + summaries.size() + " replications",
                "share of attempts flagged, or revealed by a seizure (mean over replications)", bars, 1.0,
                "bars: mean; whiskers: Student-t 95 % interval over replications"), 900, Charts.height(bars.size()));
        Files.write(dir.resolve("replications-detection.png"), png);
        List<Row> measures = new ArrayList<>();
        measures.add(row(summaries, "licit.falsePositiveRate", "licit false-positive rate", 3));
        measures.add(row(summaries, "licit.stoppedRate", "licit shipments stopped", 3));
        first.path("calibration").fieldNames().forEachRemaining(c -> measures.add(row(summaries, "calibration." + c, c, 3)));
        Model model = new Model(first.path("scenario").asText(), summaries.size(), seeds, m.path("pensimVersion").asText(),
                m.path("commit").asText(), first.path("signatures").asText(), methods, Base64.getEncoder().encodeToString(png),
                measures, stoppingRule);
        StringOutput out = new StringOutput();
        TEMPLATES.render("replications.jte", model, out);
        Files.writeString(dir.resolve("replications.html"), out.toString(), StandardCharsets.UTF_8);
    }

    private static Row row(List<JsonNode> summaries, String path, String label, int decimals) {
        Interval i = Replications.of(summaries, path);
        // Counts and yearly figures as whole numbers, shares with three decimals.
        int d = i.defined() && Math.abs(i.estimate()) >= 10 ? 0 : decimals;
        return new Row(label, ci(i, d));
    }

    private static Estimate ci(Interval i, int decimals) {
        if (!i.defined()) {
            return new Estimate("n/a", "");
        }
        String f = "%." + decimals + "f";
        String est = String.format(Locale.ROOT, f, i.estimate());
        if (Double.isNaN(i.low())) {
            return new Estimate(est, "");
        }
        return new Estimate(est, "[" + String.format(Locale.ROOT, f, i.low()) + ", " + String.format(Locale.ROOT, f, i.high()) + "]");
    }
}
