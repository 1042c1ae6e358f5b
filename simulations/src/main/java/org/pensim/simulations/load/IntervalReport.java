package org.pensim.simulations.load;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.HdrHistogram.Recorder;
import org.pensim.protocol.json.ProtocolJson;

/**
 * What a load test shows as it runs and keeps of its four measured stages (acknowledgement, delivery, first flag,
 * reply): every 2-s interval a console row and a line of {@code intervals.csv}, each stage's interval histograms in
 * an HdrHistogram log in the output directory, and the totals for {@code summary.json}.
 */
final class IntervalReport implements AutoCloseable {

    static final String[] LOGS = {"ack-latency.hlog", "delivery-latency.hlog", "time-to-flag.hlog", "reply-latency.hlog"};

    private final Recorder[] recorders;
    private final PrintWriter console;
    private final PrintWriter csv;
    private final Histogram[] totals = new Histogram[4];
    private final Histogram[] current = new Histogram[4];
    private final HistogramLogWriter[] logs = new HistogramLogWriter[4];

    /** @param recorders the stages' latencies in microseconds, in stage order */
    IntervalReport(Path dir, String profileName, PrintWriter console, Recorder... recorders) throws IOException {
        this.recorders = recorders;
        this.console = console;
        long now = System.currentTimeMillis();
        for (int i = 0; i < 4; i++) {
            totals[i] = new Histogram(3);
            logs[i] = new HistogramLogWriter(dir.resolve(LOGS[i]).toFile());
            logs[i].outputComment("pensim load test " + profileName + ": " + LOGS[i].replace(".hlog", "")
                    + " in microseconds from each notification's intended send time");
            logs[i].outputLogFormatVersion();
            logs[i].outputStartTime(now);
            logs[i].setBaseTime(now);
            logs[i].outputBaseTime(now);
            logs[i].outputLegend();
        }
        csv = new PrintWriter(Files.newBufferedWriter(dir.resolve("intervals.csv")));
        csv.println("elapsedSeconds,offeredPerSecond,acknowledgedPerSecond,ackP50Ms,ackP90Ms,ackP99Ms,ackP999Ms,ackMaxMs,"
                + "deliveryP50Ms,deliveryP99Ms,flagP50Ms,flagP99Ms,replyP99Ms,errors");
        console.printf("%-8s %9s %9s %8s %8s %8s %9s %8s %10s %9s %10s %7s%n", "elapsed", "offered/s", "acked/s", "p50 ms",
                "p90 ms", "p99 ms", "p99.9 ms", "max ms", "deliv p99", "flag p99", "reply p99", "errors");
    }

    /** The histograms of the interval that ends now, in stage order; they also go to the logs and the totals. */
    Histogram[] next() {
        for (int i = 0; i < 4; i++) {
            current[i] = recorders[i].getIntervalHistogram(current[i]);
            totals[i].add(current[i]);
            logs[i].outputIntervalHistogram(current[i]);
        }
        return current;
    }

    /** The whole run's histogram of a stage (0 acknowledgement, 1 delivery, 2 first flag, 3 reply). */
    Histogram total(int stage) {
        return totals[stage];
    }

    /** One row of the console table and of intervals.csv for an interval's histograms ({@link #next()}). */
    void row(double elapsed, double offered, double acked, Histogram[] stages, double errors) {
        Histogram ack = stages[0];
        Histogram delivery = stages[1];
        Histogram flag = stages[2];
        Histogram reply = stages[3];
        console.printf(Locale.ROOT, "%-8s %9.0f %9.0f %8.1f %8.1f %8.1f %9.1f %8.1f %10.1f %9.1f %10.1f %7.0f%n", (int) elapsed + " s",
                offered, acked, ms(ack, 50), ms(ack, 90), ms(ack, 99), ms(ack, 99.9), ack.getMaxValue() / 1000.0,
                ms(delivery, 99), ms(flag, 99), ms(reply, 99), errors);
        csv.printf(Locale.ROOT, "%.1f,%.1f,%.1f,%.2f,%.2f,%.2f,%.2f,%.2f,%.2f,%.2f,%.2f,%.2f,%.2f,%.0f%n", elapsed, offered, acked,
                ms(ack, 50), ms(ack, 90), ms(ack, 99), ms(ack, 99.9), ack.getMaxValue() / 1000.0, ms(delivery, 50),
                ms(delivery, 99), ms(flag, 50), ms(flag, 99), ms(reply, 99), errors);
    }

    static double ms(Histogram h, double p) {
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(p) / 1000.0;
    }

    static ObjectNode percentiles(Histogram h) {
        ObjectNode n = ProtocolJson.mapper().createObjectNode();
        n.put("p50", ms(h, 50)).put("p90", ms(h, 90)).put("p99", ms(h, 99)).put("p99.9", ms(h, 99.9))
                .put("max", h.getMaxValue() / 1000.0).put("count", h.getTotalCount());
        return n;
    }

    @Override
    public void close() {
        for (HistogramLogWriter log : logs) {
            log.close();
        }
        csv.close();
    }
}
