package io.jnatsd.subject.transform;

/** 32-bit FNV-1a, the hash nats-server's partition() uses (Go's hash/fnv New32a). */
final class Fnv1a {
    static final int OFFSET_BASIS = 0x811c9dc5;
    private static final int PRIME = 0x01000193;

    private Fnv1a() {
    }

    /** Continues {@code hash} over {@code b[from, to)}; start with {@link #OFFSET_BASIS}. */
    static int update(int hash, byte[] b, int from, int to) {
        int h = hash;
        for (int i = from; i < to; i++) {
            h ^= b[i] & 0xff;
            h *= PRIME;
        }
        return h;
    }
}
