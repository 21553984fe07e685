package io.jnatsd.subject;

import java.util.Arrays;

/**
 * A direct-mapped cache of match results keyed by subject bytes, owned by one thread (no locks, no shared writes).
 * An entry is valid only for the index generation it was computed at, so any subscription change invalidates it.
 * A hit allocates nothing; a miss reuses the slot's key array when the length fits.
 */
final class MatchCache<C> {
    private final byte[][] keys;
    private final int[] keyLens;
    private final int[] hashes;
    private final long[] generations;
    private final Object[] results;
    private final int mask;

    MatchCache(int size) {
        keys = new byte[size][];
        keyLens = new int[size];
        hashes = new int[size];
        generations = new long[size];
        results = new Object[size];
        mask = size - 1;
    }

    @SuppressWarnings("unchecked")
    /** @param h the subject's {@link TokenMap#hash}, computed once for the get and the put after a miss */
    MatchResult<C> get(byte[] b, int off, int len, int h, long generation) {
        int i = h & mask;
        byte[] k = keys[i];
        if (k == null || hashes[i] != h || generations[i] != generation || keyLens[i] != len
                || !Arrays.equals(k, 0, len, b, off, off + len)) {
            return null;
        }
        return (MatchResult<C>) results[i];
    }

    void put(byte[] b, int off, int len, int h, long generation, MatchResult<C> r) {
        int i = h & mask;
        byte[] k = keys[i];
        if (k == null || k.length < len) {
            k = new byte[Math.max(len, 16)];
            keys[i] = k;
        }
        System.arraycopy(b, off, k, 0, len);
        keyLens[i] = len;
        hashes[i] = h;
        generations[i] = generation;
        results[i] = r;
    }

    // ---- statistics ----------------------------------------------------------------------------------------------
    // Plain fields written by the owning thread only; monitoring sums them over all threads and tolerates a stale
    // value, so the match path pays one increment on memory it already owns, never a shared atomic write.

    /** Lookups by the owning thread. */
    long matches;
    /** Lookups answered from this cache. */
    long hits;

    /**
     * Adds this cache's entries still valid at {@code generation} to {@code acc}: [0] entries, [1] total fan-out,
     * [2] max fan-out (plain subscriptions plus queue groups of each result). Called from another thread: the reads
     * are racy and the numbers approximate, which is all monitoring needs; results are immutable, so a result read
     * is always whole.
     */
    void addStats(long generation, long[] acc) {
        for (int i = 0; i < keys.length; i++) {
            Object r = results[i];
            if (keys[i] == null || generations[i] != generation || !(r instanceof MatchResult)) {
                continue;
            }
            MatchResult<?> m = (MatchResult<?>) r;
            long fanout = m.plain().length + m.queueGroups().length;
            acc[0]++;
            acc[1] += fanout;
            acc[2] = Math.max(acc[2], fanout);
        }
    }
}
