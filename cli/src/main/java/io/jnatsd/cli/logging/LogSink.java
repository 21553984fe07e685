package io.jnatsd.cli.logging;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Supplier;

/** Where rendered lines go. Each line is written and flushed whole, so lines from threads never interleave. */
public final class LogSink {
    private final Supplier<OutputStream> out;
    private final Object lock = new Object();

    private LogSink(Supplier<OutputStream> out) {
        this.out = out;
    }

    /** Standard error, looked up per line so a replaced System.err (tests, embedding) is honoured. */
    public static LogSink stderr() {
        return new LogSink(() -> System.err);
    }

    public static LogSink of(OutputStream stream) {
        return new LogSink(() -> stream);
    }

    /** Appends to the file, like nats-server's -l. */
    public static LogSink appendingTo(Path file) throws IOException {
        OutputStream stream = new BufferedOutputStream(new FileOutputStream(file.toFile(), true));
        return of(stream);
    }

    public void writeLine(String line) {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (lock) {
            OutputStream stream = out.get();
            try {
                stream.write(bytes);
                stream.flush();
            } catch (IOException e) {
                // Nowhere left to report a failing log destination; dropping the line beats crashing a caller.
            }
        }
    }
}
