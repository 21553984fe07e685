package io.jnatsd.jetstream.consumer;

import java.nio.charset.StandardCharsets;

/**
 * A consumer's ack reply subjects, {@code $JS.ACK.<stream>.<consumer>.<count>.<sseq>.<cseq>.<ts>.<pending>}, built
 * straight into the bytes the delivery's MSG line needs: one per delivered message, so no string concatenation and
 * no encoding.
 */
final class AckSubject {
    private final byte[] prefix;

    AckSubject(String stream, String consumer) {
        prefix = ("$JS.ACK." + stream + "." + consumer + ".").getBytes(StandardCharsets.UTF_8);
    }

    byte[] of(long count, long streamSeq, long consumerSeq, long timestampNanos, long pending) {
        int n = prefix.length + digits(count) + digits(streamSeq) + digits(consumerSeq) + digits(timestampNanos)
                + digits(pending) + 4;
        byte[] b = new byte[n];
        System.arraycopy(prefix, 0, b, 0, prefix.length);
        int at = prefix.length;
        at = put(b, at, count);
        b[at++] = '.';
        at = put(b, at, streamSeq);
        b[at++] = '.';
        at = put(b, at, consumerSeq);
        b[at++] = '.';
        at = put(b, at, timestampNanos);
        b[at++] = '.';
        put(b, at, pending);
        return b;
    }

    /** Digits of a non-negative number (a negative one is written as 0, as none of these fields can be). */
    private static int digits(long v) {
        int d = 1;
        while (v >= 10) {
            v /= 10;
            d++;
        }
        return d;
    }

    private static int put(byte[] b, int at, long v) {
        if (v < 0) {
            v = 0;
        }
        int end = at + digits(v);
        for (int i = end - 1; i >= at; i--) {
            b[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        return end;
    }
}
