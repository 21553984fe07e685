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

    /** Consumer thread only (one scratch per consumer). */
    byte[] of(long count, long streamSeq, long consumerSeq, long timestampNanos, long pending) {
        // Written backwards into the scratch, one division per digit, then copied out once.
        byte[] b = scratch;
        int at = b.length;
        at = putBackwards(b, at, pending);
        b[--at] = '.';
        at = putBackwards(b, at, timestampNanos);
        b[--at] = '.';
        at = putBackwards(b, at, consumerSeq);
        b[--at] = '.';
        at = putBackwards(b, at, streamSeq);
        b[--at] = '.';
        at = putBackwards(b, at, count);
        int numbers = b.length - at;
        byte[] out = new byte[prefix.length + numbers];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(b, at, out, prefix.length, numbers);
        return out;
    }

    /** Five numbers of at most 20 digits and their dots. */
    private final byte[] scratch = new byte[5 * 20 + 4];

    /** Writes non-negative {@code v} ending before {@code end} (a negative one as 0: none of these can be). */
    private static int putBackwards(byte[] b, int end, long v) {
        int at = end;
        if (v <= 0) {
            b[--at] = '0';
            return at;
        }
        while (v > 0) {
            long q = v / 10;
            b[--at] = (byte) ('0' + (v - q * 10));
            v = q;
        }
        return at;
    }
}
