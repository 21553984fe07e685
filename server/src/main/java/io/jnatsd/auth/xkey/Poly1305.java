package io.jnatsd.auth.xkey;

import java.math.BigInteger;

/** The Poly1305 one-time authenticator (RFC 8439 section 2.5), with BigInteger: only small messages pass here. */
final class Poly1305 {
    private static final BigInteger P = BigInteger.ONE.shiftLeft(130).subtract(BigInteger.valueOf(5));
    private static final BigInteger CLAMP = new BigInteger("0ffffffc0ffffffc0ffffffc0fffffff", 16);
    private static final BigInteger MOD128 = BigInteger.ONE.shiftLeft(128);

    private Poly1305() {
    }

    /** The 16-byte tag of {@code msg[off..off+len)} under the 32-byte one-time key. */
    static byte[] tag(byte[] key, byte[] msg, int off, int len) {
        BigInteger r = le(key, 0, 16).and(CLAMP);
        BigInteger s = le(key, 16, 16);
        BigInteger acc = BigInteger.ZERO;
        for (int i = 0; i < len; i += 16) {
            int n = Math.min(16, len - i);
            BigInteger block = le(msg, off + i, n).setBit(8 * n);
            acc = acc.add(block).multiply(r).mod(P);
        }
        BigInteger t = acc.add(s).mod(MOD128);
        byte[] out = new byte[16];
        byte[] be = t.toByteArray();
        for (int i = 0; i < 16 && i < be.length; i++) {
            out[i] = be[be.length - 1 - i];
        }
        return out;
    }

    private static BigInteger le(byte[] b, int off, int len) {
        byte[] be = new byte[len + 1]; // leading zero: positive
        for (int i = 0; i < len; i++) {
            be[len - i] = b[off + i];
        }
        return new BigInteger(be);
    }
}
