package io.jnatsd.jetstream;

import java.time.Instant;

/** Times in JetStream JSON: RFC 3339 UTC with nanoseconds; Go's zero time for "none". */
final class JsTime {
    static final String ZERO = "0001-01-01T00:00:00Z";

    private JsTime() {
    }

    static String format(long epochNanos) {
        if (epochNanos == 0) {
            return ZERO;
        }
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L),
                Math.floorMod(epochNanos, 1_000_000_000L)).toString();
    }
}
