package io.jnatsd.client;

import java.util.Arrays;

/**
 * Input read while a CONNECT's credentials are checked off the event loop: kept in arrival order and parsed once
 * the check is done, so what a client pipelines after CONNECT is handled after it. Owned by the connection's loop.
 * Small: reading stops while a check runs, so only what was already read lands here.
 */
final class HeldInput {
    private byte[] buf;
    private int len;

    void append(byte[] b, int from, int to) {
        int n = to - from;
        if (buf == null) {
            buf = new byte[Math.max(256, n)];
        } else if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
        System.arraycopy(b, from, buf, len, n);
        len += n;
    }

    boolean isEmpty() {
        return len == 0;
    }

    /** The held bytes ({@code [0, length)} of the array), handing them over: the hold is empty afterwards. */
    byte[] take() {
        byte[] b = len == buf.length ? buf : Arrays.copyOf(buf, len);
        buf = null;
        len = 0;
        return b;
    }
}
