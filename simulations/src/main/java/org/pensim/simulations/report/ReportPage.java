package org.pensim.simulations.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.pensim.protocol.country.CountryCode;
import org.pensim.simulations.calibration.Calibration;
import org.pensim.simulations.calibration.CalibrationTargets;
import org.pensim.simulations.engine.SimulationRun;
import org.pensim.simulations.measure.Manifest;
import org.pensim.simulations.scenario.ModelParameters;

/**
 * report.html: a page a reader understands without help. Every measure is defined where it is shown,
 * intervals are drawn and printed, a median never reached says so, and the charts (JFreeChart PNGs, also
 * written beside the page) are embedded so that the page opens without a network.
 */
final class ReportPage {

    private final StringBuilder html = new StringBuilder();
    private final Path dir;

    private ReportPage(Path dir) {
        this.dir = dir;
    }

    static void write(SimulationRun.Result r, ObjectNode summary, Path dir) throws IOException {
        ReportPage p = new ReportPage(dir);
        p.page(r, summary);
        Files.writeString(dir.resolve("report.html"), p.html, StandardCharsets.UTF_8);
    }

    private void page(SimulationRun.Result r, ObjectNode s) throws IOException {
        String name = RunOutputs.esc(r.scenario().name());
        html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>pensim run: ").append(name)
                .append("</title><style>body{font-family:sans-serif;margin:2em auto;max-width:72em;line-height:1.4}"
                        + "table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:.25em .5em;"
                        + "text-align:right;vertical-align:top}th{background:#f3f3f3}td.l,th.l{text-align:left}"
                        + "img{max-width:100%;display:block;margin:.5em 0 1.5em}dt{font-weight:bold;margin-top:.5em}"
                        + ".ci{color:#555;font-size:.9em}.nr{color:#a00}</style></head><body>");
        html.append("<h1>pensim: ").append(name).append("</h1>");
        html.append("<p>").append(r.scenario().durationDays()).append(" simulated days from ").append(r.scenario().start())
                .append(", seed ").append(r.seed()).append(", ").append(s.get("notifications").asLong())
                .append(" notifications, signatures ").append(s.get("signatures").asText()).append(". pensim ")
                .append(RunOutputs.esc(Manifest.version())).append(", commit ").append(RunOutputs.esc(Manifest.commit()))
                .append(". Intervals are 95 % confidence intervals over the attempts of this run: Wilson for shares, "
                        + "Student-t for kilograms, Kaplan-Meier (Greenwood) for times. A run with several replications "
                        + "also writes replications.json with intervals over replications.</p>");

        html.append("<h2>Headline: flagged, and stopped?</h2>");
        html.append("<p>One row per diversion method (the method of each attempt, after any switch the adversary made). "
                + "<b>Detected</b>: flagged at or above the importing authority's risk threshold, or revealed by a seizure. "
                + "<b>Stopped</b>: refused before the goods left (objection, or held and refused by the exporting authority, "
                + "or a forged document refused by the registry). <b>Diverted</b>: shipped and never seized.</p>");
        html.append(methodTable(s.get("methods"), "method"));
        image("detection-by-method.png", detection(s), 900, Charts.height(s.get("methods").size() + 1));
        image("time-to-flag.png", survival(s), 900, 460);
        html.append("<p>Each curve starts at 1 (no attempt flagged) and steps down as attempts are flagged; a curve that "
                + "starts lower had attempts flagged at once (a forged document refused at the registry's door is flagged "
                + "at 0 h). Where a curve levels off above 0.5 the median is not reached.</p>");
        image("outcomes-by-method.png", outcomes(s), 900, Charts.height(s.get("methods").size()));

        html.append("<h2>Per substance</h2>").append(methodTable(s.get("substances"), "substance"));

        JsonNode l = s.get("licit");
        html.append("<h2>Licit trade: the cost of the regime</h2><table>")
                .append(row("licit notifications", l.get("notifications").asText(), ""))
                .append(row("flagged (false positives)", l.get("flagged").asText(), share(l, "falsePositiveRate")))
                .append(row("objected to", l.get("objected").asText(), ""))
                .append(row("held by the exporting authority", l.get("held").asText(), ""))
                .append(row("stopped", l.get("stopped").asText(), share(l, "stoppedRate")))
                .append("</table>");
        JsonNode rep = s.get("replies");
        JsonNode w = s.get("workload");
        html.append("<p>Importing authorities replied to ").append(rep.get("replied").asText()).append(" of ")
                .append(rep.get("read").asText()).append(" notifications they read (").append(share(rep, "replyRate"))
                .append("), with ").append(rep.get("objections").asText()).append(" objections. Officers' queue: at most ")
                .append(w.get("maxOfficerQueue").asText()).append(" notifications waiting, ").append(w.get("meanOfficerQueue").asText())
                .append(" on average; ").append(w.get("overdueReplies").asText())
                .append(" notifications passed their reply deadline unanswered within the period.</p>");
        html.append(neverReplying(r));
        image("daily.png", daily(r), 900, 360);

        html.append("<h2>Calibration: this run against published figures</h2><p>One seed only; "
                + "<code>pensim calibrate</code> runs several and gives intervals. Sources in docs/calibration.md.</p>");
        html.append(calibration(s));

        html.append("<h2>How the adversaries adapted</h2><p>Campaigns see refusals, seizures and deliveries, never flags. "
                + "Each change of course, in order, with what the campaign learnt that made it change (the rules are the "
                + "scenario's <code>adaptation</code> settings; adaptations.csv has the same rows). The same change made "
                + "several times in one day, as when the parts of a split order are refused together, is one row.</p>");
        r.adaptations().forEach((campaign, list) -> html.append(adaptations(campaign, list)));

        html.append("<h2>Definitions</h2><dl>")
                .append(def("attempts", "shipments of a method's campaigns (a split order counts each shipment)"))
                .append(def("detection rate", "share of attempts flagged (risk score at or above the importing authority's "
                        + "threshold), or revealed by a seizure; Wilson 95 % interval"))
                .append(def("time to flag", "simulated hours from submission (for undeclared goods, from shipment) to the first "
                        + "flag; Kaplan-Meier estimate in which attempts never flagged count as censored at the end of "
                        + "observation, so the median describes every attempt. 'not reached' means fewer than half were flagged."))
                .append(def("stopped rate", "share of attempts refused before the goods left"))
                .append(def("kg diverted", "kilograms of pure substance shipped and never seized; interval: attempts times the "
                        + "Student-t interval of the mean per attempt"))
                .append(def("kg shipped after the first flag", "kilograms a campaign shipped after one of its attempts had "
                        + "been flagged: what detection did not prevent"))
                .append(def("false-positive rate", "share of licit notifications flagged"))
                .append("</dl>");

        html.append("<h2>Manifest</h2><p>pensim ").append(RunOutputs.esc(Manifest.version())).append(", commit ")
                .append(RunOutputs.esc(Manifest.commit())).append(", seed ").append(r.seed())
                .append(". The resolved scenario and every model parameter are in summary.json (<code>manifest</code>); "
                        + "the parameters and their sources:</p><table><tr><th class=\"l\">parameter</th><th>value</th>"
                        + "<th class=\"l\">source</th></tr>");
        for (Map.Entry<String, ModelParameters.Parameter> e : r.parameters().resolved().entrySet()) {
            html.append("<tr><td class=\"l\">model.").append(RunOutputs.esc(e.getKey())).append("</td><td>")
                    .append(RunOutputs.esc(e.getValue().value().asText())).append("</td><td class=\"l\">")
                    .append(RunOutputs.esc(e.getValue().source())).append("</td></tr>");
        }
        html.append("</table></body></html>\n");
    }

