package io.jnatsd.cli.logging;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Renders one line exactly as nats-server's logger does:
 * {@code [pid] 2006/01/02 15:04:05.000000 [INF] message}, or {@code [pid] [INF] message} without logtime.
 * Local time, microsecond precision.
 */
public final class LogFormat {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss");

    private final String pidPrefix;
    private final ZoneId zone;
    // Formatting the date part is the expensive bit and changes once a second; trace logging is line-heavy.
    private volatile CachedSecond cachedSecond;

    private record CachedSecond(long epochSecond, String text) {
    }

    public LogFormat(long pid, ZoneId zone) {
        this.pidPrefix = "[" + pid + "] ";
        this.zone = zone;
    }

    public static LogFormat forThisProcess() {
        return new LogFormat(ProcessHandle.current().pid(), ZoneId.systemDefault());
    }

    /** The line, without line terminator. */
    public String render(Instant now, NatsLevel level, String message, boolean logtime) {
        StringBuilder line = new StringBuilder(pidPrefix.length() + 40 + message.length());
        line.append(pidPrefix);
        if (logtime) {
            appendTimestamp(line, now);
            line.append(' ');
        }
        return line.append(level.tag()).append(' ').append(message).toString();
    }

    private void appendTimestamp(StringBuilder line, Instant now) {
        long second = now.getEpochSecond();
        CachedSecond cached = cachedSecond;
        if (cached == null || cached.epochSecond() != second) {
            cached = new CachedSecond(second, SECONDS.format(ZonedDateTime.ofInstant(now, zone)));
            cachedSecond = cached;
        }
        line.append(cached.text()).append('.');
        String micros = Integer.toString(now.getNano() / 1000);
        for (int i = micros.length(); i < 6; i++) {
            line.append('0');
        }
        line.append(micros);
    }
}
