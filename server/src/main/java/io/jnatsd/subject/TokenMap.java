package io.jnatsd.subject;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Open-addressing map from a subject token (bytes) to a value. Lookups take a slice of any byte array, so matching a
 * published subject allocates nothing; inserts copy the token once.
 */
final class TokenMap<V> {
    private byte[][] keys = new byte[4][];
    private int[] hashes = new int[4];
    private Object[] values = new Object[4];
    private int size;

    @SuppressWarnings("unchecked")
    void forEach(java.util.function.Consumer<V> action) {
        for (Object v : values) {
            if (v != null) {
                action.accept((V) v);
            }
        }
    }

    int size() {
        return size;
    }

    /**
     * Hashes a subject or token eight bytes at a time: every publish hashes its subject (the match cache) and every
     * cache miss each token, and a byte-at-a-time polynomial is a serial chain of multiplies over 20-40 bytes.
     */
    static int hash(byte[] b, int off, int len) {
        long h = 0x9E3779B97F4A7C15L ^ len;
        int i = off;
        int end = off + len;
        for (; i + 8 <= end; i += 8) {
            h = (h ^ (long) LONGS.get(b, i)) * 0xBF58476D1CE4E5B9L;
            h ^= h >>> 31;
        }
        long tail = 0;
        for (int shift = 0; i < end; i++, shift += 8) {
            tail |= (b[i] & 0xffL) << shift;
        }
        h = (h ^ tail) * 0x94D049BB133111EBL;
        h ^= h >>> 29;
        return (int) (h ^ (h >>> 32));
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    @SuppressWarnings("unchecked")
    V get(byte[] b, int off, int len) {
        int h = hash(b, off, len);
        int mask = keys.length - 1;
        for (int i = h & mask; ; i = (i + 1) & mask) {
            byte[] k = keys[i];
            if (k == null) {
                return null;
            }
            if (hashes[i] == h && Arrays.equals(k, 0, k.length, b, off, off + len)) {
                return (V) values[i];
            }
        }
    }

    void put(byte[] b, int off, int len, V value) {
        if ((size + 1) * 2 > keys.length) {
            resize(keys.length * 2);
        }
        int h = hash(b, off, len);
        int mask = keys.length - 1;
        for (int i = h & mask; ; i = (i + 1) & mask) {
            byte[] k = keys[i];
            if (k == null) {
                keys[i] = Arrays.copyOfRange(b, off, off + len);
                hashes[i] = h;
                values[i] = value;
                size++;
                return;
            }
            if (hashes[i] == h && Arrays.equals(k, 0, k.length, b, off, off + len)) {
                values[i] = value;
                return;
            }
        }
    }

    void remove(byte[] b, int off, int len) {
        int h = hash(b, off, len);
        int mask = keys.length - 1;
        for (int i = h & mask; ; i = (i + 1) & mask) {
            byte[] k = keys[i];
            if (k == null) {
                return;
            }
            if (hashes[i] == h && Arrays.equals(k, 0, k.length, b, off, off + len)) {
                keys[i] = null;
                values[i] = null;
                size--;
                // Re-insert the rest of the probe run so later lookups do not stop at the hole.
                for (int j = (i + 1) & mask; keys[j] != null; j = (j + 1) & mask) {
                    byte[] rk = keys[j];
                    int rh = hashes[j];
                    Object rv = values[j];
                    keys[j] = null;
                    values[j] = null;
                    reinsert(rk, rh, rv);
                }
                if (keys.length > 8 && size * 8 < keys.length) {
                    resize(keys.length / 2);
                }
                return;
            }
        }
    }

    private void reinsert(byte[] k, int h, Object v) {
        int mask = keys.length - 1;
        int i = h & mask;
        while (keys[i] != null) {
            i = (i + 1) & mask;
        }
        keys[i] = k;
        hashes[i] = h;
        values[i] = v;
    }

    private void resize(int capacity) {
        byte[][] oldKeys = keys;
        int[] oldHashes = hashes;
        Object[] oldValues = values;
        keys = new byte[capacity][];
        hashes = new int[capacity];
        values = new Object[capacity];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                reinsert(oldKeys[i], oldHashes[i], oldValues[i]);
            }
        }
    }
}
