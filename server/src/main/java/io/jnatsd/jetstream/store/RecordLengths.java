package io.jnatsd.jetstream.store;

import java.util.Arrays;

/**
 * The record lengths of the messages met while recovering, by sequence, so a tombstone replayed from an index file
 * can take its message's bytes off its segment's count without reading the segment. Only lives during recovery.
 * Unknown (0) for sequences it was not told about: the caller then reads the record's frame.
 */
final class RecordLengths {
    private static final int MAX_SPAN = 1 << 28;

    private int[] lengths = new int[0];
    private long base;

    void put(long seq, int length) {
        if (lengths.length == 0 || seq < base) {
            lengths = new int[1024];
            base = seq;
        }
        long off = seq - base;
        if (off >= MAX_SPAN) {
            return; // a jump no store makes without a purge: not worth the memory
        }
        if (off >= lengths.length) {
            lengths = Arrays.copyOf(lengths, (int) Math.min(MAX_SPAN, Math.max(off + 1, 2L * lengths.length)));
        }
        lengths[(int) off] = length;
    }

    int get(long seq) {
        long off = seq - base;
        return off >= 0 && off < lengths.length ? lengths[(int) off] : 0;
    }

    /** Forgets everything (a purge: what came before is gone, and sequences jump). */
    void clear() {
        lengths = new int[0];
    }
}