    /** Which importing authorities never reply in this run: drawn, not chosen, so the reader is told which and how. */
    private static String neverReplying(SimulationRun.Result r) {
        if (r.neverReplying().isEmpty()) {
            return "";
        }
        List<String> names = new ArrayList<>();
        r.neverReplying().forEach(cc -> names.add(RunOutputs.esc(CountryCode.displayName(cc)) + " (" + cc + ")"));
        return "<p>Importing authorities that never reply in this run: " + String.join(", ", names) + " ("
                + names.size() + " of " + r.countries().size() + " countries). They are drawn with the run's seed among "
                + "the countries the scenario gives no reply rate of their own (<code>world.neverReplyShare</code> = "
                + r.scenario().world().neverReplyShare() + "), so any country may be drawn; to choose them, give countries "
                + "their own <code>replyProbability</code> in <code>world.overrides</code> (docs/scenarios.md).</p>";
    }

    private String methodTable(JsonNode groups, String what) {
        StringBuilder t = new StringBuilder("<table><tr><th class=\"l\">").append(what).append("</th><th>attempts</th>"
                + "<th>detected</th><th>detection rate</th><th>median time to flag, h</th><th>stopped before shipping</th>"
                + "<th>shipped</th><th>seized</th><th>kg diverted</th><th>kg shipped after first flag</th></tr>");
        groups.fields().forEachRemaining(e -> {
            JsonNode m = e.getValue();
            JsonNode ttf = m.get("timeToFlagHours");
            String median = ttf.get("medianReached").asBoolean()
                    ? RunOutputs.fmt1(ttf.get("median").asDouble()) + " <span class=\"ci\">" + range(ttf.get("medianCi"), 1) + "</span>"
                    : "<span class=\"nr\">not reached</span>";
            t.append("<tr><td class=\"l\">").append(RunOutputs.esc(e.getKey())).append("</td><td>").append(m.get("attempts"))
                    .append("</td><td>").append(m.get("detected")).append("</td><td>").append(share(m, "detectionRate"))
                    .append("</td><td>").append(median).append("</td><td>").append(m.get("stoppedBeforeShipping")).append(" (")
                    .append(share(m, "stoppedRate")).append(')').append("</td><td>").append(m.get("shipped")).append("</td><td>")
                    .append(m.get("seized")).append("</td><td>").append(kg(m.get("kgDiverted").asDouble())).append(" <span class=\"ci\">")
                    .append(range(m.get("kgDivertedCi"), 0)).append("</span></td><td>")
                    .append(kg(m.get("kgShippedAfterFirstFlag").asDouble())).append("</td></tr>");
        });
        return t.append("</table>").toString();
    }

