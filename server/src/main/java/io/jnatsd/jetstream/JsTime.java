package io.jnatsd.jetstream;

import java.time.Instant;

/**
 * Times in JetStream JSON and headers: Go's RFC 3339 with nanoseconds in UTC (trailing zeros of the fraction dropped,
 * so the text has the length nats-server's has); Go's zero time for "none".
 */
public final class JsTime {
    public static final String ZERO = "0001-01-01T00:00:00Z";

    private JsTime() {
    }

    public static String format(long epochNanos) {
        if (epochNanos == 0) {
            return ZERO;
        }
        Instant i = Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L),
                Math.floorMod(epochNanos, 1_000_000_000L));
        String whole = i.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(); // ...:ssZ
        int nanos = i.getNano();
        if (nanos == 0) {
            return whole;
        }
        String f = String.format("%09d", nanos);
        int end = f.length();
        while (f.charAt(end - 1) == '0') {
            end--;
        }
        return whole.substring(0, whole.length() - 1) + "." + f.substring(0, end) + "Z";
    }
}
