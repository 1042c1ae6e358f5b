package org.pensim.simulations.exercise;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Writing the debrief's PDF says nothing on the trainer's terminal: no chatter, and no warning a trainer cannot act on. */
class DebriefPdfLogTest {

    @Test
    void the_pdf_layout_logs_no_chatter() throws Exception {
        List<LogRecord> chatter = new CopyOnWriteArrayList<>();
        // The library sets up its loggers once (dropping any handler found on them): loading Debrief does it.
        assertThat(Debrief.stylesheet()).isNotBlank();
        // The library's loggers do not pass records to their parents: the catcher listens to each of them.
        List<Logger> library = com.openhtmltopdf.util.XRLog.listRegisteredLoggers().stream().map(Logger::getLogger).toList();
        Handler catcher = new Handler() {
            @Override
            public void publish(LogRecord record) {
                    chatter.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        library.forEach(l -> l.addHandler(catcher));
        java.io.PrintStream terminal = System.err;
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            Path dir = Files.createTempDirectory("pensim-debrief-pdf");
            // The report's own stylesheet (the desks') and a list, whose bullets come from the symbol font.
            Debrief.pdf("<html><head><style>" + Debrief.stylesheet() + "</style></head><body><h1>After-action report</h1>"
                    + "<p>Priya Raman objected.</p><ul><li>went well</li><li>to work on</li></ul></body></html>", dir,
                    dir.resolve("debrief.pdf"));
            assertThat(Files.size(dir.resolve("debrief.pdf"))).isPositive();
        } finally {
            library.forEach(l -> l.removeHandler(catcher));
            System.setErr(terminal);
        }
        assertThat(printed.toString(java.nio.charset.StandardCharsets.UTF_8)).as("the trainer's terminal").isEmpty();
        assertThat(chatter).extracting(r -> r.getLoggerName() + ": " + r.getMessage()).isEmpty();
    }
}
