package org.pensim.simulations.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.pensim.protocol.json.ProtocolJson;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.pensim.protocol.country.CountryCode;
import org.pensim.simulations.calibration.Calibration;
import org.pensim.simulations.calibration.CalibrationTargets;
import org.pensim.simulations.diversion.Campaign;
import org.pensim.simulations.engine.SimulationRun;
import org.pensim.simulations.measure.Manifest;
import org.pensim.simulations.report.ReportModel.Share;
import org.pensim.simulations.scenario.ModelParameters;

/**
 * report.html: a page a reader understands without help. Every measure is defined where it is shown,
 * intervals are drawn and printed, a median never reached says so, and the charts (JFreeChart PNGs, also
 * written beside the page) are embedded so that the page opens without a network. The page is the
 * {@code report.jte} template; this class gathers and formats what it shows ({@link ReportModel}).
 */
final class ReportPage {

    private static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(ContentType.Html);

    private final Path dir;

    private ReportPage(Path dir) {
        this.dir = dir;
    }

    static void write(SimulationRun.Result r, ObjectNode summary, Path dir) throws IOException {
        ReportModel model = new ReportPage(dir).model(r, summary);
        StringOutput out = new StringOutput();
        TEMPLATES.render("report.jte", model, out);
        Files.writeString(dir.resolve("report.html"), out.toString(), StandardCharsets.UTF_8);
    }

    private ReportModel model(SimulationRun.Result r, ObjectNode s) throws IOException {
        JsonNode l = s.get("licit");
        List<ReportModel.LicitRow> licit = List.of(
                new ReportModel.LicitRow("licit notifications", l.get("notifications").asText(), null),
                new ReportModel.LicitRow("flagged (false positives)", l.get("flagged").asText(), share(l, "falsePositiveRate")),
                new ReportModel.LicitRow("objected to", l.get("objected").asText(), null),
                new ReportModel.LicitRow("held by the exporting authority", l.get("held").asText(), null),
                new ReportModel.LicitRow("stopped", l.get("stopped").asText(), share(l, "stoppedRate")));
        JsonNode rep = s.get("replies");
        JsonNode w = s.get("workload");
        ReportModel.Replies replies = new ReportModel.Replies(rep.get("replied").asText(), rep.get("read").asText(),
                share(rep, "replyRate"), rep.get("objections").asText(), w.get("maxOfficerQueue").asText(),
                w.get("meanOfficerQueue").asText(), w.get("overdueReplies").asText());
        List<Calibration.Row> rows = Calibration.compare(CalibrationTargets.standard(), List.of(s));
        List<ReportModel.CampaignAdaptations> adaptations = new ArrayList<>();
        r.adaptations().forEach((campaign, list) -> adaptations.add(new ReportModel.CampaignAdaptations(campaign, list.size(), adaptations(list))));
        List<ReportModel.Parameter> parameters = new ArrayList<>();
        for (Map.Entry<String, ModelParameters.Parameter> e : r.parameters().resolved().entrySet()) {
            parameters.add(new ReportModel.Parameter("model." + e.getKey(), e.getValue().value().asText(), e.getValue().source()));
        }
        return new ReportModel(r.scenario().name(), r.scenario().durationDays(), r.scenario().start().toString(), r.seed(),
                s.get("notifications").asLong(), s.get("signatures").asText(), Manifest.version(), Manifest.commit(),
                withAllDiversion(methodRows(s.get("methods")), s), methodRows(s.get("substances")),
                image("detection-by-method.png", detection(s), 900, Charts.height(s.get("methods").size() + 2)),
                image("time-to-flag.png", survival(s), 900, 460),
                image("outcomes-by-method.png", outcomes(s), 900, Charts.height(s.get("methods").size())),
                licit, replies, neverReplying(r), image("daily.png", daily(r), 900, 360),
                Calibration.verdict(rows, true), calibrationRows(rows), adaptations, parameters);
    }

    /** Which importing authorities never reply in this run: drawn, not chosen, so the reader is told which and how. */
    private static ReportModel.NeverReplying neverReplying(SimulationRun.Result r) {
        if (r.neverReplying().isEmpty()) {
            return null;
        }
        List<String> names = new ArrayList<>();
        r.neverReplying().forEach(cc -> names.add(CountryCode.displayName(cc) + " (" + cc + ")"));
        return new ReportModel.NeverReplying(names, r.countries().size(), String.valueOf(r.scenario().world().neverReplyShare()));
    }

