package io.jnatsd.cli.logging;

import java.util.Objects;

/**
 * What the command line decides about logging. nats-server treats debug and trace as independent switches
 * (-V shows [TRC] without [DBG]), so these are two flags, not a threshold.
 */
public record LogSettings(boolean debug, boolean trace, boolean logtime, LogSink sink) {
    public LogSettings {
        Objects.requireNonNull(sink, "sink");
    }

    /** Before the command line is read: nats-server's defaults, to stderr. */
    public static LogSettings defaults() {
        return new LogSettings(false, false, true, LogSink.stderr());
    }
}
