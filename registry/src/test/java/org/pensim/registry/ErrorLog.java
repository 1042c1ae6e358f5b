package org.pensim.registry;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What the process logs at ERROR while a test runs: slf4j-simple writes to whatever System.err is at each
 * line, so a tee in front of it sees every line and still lets the console show them.
 */
public final class ErrorLog implements AutoCloseable {

    private final PrintStream original = System.err;
    private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

    private ErrorLog() {
        OutputStream tee = new OutputStream() {
            @Override
            public void write(int b) {
                original.write(b);
                synchronized (copy) {
                    copy.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                original.write(b, off, len);
                synchronized (copy) {
                    copy.write(b, off, len);
                }
            }
        };
        System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));
    }

    public static ErrorLog capture() {
        return new ErrorLog();
    }

    /** Lines logged at ERROR and stack-trace lines since the capture began. */
    public List<String> errors() {
        String text;
        synchronized (copy) {
            text = copy.toString(StandardCharsets.UTF_8);
        }
        return text.lines().filter(l -> l.contains(" ERROR ") || l.startsWith("\tat ") || l.startsWith("Caused by:")).toList();
    }

    @Override
    public void close() {
        System.setErr(original);
    }
}