    /** What a reader looks for first: the attempts of every method together, as the last row of the methods' table. */
    private static List<ReportModel.MethodRow> withAllDiversion(List<ReportModel.MethodRow> methods, JsonNode s) {
        List<ReportModel.MethodRow> rows = new ArrayList<>(methods);
        if (s.has("allDiversion")) {
            rows.addAll(methodRows(ProtocolJson.mapper().createObjectNode().set(RunOutputs.ALL_DIVERSION, s.get("allDiversion"))));
        }
        return rows;
    }

    private static List<ReportModel.MethodRow> methodRows(JsonNode groups) {
        List<ReportModel.MethodRow> rows = new ArrayList<>();
        groups.fields().forEachRemaining(e -> {
            JsonNode m = e.getValue();
            JsonNode ttf = m.get("timeToFlagHours");
            boolean reached = ttf.get("medianReached").asBoolean();
            rows.add(new ReportModel.MethodRow(e.getKey(), m.get("attempts").toString(), m.get("detected").toString(),
                    share(m, "detectionRate"), reached ? RunOutputs.fmt1(ttf.get("median").asDouble()) : null,
                    reached ? range(ttf.get("medianCi"), 1) : "", m.get("stoppedBeforeShipping").toString(), share(m, "stoppedRate"),
                    m.get("shipped").toString(), m.get("seized").toString(), kg(m.get("kgDiverted").asDouble()),
                    range(m.get("kgDivertedCi"), 0), kg(m.get("kgShippedAfterFirstFlag").asDouble())));
        });
        return rows;
    }

    private static Share share(JsonNode m, String name) {
        JsonNode v = m.get(name);
        if (v == null || v.isNull()) {
            return new Share("n/a", "");
        }
        return new Share(RunOutputs.fmt(v.asDouble()), range(m.get(name + "Ci"), 3));
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

    /**
     * A campaign's changes of course, the same change made several times in one day as one row, where it was first made
     * that day (with other changes between, too: "move to another exporting country" twice around another change).
     */
    static List<ReportModel.Adaptation> adaptations(List<Campaign.Adaptation> list) {
        java.util.Map<String, List<Campaign.Adaptation>> byDayAndWhat = new java.util.LinkedHashMap<>();
        for (Campaign.Adaptation a : list) {
            byDayAndWhat.computeIfAbsent(LocalDate.ofInstant(a.at(), ZoneOffset.UTC) + "|" + a.what(), k -> new ArrayList<>()).add(a);
        }
        List<ReportModel.Adaptation> rows = new ArrayList<>();
        byDayAndWhat.values().forEach(same -> {
            Campaign.Adaptation first = same.get(0);
            int n = same.size();
            rows.add(new ReportModel.Adaptation(LocalDate.ofInstant(first.at(), ZoneOffset.UTC).toString(),
                    first.what() + (n == 1 ? "" : " (" + n + " times)"), n == 1 ? first.why() : first.why() + " … " + same.get(n - 1).why()));
        });
        return rows;
    }

    private static List<ReportModel.CalibrationRow> calibrationRows(List<Calibration.Row> rows) {
        List<ReportModel.CalibrationRow> out = new ArrayList<>();
        for (Calibration.Row r : rows) {
            out.add(new ReportModel.CalibrationRow(r.target().description(), RunOutputs.fmtG(r.target().value()),
                    RunOutputs.fmtG(r.simulated().estimate()),
                    String.format(java.util.Locale.ROOT, "%+.0f %%", 100 * r.relativeDifference()), r.within(),
                    String.valueOf(r.target().confidence()), Math.round(r.target().tolerance() * 100), r.target().source()));
        }
        return out;
    }

    private ReportModel.Image image(String file, JFreeChart chart, int width, int height) throws IOException {
        byte[] png = Charts.png(chart, width, height);
        Files.write(dir.resolve(file), png);
        return new ReportModel.Image(chart.getTitle().getText(), Base64.getEncoder().encodeToString(png));
    }

    private static JFreeChart detection(JsonNode s) {
        List<Charts.Estimate> rows = new ArrayList<>();
        s.get("methods").fields().forEachRemaining(e -> rows.add(estimate(e.getKey(), e.getValue(), "detectionRate")));
        if (s.has("allDiversion")) {
            rows.add(estimate(RunOutputs.ALL_DIVERSION, s.get("allDiversion"), "detectionRate"));
        }
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
