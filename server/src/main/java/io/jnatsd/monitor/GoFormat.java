package io.jnatsd.monitor;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Values formatted the way nats-server's JSON shows them (it is written in Go), so tools that parse or display its
 * output see the same text from jnatsd: RFC 3339 times with trimmed nanoseconds, Go durations, uptime strings.
 */
final class GoFormat {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private GoFormat() {
    }

    /** Go's time.RFC3339Nano in the server's local zone: trailing zeros of the fraction dropped, "Z" for UTC. */
    static String time(long epochNanos) {
        return time(epochNanos, ZoneId.systemDefault());
    }

    static String time(long epochNanos, ZoneId zone) {
        Instant i = Instant.ofEpochSecond(Math.floorDiv(epochNanos, NANOS_PER_SECOND),
                Math.floorMod(epochNanos, NANOS_PER_SECOND));
        ZoneOffset off = zone.getRules().getOffset(i);
        OffsetDateTime t = i.atOffset(off);
        StringBuilder b = new StringBuilder(35);
        pad(b, t.getYear(), 4).append('-');
        pad(b, t.getMonthValue(), 2).append('-');
        pad(b, t.getDayOfMonth(), 2).append('T');
        pad(b, t.getHour(), 2).append(':');
        pad(b, t.getMinute(), 2).append(':');
        pad(b, t.getSecond(), 2);
        int nanos = t.getNano();
        if (nanos != 0) {
            String f = String.format("%09d", nanos);
            int end = f.length();
            while (f.charAt(end - 1) == '0') {
                end--;
            }
            b.append('.').append(f, 0, end);
        }
        int secs = off.getTotalSeconds();
        if (secs == 0) {
            b.append('Z');
        } else {
            b.append(secs < 0 ? '-' : '+');
            secs = Math.abs(secs);
            pad(b, secs / 3600, 2).append(':');
            pad(b, secs / 60 % 60, 2);
        }
        return b.toString();
    }

    private static StringBuilder pad(StringBuilder b, int v, int width) {
        String s = Integer.toString(v);
        for (int i = s.length(); i < width; i++) {
            b.append('0');
        }
        return b.append(s);
    }

    /**
     * nats-server's uptime and idle format: whole seconds only, split into the units present, e.g. "0s", "1m2s",
     * "3h0m5s", "2d1h0m0s", "1y3d0h0m0s" (a year is 365 days).
     */
    static String uptime(long nanos) {
        long secs = Math.max(0, nanos) / NANOS_PER_SECOND;
        long mins = secs / 60;
        long hours = mins / 60;
        long days = hours / 24;
        long years = days / 365;
        StringBuilder b = new StringBuilder();
        if (years > 0) {
            b.append(years).append('y').append(days % 365).append('d');
        } else if (days > 0) {
            b.append(days).append('d');
        }
        if (days > 0) {
            b.append(hours % 24).append('h');
        } else if (hours > 0) {
            b.append(hours).append('h');
        }
        if (hours > 0) {
            b.append(mins % 60).append('m');
        } else if (mins > 0) {
            b.append(mins).append('m');
        }
        return b.append(secs % 60).append('s').toString();
    }

    /**
     * Go's time.Duration.String: "0s"; below a second the largest unit that keeps a leading non-zero digit
     * ("1.5µs", "471µs", "1.994109ms"); otherwise hours, minutes and seconds with the fraction on the seconds
     * ("1m2.5s", "1h0m0s").
     */
    static String duration(long nanos) {
        if (nanos == 0) {
            return "0s";
        }
        boolean neg = nanos < 0;
        // Long.MIN_VALUE has no positive counterpart; its magnitude is handled as unsigned below.
        long u = neg ? -nanos : nanos;
        StringBuilder b = new StringBuilder();
        if (neg) {
            b.append('-');
        }
        if (Long.compareUnsigned(u, NANOS_PER_SECOND) < 0) {
            if (u < 1_000) {
                return b.append(u).append("ns").toString();
            } else if (u < 1_000_000) {
                return fraction(b, u, 1_000).append("µs").toString();
            }
            return fraction(b, u, 1_000_000).append("ms").toString();
        }
        long secs = Long.divideUnsigned(u, NANOS_PER_SECOND);
        long frac = Long.remainderUnsigned(u, NANOS_PER_SECOND);
        long hours = secs / 3600;
        long mins = secs / 60 % 60;
        if (hours > 0) {
            b.append(hours).append('h');
        }
        if (hours > 0 || mins > 0) {
            b.append(mins).append('m');
        }
        b.append(secs % 60);
        appendFraction(b, frac, 9);
        return b.append('s').toString();
    }

    /** {@code v / unit} with its remainder as a decimal fraction without trailing zeros. */
    private static StringBuilder fraction(StringBuilder b, long v, long unit) {
        b.append(v / unit);
        appendFraction(b, v % unit, Long.toString(unit).length() - 1);
        return b;
    }

    private static void appendFraction(StringBuilder b, long frac, int digits) {
        if (frac == 0) {
            return;
        }
        String f = Long.toString(frac);
        StringBuilder s = new StringBuilder();
        for (int i = f.length(); i < digits; i++) {
            s.append('0');
        }
        s.append(f);
        int end = s.length();
        while (s.charAt(end - 1) == '0') {
            end--;
        }
        b.append('.').append(s, 0, end);
    }

    /**
     * A JSON number the way Go's encoding/json writes a float64: integral values without ".0", plain decimal
     * notation between 1e-6 and 1e21, shortest round-trip digits.
     */
    static Number float64(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return 0; // Go refuses to encode these; monitoring never produces them on purpose
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return (long) v;
        }
        double a = Math.abs(v);
        if (a >= 1e-6 && a < 1e21) {
            return new BigDecimal(Double.toString(v)).stripTrailingZeros(); // written as plain digits
        }
        return v;
    }
}
