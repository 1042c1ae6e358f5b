package org.pensim.simulations.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.simulations.engine.SimulationRun;
import org.pensim.simulations.measure.Case;

/**
 * Writes a run's outputs: summary.json, notifications.csv, flags.csv, events.csv, a self-contained
 * report.html (inline SVG, no network) and the same charts as PNG files. Byte-identical for the same
 * scenario and seed.
 */
public final class RunOutputs {

    private RunOutputs() {
    }

    /** One bar of a chart. */
    record Bar(String label, double value) {
    }

    public static void write(SimulationRun.Result result, ObjectNode summary, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("summary.json"), ProtocolJson.pretty(summary) + "\n", StandardCharsets.UTF_8);
        writeCsv(dir.resolve("notifications.csv"), List.of("id", "kind", "campaign", "exportingCountry", "importingCountry",
                "substance", "pureKg", "notified", "submittedAt", "dispatchDate", "state", "score", "detected",
                "hoursToFlag", "decision", "decidedBy", "shippedAt", "seizedAt"), result.cases().stream().map(c -> List.of(
                c.id, c.kind, nz(c.campaign), c.exportingCountry, c.importingCountry, c.substanceId, c.pureKg.toPlainString(),
                String.valueOf(c.notified), iso(c.submittedAt), c.dispatchDate.toString(), c.state.name(),
                fmt(c.score), String.valueOf(c.detected()), c.detected() ? fmt(c.hoursToFlag()) : "", nz(c.decision),
                nz(c.decidedBy), c.shippedAt == null ? "" : iso(c.shippedAt),
                c.seizedAt == null ? "" : iso(c.seizedAt))).toList());
        List<List<String>> flags = new ArrayList<>();
        List<List<String>> events = new ArrayList<>();
        for (Case c : result.cases()) {
            for (Case.RaisedFlag f : c.flags) {
                flags.add(List.of(c.id, c.kind, f.indicator().name(), fmt(f.weight()), iso(f.flaggedAt()),
                        fmt(f.simulatedHoursToFlag()), nz(f.subject()), f.explanation()));
            }
            for (Case.Event e : c.events) {
                events.add(List.of(c.id, iso(e.at()), e.what()));
            }
        }
        writeCsv(dir.resolve("flags.csv"), List.of("notificationId", "kind", "indicator", "weight", "flaggedAt",
                "simulatedHoursToFlag", "subject", "explanation"), flags);
        writeCsv(dir.resolve("events.csv"), List.of("notificationId", "at", "event"), events);

