package io.jnatsd.cli.logging;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Supplier;

/** Where rendered lines go. Each line is written and flushed whole, so lines from threads never interleave. */
public final class LogSink {
    private final Supplier<OutputStream> out;
    private final LogFile file;
    private final Object lock = new Object();

    private LogSink(Supplier<OutputStream> out, LogFile file) {
        this.out = out;
        this.file = file;
    }

    /** Standard error, looked up per line so a replaced System.err (tests, embedding) is honoured. */
    public static LogSink stderr() {
        return new LogSink(() -> System.err, null);
    }

    public static LogSink of(OutputStream stream) {
        return new LogSink(() -> stream, null);
    }

    /** Appends to the file, like nats-server's -l. */
    public static LogSink appendingTo(Path file) throws IOException {
        return appendingTo(file, 0);
    }

    /** Appends to the file, renaming it aside when it grows past {@code sizeLimit} bytes (0: no limit). */
    public static LogSink appendingTo(Path file, long sizeLimit) throws IOException {
        return new LogSink(null, new LogFile(file, sizeLimit, LogSink::infoLine));
    }

    private static String infoLine(String message) {
        return LogConfig.format().render(Instant.now(), NatsLevel.INFO, message, LogConfig.settings().logtime());
    }

    /** True for a log file, the only sink that can be reopened. */
    public boolean isFile() {
        return file != null;
    }

    /** Reopens the log file by name (SIGUSR1); false when this sink is not a file. */
    public boolean reopen() throws IOException {
        if (file == null) {
            return false;
        }
        synchronized (lock) {
            file.reopen();
        }
        return true;
    }

    /** Releases the file once another sink replaced this one (a reload that changed log_file). */
    public void close() {
        if (file != null) {
            synchronized (lock) {
                file.close();
            }
        }
    }

    public void writeLine(String line) {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (lock) {
            try {
                if (file != null) {
                    file.write(bytes);
                } else {
                    OutputStream stream = out.get();
                    stream.write(bytes);
                    stream.flush();
                }
            } catch (IOException e) {
                // Nowhere left to report a failing log destination; dropping the line beats crashing a caller.
            }
        }
    }
}
