package io.jnatsd.cli.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.event.LoggingEvent;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.LoggingEventAware;

/**
 * An SLF4J logger that prints nats-server's line format through {@link LogConfig}'s current settings.
 * DBG and TRC lines come only from jnatsd's own loggers: -D on nats-server shows the server's debug output,
 * not the internals of its libraries (Netty logs plenty at debug).
 */
final class NatsLogger extends LegacyAbstractLogger implements LoggingEventAware {
    private static final long serialVersionUID = 1L;
    private static final String OWN_PREFIX = "io.jnatsd";

    private final boolean own;

    NatsLogger(String name) {
        this.name = name;
        this.own = name.startsWith(OWN_PREFIX);
    }

    @Override
    public boolean isTraceEnabled() {
        return own && LogConfig.settings().trace();
    }

    @Override
    public boolean isDebugEnabled() {
        return own && LogConfig.settings().debug();
    }

    @Override
    public boolean isInfoEnabled() {
        return true;
    }

    @Override
    public boolean isWarnEnabled() {
        return true;
    }

    @Override
    public boolean isErrorEnabled() {
        return true;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String messagePattern, Object[] arguments,
                                               Throwable throwable) {
        boolean fatal = marker != null && marker.contains(LogMarkers.FATAL_NAME);
        emit(level, fatal, messagePattern, arguments, throwable);
    }

    /** Fluent API calls (logger.atInfo()...) arrive here. */
    @Override
    public void log(LoggingEvent event) {
        if (!isEnabledForLevel(event.getLevel())) {
            return;
        }
        List<Marker> markers = event.getMarkers();
        boolean fatal = markers != null && markers.stream().anyMatch(m -> m.contains(LogMarkers.FATAL_NAME));
        emit(event.getLevel(), fatal, event.getMessage(), event.getArgumentArray(), event.getThrowable());
    }

    private void emit(Level level, boolean fatal, String pattern, Object[] arguments, Throwable throwable) {
        LogSettings settings = LogConfig.settings();
        String message = MessageFormatter.basicArrayFormat(pattern, arguments);
        if (message == null) {
            message = "null";
        }
        if (throwable != null) {
            String cause = Throwables.describe(throwable);
            if (!message.endsWith(cause)) {
                message = message.isEmpty() ? cause : message + ": " + cause;
            }
        }
        NatsLevel natsLevel = fatal && level == Level.ERROR ? NatsLevel.FATAL : NatsLevel.of(level);
        settings.sink().writeLine(LogConfig.format().render(Instant.now(), natsLevel, message, settings.logtime()));
        // Stack traces are for whoever asked for -D; nats-server itself never prints one.
        if (throwable != null && settings.debug()) {
            StringWriter trace = new StringWriter();
            throwable.printStackTrace(new PrintWriter(trace));
            settings.sink().writeLine(trace.toString().stripTrailing());
        }
    }
}