    private static String share(JsonNode m, String name) {
        JsonNode v = m.get(name);
        if (v == null || v.isNull()) {
            return "n/a";
        }
        return RunOutputs.fmt(v.asDouble()) + " <span class=\"ci\">" + range(m.get(name + "Ci"), 3) + "</span>";
    }

    /** Whole kilograms with thousands separated, as a reader compares them (summary.json keeps the grams). */
    static String kg(double kilograms) {
        return String.format(java.util.Locale.ROOT, "%,.0f", kilograms);
    }

    private static String range(JsonNode ci, int decimals) {
        if (ci == null || ci.size() < 2) {
            return "";
        }
        String lo = ci.get(0).isNull() ? "?" : decimals == 3 ? RunOutputs.fmt(ci.get(0).asDouble())
                : decimals == 1 ? RunOutputs.fmt1(ci.get(0).asDouble()) : kg(ci.get(0).asDouble());
        String hi = ci.get(1).isNull() ? "not reached" : decimals == 3 ? RunOutputs.fmt(ci.get(1).asDouble())
                : decimals == 1 ? RunOutputs.fmt1(ci.get(1).asDouble()) : kg(ci.get(1).asDouble());
        return "[" + lo + ", " + hi + "]";
    }

    private static String row(String label, String value, String extra) {
        return "<tr><td class=\"l\">" + label + "</td><td>" + value + "</td><td>" + extra + "</td></tr>";
    }

    private static String def(String term, String text) {
        return "<dt>" + term + "</dt><dd>" + text + "</dd>";
    }

    private static String adaptations(String campaign, List<org.pensim.simulations.diversion.Campaign.Adaptation> list) {
        StringBuilder t = new StringBuilder("<p><b>").append(RunOutputs.esc(campaign)).append("</b>: ");
        if (list.isEmpty()) {
            return t.append("no change of course.</p>").toString();
        }
        t.append(list.size()).append(list.size() == 1 ? " change of course.</p>" : " changes of course.</p>")
                .append("<table><tr><th class=\"l\">day</th><th class=\"l\">change of course</th><th class=\"l\">why</th></tr>");
        for (int i = 0; i < list.size(); ) {
            var a = list.get(i);
            java.time.LocalDate day = java.time.LocalDate.ofInstant(a.at(), java.time.ZoneOffset.UTC);
            int j = i + 1;
            while (j < list.size() && list.get(j).what().equals(a.what())
                    && java.time.LocalDate.ofInstant(list.get(j).at(), java.time.ZoneOffset.UTC).equals(day)) {
                j++;
            }
            String why = j - i == 1 ? a.why() : a.why() + " … " + list.get(j - 1).why();
            t.append("<tr><td class=\"l\">").append(day).append("</td><td class=\"l\">").append(RunOutputs.esc(a.what()))
                    .append(j - i == 1 ? "" : " (" + (j - i) + " times)").append("</td><td class=\"l\">")
                    .append(RunOutputs.esc(why)).append("</td></tr>");
            i = j;
        }
        return t.append("</table>").toString();
    }

