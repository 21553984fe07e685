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
    MatchResult<C> get(byte[] b, int off, int len, long generation) {
        int h = TokenMap.hash(b, off, len);
        int i = h & mask;
        byte[] k = keys[i];
        if (k == null || hashes[i] != h || generations[i] != generation || keyLens[i] != len
                || !Arrays.equals(k, 0, len, b, off, off + len)) {
            return null;
        }
        return (MatchResult<C>) results[i];
    }

    void put(byte[] b, int off, int len, long generation, MatchResult<C> r) {
        int h = TokenMap.hash(b, off, len);
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
}