        List<Bar> detection = new ArrayList<>();
        List<Bar> p50 = new ArrayList<>();
        List<Bar> p90 = new ArrayList<>();
        summary.get("methods").fields().forEachRemaining(e -> {
            detection.add(new Bar(e.getKey(), e.getValue().get("detectionRate").asDouble()));
            JsonNode t = e.getValue().get("timeToFlagHours");
            p50.add(new Bar(e.getKey(), t.get("p50").isNull() ? 0 : t.get("p50").asDouble()));
            p90.add(new Bar(e.getKey(), t.get("p90").isNull() ? 0 : t.get("p90").asDouble()));
        });
        detection.add(new Bar("licit (false positives)", summary.at("/licit/falsePositiveRate").asDouble()));
        List<Bar> queue = new ArrayList<>();
        for (Map.Entry<LocalDate, int[]> e : result.workload().entrySet()) {
            queue.add(new Bar(e.getKey().toString(), e.getValue()[0]));
        }
        png(dir.resolve("detection-by-method.png"), "Detection rate by method", detection, 1.0, false);
        png(dir.resolve("time-to-flag.png"), "Time to flag, p90 (simulated hours)", p90, 0, false);
        png(dir.resolve("workload.png"), "Officer queue (notifications waiting), per day", queue, 0, true);
        try (PrintWriter html = new PrintWriter(Files.newBufferedWriter(dir.resolve("report.html"), StandardCharsets.UTF_8))) {
            html.println("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>pensim run: "
                    + esc(result.scenario().name()) + "</title><style>body{font-family:sans-serif;margin:2em;max-width:70em}"
                    + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:right}"
                    + "th:first-child,td:first-child{text-align:left}svg{margin:1em 0}</style></head><body>");
            html.println("<h1>pensim: " + esc(result.scenario().name()) + "</h1><p>Seed " + result.seed() + ", "
                    + result.scenario().durationDays() + " days from " + result.scenario().start() + ", "
                    + summary.get("notifications").asLong() + " notifications, signatures "
                    + summary.get("signatures").asText() + ". Flag threshold " + result.scenario().flagThreshold()
                    + " (risk score).</p>");
            html.println("<h2>Detection by diversion method</h2>" + svgBars(detection, 1.0));
            html.println("<h2>Time to flag (simulated hours)</h2><p>Median</p>" + svgBars(p50, 0) + "<p>90th percentile</p>"
                    + svgBars(p90, 0));
            html.println("<h2>Officer workload</h2>" + svgLine(queue));
            html.println("<h2>Per method</h2>" + table(summary.get("methods")));
            html.println("<h2>Per substance</h2>" + table(summary.get("substances")));
            html.println("<h2>Licit trade, replies, workload</h2><pre>" + esc(ProtocolJson.pretty(summary.get("licit")))
                    + "\n" + esc(ProtocolJson.pretty(summary.get("replies"))) + "\n"
                    + esc(ProtocolJson.pretty(summary.get("workload"))) + "</pre></body></html>");
        }
    }

    static String table(JsonNode groups) {
        StringBuilder sb = new StringBuilder("<table><tr><th></th><th>attempts</th><th>detected</th><th>rate</th>"
                + "<th>TTF p50 h</th><th>p90 h</th><th>p99 h</th><th>max h</th><th>flagged before dispatch</th>"
                + "<th>kg shipped</th><th>kg shipped before first flag</th></tr>");
        groups.fields().forEachRemaining(e -> {
            JsonNode m = e.getValue();
            JsonNode t = m.get("timeToFlagHours");
            sb.append("<tr><td>").append(esc(e.getKey())).append("</td><td>").append(m.get("attempts")).append("</td><td>")
                    .append(m.get("detected")).append("</td><td>").append(m.get("detectionRate")).append("</td><td>")
                    .append(t.get("p50")).append("</td><td>").append(t.get("p90")).append("</td><td>").append(t.get("p99"))
                    .append("</td><td>").append(t.get("max")).append("</td><td>").append(m.get("shareFlaggedBeforeDispatch"))
                    .append("</td><td>").append(m.get("kgShipped").asText()).append("</td><td>")
                    .append(m.get("kgShippedBeforeFirstFlag").asText()).append("</td></tr>");
        });
        return sb.append("</table>").toString();
    }

    static String svgBars(List<Bar> bars, double max) {
        double top = max > 0 ? max : bars.stream().mapToDouble(Bar::value).max().orElse(1);
        top = top <= 0 ? 1 : top;
        int rowH = 22;
        int w = 760;
        StringBuilder sb = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + w + "\" height=\""
                + (bars.size() * rowH + 10) + "\">");
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            int len = (int) Math.round(440 * Math.max(0, b.value()) / top);
            sb.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\" font-size=\"12\">%s</text>"
                            + "<rect x=\"230\" y=\"%d\" width=\"%d\" height=\"16\" fill=\"#3b6ea5\"/>"
                            + "<text x=\"%d\" y=\"%d\" font-size=\"12\">%s</text>", i * rowH + 14, esc(b.label()),
                    i * rowH + 2, len, 236 + len, i * rowH + 14, fmt(b.value())));
        }
        return sb.append("</svg>").toString();
    }

    static String svgLine(List<Bar> points) {
        double top = Math.max(1, points.stream().mapToDouble(Bar::value).max().orElse(1));
        int w = 760;
        int h = 200;
        StringBuilder pts = new StringBuilder();
        for (int i = 0; i < points.size(); i++) {
            pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", 40 + (w - 50.0) * i / Math.max(1, points.size() - 1),
                    h - 20 - (h - 40) * points.get(i).value() / top));
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + w + "\" height=\"" + h + "\"><polyline fill=\"none\" "
                + "stroke=\"#a53b3b\" stroke-width=\"1.5\" points=\"" + pts.toString().trim() + "\"/><text x=\"0\" y=\"14\" "
                + "font-size=\"12\">" + fmt(top) + "</text><text x=\"0\" y=\"" + (h - 20) + "\" font-size=\"12\">0</text></svg>";
    }

    static void png(Path file, String title, List<Bar> bars, double max, boolean line) throws IOException {
        int w = 900;
        int h = line ? 320 : 60 + bars.size() * 26;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, 10, 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        double top = max > 0 ? max : Math.max(1e-9, bars.stream().mapToDouble(Bar::value).max().orElse(1));
        if (line) {
            g.setColor(new Color(0xa53b3b));
            g.setStroke(new BasicStroke(1.5f));
            for (int i = 1; i < bars.size(); i++) {
                int x1 = 50 + (w - 70) * (i - 1) / Math.max(1, bars.size() - 1);
                int x2 = 50 + (w - 70) * i / Math.max(1, bars.size() - 1);
                g.drawLine(x1, (int) (h - 30 - (h - 70) * bars.get(i - 1).value() / top), x2,
                        (int) (h - 30 - (h - 70) * bars.get(i).value() / top));
            }
            g.setColor(Color.BLACK);
            g.drawString(fmt(top), 5, 45);
            g.drawString("0", 5, h - 30);
        } else {
            for (int i = 0; i < bars.size(); i++) {
                Bar b = bars.get(i);
                int y = 40 + i * 26;
                int len = (int) Math.round(520 * Math.max(0, b.value()) / top);
                g.setColor(Color.BLACK);
                g.drawString(b.label(), 10, y + 14);
                g.setColor(new Color(0x3b6ea5));
                g.fillRect(260, y, len, 18);
                g.setColor(Color.BLACK);
                g.drawString(fmt(b.value()), 266 + len, y + 14);
            }
        }
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    public static void writeCsv(Path file, List<String> header, List<List<String>> rows) throws IOException {
        CsvSchema.Builder schema = CsvSchema.builder();
        header.forEach(schema::addColumn);
        CsvMapper mapper = new CsvMapper();
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            // Without a flush per row: a write system call for each of a year's 200,000 rows took most of the
            // time spent writing the outputs.
            var writer = mapper.writerFor(List.class).with(schema.build().withHeader().withLineSeparator("\n"))
                    .without(com.fasterxml.jackson.databind.SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
            try (var seq = writer.writeValues(w)) {
                for (List<String> row : rows) {
                    seq.write(row);
                }
            }
        }
    }

    /** Three decimals, rounded half up as {@code %.3f} would, without a Formatter per value (CSVs have millions). */
    static String fmt(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? ""
                : java.math.BigDecimal.valueOf(v).setScale(3, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    /**
     * {@code instant.toString()} (ISO-8601 in UTC, fractions in groups of three digits as needed) without a
     * DateTimeFormatter: a run writes hundreds of thousands of times, and the formatter took a third of
     * the time spent writing the outputs.
     */
    static String iso(java.time.Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < -62_167_219_200L || seconds >= 253_402_300_800L) {
            return instant.toString(); // before year 0 or after 9999: signs and wider years
        }
        long day = Math.floorDiv(seconds, 86_400L);
        LocalDate date = LocalDate.ofEpochDay(day);
        int secondOfDay = (int) (seconds - day * 86_400L);
        int nano = instant.getNano();
        StringBuilder sb = new StringBuilder(30);
        pad(sb, date.getYear(), 4).append('-');
        pad(sb, date.getMonthValue(), 2).append('-');
        pad(sb, date.getDayOfMonth(), 2).append('T');
        pad(sb, secondOfDay / 3600, 2).append(':');
        pad(sb, secondOfDay / 60 % 60, 2).append(':');
        pad(sb, secondOfDay % 60, 2);
        if (nano != 0) {
            sb.append('.');
            if (nano % 1_000_000 == 0) {
                pad(sb, nano / 1_000_000, 3);
            } else if (nano % 1000 == 0) {
                pad(sb, nano / 1000, 6);
            } else {
                pad(sb, nano, 9);
            }
        }
        return sb.append('Z').toString();
    }

    private static StringBuilder pad(StringBuilder sb, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(digits);
    }

    static String nz(String s) {
        return s == null ? "" : s;
    }

    public static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
