package io.jnatsd.subject.transform;

import java.util.Arrays;

/** The transformed subject being written; reused per thread, copied out once at the end. */
final class SubjectBytes {
    private byte[] buf = new byte[128];
    private int size;

    SubjectBytes clear() {
        size = 0;
        return this;
    }

    void write(byte b) {
        if (size == buf.length) {
            buf = Arrays.copyOf(buf, size * 2);
        }
        buf[size++] = b;
    }

    void write(byte[] b, int from, int to) {
        int n = to - from;
        if (size + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
        }
        System.arraycopy(b, from, buf, size, n);
        size += n;
    }

    void dot() {
        write((byte) '.');
    }

    /** Decimal digits of an unsigned 32-bit value, as Go's strconv.Itoa prints it. */
    void writeUnsigned(int value) {
        long v = Integer.toUnsignedLong(value);
        if (v == 0) {
            write((byte) '0');
            return;
        }
        int digits = 0;
        for (long x = v; x > 0; x /= 10) {
            digits++;
        }
        for (int i = 0; i < digits; i++) {
            write((byte) '0');
        }
        for (int i = size - 1; v > 0; i--, v /= 10) {
            buf[i] = (byte) ('0' + (v % 10));
        }
    }

    byte[] toArray() {
        return Arrays.copyOf(buf, size);
    }
}
