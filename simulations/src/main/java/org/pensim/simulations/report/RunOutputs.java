package org.pensim.simulations.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pensim.protocol.json.ProtocolJson;
import org.pensim.simulations.engine.SimulationRun;
import org.pensim.simulations.measure.Case;

/**
 * Writes a run's outputs (data dictionary in {@code docs/outputs.md}): summary.json with its manifest,
 * notifications.csv, flags.csv, events.csv (one field per column), daily.csv, adaptations.csv, runs.csv (tidy:
 * one row per measure), a self-contained report.html and its charts as PNG files. Byte-identical for the
 * same scenario and seed.
 */
public final class RunOutputs {

    /** The label of the row and bar of all diversion attempts together, in the reports and on the console. */
    public static final String ALL_DIVERSION = "all diversion";


    private RunOutputs() {
    }

    public static void write(SimulationRun.Result result, ObjectNode summary, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("summary.json"), ProtocolJson.pretty(summary) + "\n", StandardCharsets.UTF_8);
        writeCsv(dir.resolve("notifications.csv"), List.of("id", "kind", "campaign", "exportingCountry", "importingCountry",
                "substance", "pureKg", "notified", "submittedAt", "dispatchDate", "state", "score", "detected",
                "hoursToFlag", "decision", "decidedBy", "held", "stoppedAt", "stopReason", "shippedAt", "seizedAt",
                "receivedAt"), result.cases().stream().map(c -> List.of(
                c.id, c.kind, nz(c.campaign), c.exportingCountry, c.importingCountry, c.substanceId, c.pureKg.toPlainString(),
                String.valueOf(c.notified), iso(c.submittedAt), c.dispatchDate.toString(), c.state.name(),
                fmt(c.score), String.valueOf(c.detected()), c.detected() ? fmt(c.hoursToFlag()) : "", nz(c.decision),
                nz(c.decidedBy), String.valueOf(c.held), isoOrEmpty(c.stoppedAt), nz(c.stopReason), isoOrEmpty(c.shippedAt),
                isoOrEmpty(c.seizedAt), isoOrEmpty(c.receivedAt))).toList());
        List<List<String>> flags = new ArrayList<>();
        List<List<String>> events = new ArrayList<>();
        for (Case c : result.cases()) {
            for (Case.RaisedFlag f : c.flags) {
                flags.add(List.of(c.id, c.kind, f.indicator().name(), fmt(f.weight()), iso(f.flaggedAt()),
                        fmt(f.simulatedHoursToFlag()), nz(f.subject()), f.explanation()));
            }
            for (Case.Event e : c.events) {
                events.add(EventColumns.of(c.id, iso(e.at()), e));
            }
        }
        writeCsv(dir.resolve("flags.csv"), List.of("notificationId", "kind", "indicator", "weight", "flaggedAt",
                "simulatedHoursToFlag", "subject", "explanation"), flags);
        writeCsv(dir.resolve("events.csv"), EventColumns.HEADER, events);
        writeCsv(dir.resolve("daily.csv"), DailySeries.HEADER, DailySeries.rows(result));
        List<List<String>> adaptations = new ArrayList<>();
        result.adaptations().forEach((campaign, list) -> list.forEach(a -> adaptations.add(List.of(campaign, iso(a.at()),
                a.what(), a.why()))));
        writeCsv(dir.resolve("adaptations.csv"), List.of("campaign", "at", "adaptation", "why"), adaptations);
        writeCsv(dir.resolve("runs.csv"), TidyRows.header(List.of()), TidyRows.rows(Map.of(), 1, summary));
        ReportPage.write(result, summary, dir);
    }

    /** The files and folders a run writes; an earlier run's are removed so that no stale result sits beside new ones. */
    private static final java.util.regex.Pattern OURS = java.util.regex.Pattern.compile("summary\\.json|notifications\\.csv"
            + "|flags\\.csv|events\\.csv|daily\\.csv|adaptations\\.csv|runs\\.csv|report\\.html|replications\\.json"
            + "|detection-by-method\\.png|time-to-flag\\.png|outcomes-by-method\\.png|daily\\.png|workload\\.png"
            + "|replications\\.html|replications-detection\\.png|replication-[0-9]+");

    /** Removes an earlier run's outputs from {@code dir}, and nothing else; returns how many it removed. */
    public static int clearPrevious(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int removed = 0;
        try (var list = Files.list(dir)) {
            for (Path p : list.toList()) {
                if (OURS.matcher(p.getFileName().toString()).matches()) {
                    if (Files.isDirectory(p)) {
                        clearPrevious(p);
                        try (var rest = Files.list(p)) {
                            if (rest.findAny().isPresent()) {
                                continue; // something of the user's is in there: leave the folder
                            }
                        }
                    }
                    Files.delete(p);
                    removed++;
                }
            }
        }
        return removed;
    }

    static String isoOrEmpty(java.time.Instant i) {
        return i == null ? "" : iso(i);
    }

    public static void writeCsv(Path file, List<String> header, List<List<String>> rows) throws IOException {
        CsvSchema.Builder schema = CsvSchema.builder();
        header.forEach(schema::addColumn);
        CsvMapper mapper = new CsvMapper();
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            // Without a flush per row: a write system call for each of a year's 200,000 rows took most of the
            // time spent writing the outputs.
            // Quote a value only when it needs it (a comma, a quote, a line break), so the same column reads the same way.
            mapper.enable(com.fasterxml.jackson.dataformat.csv.CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING);
            var writer = mapper.writerFor(List.class).with(schema.build().withHeader().withLineSeparator("\n"))
                    .without(com.fasterxml.jackson.databind.SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
            try (var seq = writer.writeValues(w)) {
                for (List<String> row : rows) {
                    seq.write(row);
                }
            }
        }
    }

    /** One decimal, for hours. */
    static String fmt1(double v) {
        return Double.isNaN(v) ? "" : java.math.BigDecimal.valueOf(v).setScale(1, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    /** A published or simulated figure: whole numbers above 10, three decimals below. */
    static String fmtG(double v) {
        return Double.isNaN(v) ? "" : Math.abs(v) >= 10 ? String.format(java.util.Locale.ROOT, "%,.0f", v) : fmt(v);
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
