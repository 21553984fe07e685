package io.jnatsd.operator;

import io.jnatsd.auth.jwt.TimeRange;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * A user JWT's {@code times} (daily "HH:MM:SS" windows) in {@code times_location} (an IANA zone; default the
 * server's local zone), read as nats-server 2.9.10 does: a window whose start is after its end ends the next day,
 * and a login is allowed when a window started today before now and ends after now; the connection lasts until
 * that window's end.
 */
final class ConnectWindow {
    /** No time windows: any time, no end. */
    static final long ALWAYS = 0;
    /** Outside every window (or windows that cannot be read). */
    static final long OUTSIDE = -1;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("H:mm:ss");

    private ConnectWindow() {
    }

    /** {@link #ALWAYS}, {@link #OUTSIDE}, or the Unix second the window {@code now} is in ends. */
    static long end(List<TimeRange> times, String location, Instant now) {
        if (times.isEmpty()) {
            return ALWAYS;
        }
        ZoneId zone;
        try {
            zone = location == null || location.isEmpty() ? ZoneId.systemDefault() : ZoneId.of(location);
        } catch (DateTimeException e) {
            return OUTSIDE;
        }
        ZonedDateTime at = now.atZone(zone);
        for (TimeRange r : times) {
            LocalTime start;
            LocalTime end;
            try {
                start = LocalTime.parse(r.start(), TIME);
                end = LocalTime.parse(r.end(), TIME);
            } catch (DateTimeParseException e) {
                return OUTSIDE;
            }
            ZonedDateTime from = at.with(start);
            ZonedDateTime to = start.isAfter(end) ? at.plusDays(1).with(end) : at.with(end);
            if (from.isBefore(at) && to.isAfter(at)) {
                return to.toEpochSecond();
            }
        }
        return OUTSIDE;
    }
}
