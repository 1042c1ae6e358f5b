package org.pensim.simulations.report;

import com.fasterxml.jackson.databind.JsonNode;
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
 * over all attempts with a Wilson interval; each replication's own report is in replication-N/.
 */
public final class ReplicationsReport {

    private ReplicationsReport() {
    }

    public static void write(List<JsonNode> summaries, Path dir) throws IOException {
        JsonNode first = summaries.get(0);
        StringBuilder h = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>pensim: ")
                .append(RunOutputs.esc(first.path("scenario").asText())).append(", ").append(summaries.size())
                .append(" replications</title><style>body{font-family:sans-serif;margin:2em auto;max-width:72em;line-height:1.4}"
                        + "table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:.25em .5em;"
                        + "text-align:right}th{background:#f3f3f3}td.l,th.l{text-align:left}.ci{color:#555;font-size:.9em}"
                        + "img{max-width:100%}</style></head><body>");
        List<String> seeds = new ArrayList<>();
        summaries.forEach(s -> seeds.add(s.path("seed").asText()));
        JsonNode m = first.path("manifest");
        h.append("<h1>pensim: ").append(RunOutputs.esc(first.path("scenario").asText())).append(", ").append(summaries.size())
                .append(" replications</h1><p>Seeds ").append(String.join(", ", seeds)).append("; pensim ")
                .append(RunOutputs.esc(m.path("pensimVersion").asText())).append(", commit ")
                .append(RunOutputs.esc(m.path("commit").asText())).append("; signatures ").append(first.path("signatures").asText())
                .append(". Each figure is the mean over replications with its Student-t 95 % interval over replications: "
                        + "the interval to publish, as it carries the variation between seeds. Rates are also given pooled over "
                        + "the attempts of all replications, with a Wilson interval, which still says how many attempts they rest "
                        + "on where every replication agreed. Each replication's own report is in <code>replication-N/report.html"
                        + "</code>; every measure by path is in <code>replications.json</code>.</p>");
        h.append("<h2>Per diversion method</h2><table><tr><th class=\"l\">method</th><th>detection rate</th>"
                + "<th>pooled</th><th>stopped before shipping</th><th>median time to flag, h</th><th>kg diverted</th></tr>");
        List<Charts.Estimate> bars = new ArrayList<>();
        first.path("methods").fieldNames().forEachRemaining(method -> {
            String g = "methods." + method;
            Interval det = Replications.of(summaries, g + ".detectionRate");
            Interval pooled = Replications.pooled(summaries, g, "detected");
            Interval stopped = Replications.of(summaries, g + ".stoppedRate");
            Interval median = Replications.of(summaries, g + ".timeToFlagHours.median");
            Interval kg = Replications.of(summaries, g + ".kgDiverted");
            long reached = summaries.stream().filter(s -> s.at("/methods/" + method + "/timeToFlagHours/medianReached")
                    .asBoolean()).count();
            h.append("<tr><td class=\"l\">").append(RunOutputs.esc(method)).append("</td><td>").append(ci(det, 3))
                    .append("</td><td>").append(ci(pooled, 3)).append(" <span class=\"ci\">of ").append(pooled.n())
                    .append("</span></td><td>").append(ci(stopped, 3)).append("</td><td>")
                    .append(reached == summaries.size() ? ci(median, 1) : "not reached in " + (summaries.size() - reached) + " of "
                            + summaries.size())
                    .append("</td><td>").append(ci(kg, 0)).append("</td></tr>");
            bars.add(new Charts.Estimate(method, det.estimate(), det.low(), det.high()));
        });
        h.append("</table>");
        byte[] png = Charts.png(Charts.estimates("Detection rate by method over " + summaries.size() + " replications",
                "share of attempts flagged, or revealed by a seizure (mean over replications)", bars, 1.0,
                "bars: mean; whiskers: Student-t 95 % interval over replications"), 900, Charts.height(bars.size()));
        Files.write(dir.resolve("replications-detection.png"), png);
        h.append("<img alt=\"Detection rate by method over replications\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png)).append("\">");
        h.append("<h2>Licit trade and the published figures</h2><table><tr><th class=\"l\">measure</th><th>mean [95 % interval]</th></tr>");
        row(h, summaries, "licit.falsePositiveRate", "licit false-positive rate", 3);
        row(h, summaries, "licit.stoppedRate", "licit shipments stopped", 3);
        first.path("calibration").fieldNames().forEachRemaining(c -> row(h, summaries, "calibration." + c, c, 3));
        h.append("</table></body></html>\n");
        Files.writeString(dir.resolve("replications.html"), h, StandardCharsets.UTF_8);
    }

    private static void row(StringBuilder h, List<JsonNode> summaries, String path, String label, int decimals) {
        Interval i = Replications.of(summaries, path);
        // Counts and yearly figures as whole numbers, shares with three decimals.
        int d = i.defined() && Math.abs(i.estimate()) >= 10 ? 0 : decimals;
        h.append("<tr><td class=\"l\">").append(RunOutputs.esc(label)).append("</td><td>").append(ci(i, d)).append("</td></tr>");
    }

    private static String ci(Interval i, int decimals) {
        if (!i.defined()) {
            return "n/a";
        }
        String f = "%." + decimals + "f";
        String est = String.format(Locale.ROOT, f, i.estimate());
        if (Double.isNaN(i.low())) {
            return est;
        }
        return est + " <span class=\"ci\">[" + String.format(Locale.ROOT, f, i.low()) + ", "
                + String.format(Locale.ROOT, f, i.high()) + "]</span>";
    }
}
