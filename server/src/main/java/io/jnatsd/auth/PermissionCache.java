package io.jnatsd.auth;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Per-connection memo of subject → allowed for publishing, looked up with the subject's bytes straight from the read
 * buffer: a permitted publisher pays one hash probe and no allocation after its first message to a subject; only a
 * miss decodes the subject and copies its bytes. Bounded: cleared when full, which is cheaper than LRU bookkeeping
 * and only costs a re-check. Owner loop only, so not thread-safe.
 */
public final class PermissionCache {
    static final int MAX_ENTRIES = 128;
    private static final int SLOTS = MAX_ENTRIES * 2; // power of two, at most half full

    private final SubjectPermission permission;
    private final byte[][] keys = new byte[SLOTS][];
    private final int[] hashes = new int[SLOTS];
    private final boolean[] allowed = new boolean[SLOTS];
    private int size;

    public PermissionCache(SubjectPermission permission) {
        this.permission = permission;
    }

    public boolean permits(byte[] b, int off, int len) {
        int h = hash(b, off, len);
        int mask = SLOTS - 1;
        int i = h & mask;
        for (byte[] k = keys[i]; k != null; i = (i + 1) & mask, k = keys[i]) {
            if (hashes[i] == h && Arrays.equals(k, 0, k.length, b, off, off + len)) {
                return allowed[i];
            }
        }
        // Miss (cold): decide, then remember.
        boolean r = permission.permits(new String(b, off, len, StandardCharsets.UTF_8), null);
        if (size >= MAX_ENTRIES) {
            Arrays.fill(keys, null);
            size = 0;
            i = h & mask;
        }
        keys[i] = Arrays.copyOfRange(b, off, off + len);
        hashes[i] = h;
        allowed[i] = r;
        size++;
        return r;
    }

    public boolean permits(String subject) {
        byte[] b = subject.getBytes(StandardCharsets.UTF_8);
        return permits(b, 0, b.length);
    }

    private static int hash(byte[] b, int off, int len) {
        int h = 1;
        for (int i = off, end = off + len; i < end; i++) {
            h = 31 * h + b[i];
        }
        return h ^ (h >>> 16);
    }

    int size() {
        return size;
    }
}
