package org.pensim.simulations.exercise;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.pensim.simulations.exercise.ExerciseRecording.Event;
import org.pensim.simulations.exercise.Scoreboard.InjectTimeline;
import org.pensim.simulations.report.RunOutputs;

/**
 * The debrief of an exercise, from its recording: the after-action report as debrief.html (from the
 * {@code afterAction.jte} template) and debrief.pdf (the same page), and debrief.csv, one row an inject
 * (when it was fired, flagged, first seen and acted on, by whom and why, the outcome, the points, the
 * evaluators' notes).
 */
public final class Debrief {

    static final List<String> CSV_HEADER = List.of("inject", "kind", "from", "to", "expected", "notificationId", "firedAt",
            "firedBy", "flaggedAt", "score", "firstShownAt", "shownTo", "actedAt", "actedBy", "action", "outcome",
            "hoursToAct", "deadlineMissed", "unread", "points", "notes", "actions", "evaluatorNotes");

    /** The precompiled templates of src/main/jte. */
    private static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(ContentType.Html);

    private static final String PDF_FONTS_LOG_LEVEL = "org.slf4j.simpleLogger.log.org.apache.pdfbox.pdmodel.font";

    static {
        // openhtmltopdf logs every step of a layout at INFO to the trainer's terminal; its warnings and errors stay.
        for (String logger : com.openhtmltopdf.util.XRLog.listRegisteredLoggers()) {
            com.openhtmltopdf.util.XRLog.setLevel(logger, java.util.logging.Level.WARNING);
        }
        // The report shares the desks' stylesheet, written for screens: the PDF library warns of every rule it has no
        // use for on paper (keyboard focus, scrolling), at every report.
        com.openhtmltopdf.util.XRLog.setLevel(com.openhtmltopdf.util.XRLog.CSS_PARSE, java.util.logging.Level.SEVERE);
        // PDFBox warns, at every report, that it draws the symbol font's few glyphs (list bullets) with a font of the
        // system: nothing a trainer can act on. Unless the user set a level for it as a system property (this one
        // wins over a simplelogger.properties line for the same logger).
        if (System.getProperty(PDF_FONTS_LOG_LEVEL) == null) {
            System.setProperty(PDF_FONTS_LOG_LEVEL, "error");
        }
    }


    private Debrief() {
    }

    public static void write(ExercisePlan plan, List<Event> events, Path dir) throws IOException {
        write(plan, events, null, dir);
    }

    /** As above, drawn as of {@code now} (the exercise's clock during play; null: as of the last event). */
    public static void write(ExercisePlan plan, List<Event> events, java.time.Instant now, Path dir) throws IOException {
        Files.createDirectories(dir);
        AfterActionReport report = AfterActionReport.of(plan, events, now);
        Map<String, AfterActionReport.InjectReport> byId = report.injects().stream()
                .collect(Collectors.toMap(AfterActionReport.InjectReport::id, Function.identity()));
        List<List<String>> rows = new ArrayList<>();
        for (InjectTimeline t : report.board().injects()) {
            rows.add(row(t, byId.get(t.inject())));
        }
        RunOutputs.writeCsv(dir.resolve("debrief.csv"), CSV_HEADER, rows);
        String html = render("afterAction.jte", report);
        Files.writeString(dir.resolve("debrief.html"), html, StandardCharsets.UTF_8);
        pdf(html, dir, dir.resolve("debrief.pdf"));
    }

    private static final String STYLESHEET = readStylesheet();

    /** The desks' one stylesheet ({@code webroot/officer/desk.css}), which every page of pensim uses. */
    public static String stylesheet() {
        return STYLESHEET;
    }

    private static String readStylesheet() {
        try (var in = Debrief.class.getClassLoader().getResourceAsStream("webroot/officer/desk.css")) {
            if (in == null) {
                throw new IllegalStateException("webroot/officer/desk.css is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A template of src/main/jte rendered with its one parameter. */
    static String render(String template, Object model) {
        StringOutput out = new StringOutput();
        TEMPLATES.render(template, model, out);
        return out.toString();
    }

    /** The page as a PDF, laid out by openhtmltopdf from the same HTML and stylesheet. */
    static void pdf(String html, Path base, Path file) throws IOException {
        // Written aside and moved into place, so that a reader never finds half a PDF.
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (OutputStream out = Files.newOutputStream(partial)) {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.withHtmlContent(html, base.toUri().toString());
            builder.toStream(out);
            builder.run();
        }
        Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    static List<String> row(InjectTimeline t, AfterActionReport.InjectReport r) {
        return List.of(t.inject(), t.kind().name(), t.from(), nz(t.to()), t.expected(), nz(t.notificationId()), time(t.fired()),
                nz(t.firedBy()), time(t.flagged()), t.score() == null ? "" : String.format(Locale.ROOT, "%.2f", t.score()),
                time(t.firstShown()), nz(t.shownTo()), time(t.acted()), nz(t.actedBy()), nz(t.action()), nz(t.outcome()),
                t.hoursToAct() == null ? "" : String.format(Locale.ROOT, "%.1f", t.hoursToAct()),
                String.valueOf(t.deadlineMissed()), String.valueOf(t.unread()), String.valueOf(t.points()),
                String.join("; ", t.notes()),
                r == null ? "" : r.actions().stream().map(AfterActionReport.Line::text).collect(Collectors.joining(" | ")),
                r == null ? "" : r.notes().stream().map(AfterActionReport.Line::text).collect(Collectors.joining(" | ")));
    }

    private static String time(Instant t) {
        return t == null ? "" : t.toString();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