    private String calibration(JsonNode s) {
        List<Calibration.Row> rows = Calibration.compare(CalibrationTargets.standard(), List.of(s));
        StringBuilder t = new StringBuilder("<p class=\"verdict\">" + RunOutputs.esc(Calibration.verdict(rows, true)) + "</p>"
                + "<table><tr><th class=\"l\">figure</th><th>published</th><th>this run</th>"
                + "<th>difference</th><th class=\"l\">confidence (tolerance)</th><th class=\"l\">source</th></tr>");
        for (Calibration.Row r : rows) {
            t.append("<tr><td class=\"l\">").append(RunOutputs.esc(r.target().description())).append("</td><td>")
                    .append(RunOutputs.fmtG(r.target().value())).append("</td><td>").append(RunOutputs.fmtG(r.simulated().estimate()))
                    .append("</td><td>").append(String.format(java.util.Locale.ROOT, "%+.0f %%", 100 * r.relativeDifference()))
                    .append(r.within() ? "" : " <span class=\"nr\">outside (one seed)</span>").append("</td><td class=\"l\">")
                    .append(r.target().confidence()).append(" (").append(Math.round(r.target().tolerance() * 100))
                    .append(" %)</td><td class=\"l\">").append(RunOutputs.esc(r.target().source())).append("</td></tr>");
        }
        return t.append("</table>").toString();
    }

    private void image(String file, JFreeChart chart, int width, int height) throws IOException {
        byte[] png = Charts.png(chart, width, height);
        Files.write(dir.resolve(file), png);
        html.append("<img alt=\"").append(RunOutputs.esc(chart.getTitle().getText())).append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png)).append("\">");
    }

    private static JFreeChart detection(JsonNode s) {
        List<Charts.Estimate> rows = new ArrayList<>();
        s.get("methods").fields().forEachRemaining(e -> rows.add(estimate(e.getKey(), e.getValue(), "detectionRate")));
        rows.add(estimate("licit (false positives)", s.get("licit"), "falsePositiveRate"));
        return Charts.estimates("Detection rate by method", "share of attempts flagged, or revealed by a seizure", rows, 1.0,
                "bars: estimate; whiskers: Wilson 95 % interval");
    }

    private static Charts.Estimate estimate(String label, JsonNode m, String name) {
        JsonNode ci = m.get(name + "Ci");
        return new Charts.Estimate(label, m.get(name).isNull() ? Double.NaN : m.get(name).asDouble(),
                ci.get(0).isNull() ? Double.NaN : ci.get(0).asDouble(), ci.get(1).isNull() ? Double.NaN : ci.get(1).asDouble());
    }

    private static JFreeChart survival(JsonNode s) {
        List<Charts.Curve> curves = new ArrayList<>();
        s.get("methods").fields().forEachRemaining(e -> {
            // Hours on a log scale: most flags come within hours, seizures weeks later. Zero is drawn at 0.1 h.
            List<double[]> pts = new ArrayList<>();
            pts.add(new double[] {0.1, 1});
            double last = 1;
            for (JsonNode p : e.getValue().at("/timeToFlagHours/curve")) {
                pts.add(new double[] {Math.max(0.1, p.get(0).asDouble()), p.get(1).asDouble()});
                last = p.get(1).asDouble();
            }
            pts.add(new double[] {24 * 150, last}); // the plateau of attempts never flagged, to the end of observation
            curves.add(new Charts.Curve(e.getKey(), pts));
        });
        return Charts.steps("Time to flag: share of attempts not yet flagged (Kaplan-Meier)",
                "simulated hours since submission (undeclared goods: since shipment; log scale, 24 h = 1 day, 720 h = 30 days)",
                "share not yet flagged", curves);
    }

    private static JFreeChart outcomes(JsonNode s) {
        List<String> categories = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        s.get("methods").fields().forEachRemaining(e -> {
            JsonNode m = e.getValue();
            int attempts = m.get("attempts").asInt();
            int stopped = m.get("stoppedBeforeShipping").asInt();
            int seized = m.get("seized").asInt();
            int shipped = m.get("shipped").asInt();
            categories.add(e.getKey());
            values.add(new double[] {stopped, seized, Math.max(0, shipped - seized), Math.max(0, attempts - stopped - shipped)});
        });
        return Charts.stacked("What became of each attempt", "attempts",
                List.of("stopped before shipping", "shipped and seized", "shipped, not seized (diverted)", "neither (pending)"),
                categories, values.toArray(new double[0][]));
    }

    private static JFreeChart daily(SimulationRun.Result r) {
        List<double[]> queue = new ArrayList<>();
        r.workload().forEach((day, w) -> queue.add(new double[] {day.toEpochDay() * 86_400_000d, w[0]}));
        JFreeChart chart = Charts.dated("Officers' queue at the end of each day", "notifications waiting for an officer",
                List.of(new Charts.Curve("queue", queue)));
        // The saw-tooth is the authorities' calendar (ImportingDesks): inboxes are read on working days only, and
        // officers take up on the next working day what reading queued.
        chart.addSubtitle(new org.jfree.chart.title.TextTitle("Peaks at the end of the first working day after a weekend "
                + "or public holiday: what arrived meanwhile is read that day, and worked off from the next.", Charts.SUBTITLE));
        return chart;
    }
}
