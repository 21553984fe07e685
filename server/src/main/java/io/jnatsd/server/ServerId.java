package io.jnatsd.server;

import java.security.SecureRandom;

/**
 * A server id in the form nats-server uses: an NKey-style public key of the "server" type ('N' prefix, 56 chars):
 * base32 of a prefix byte, 32 random bytes and a CRC-16 of those.
 */
public final class ServerId {
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final int PREFIX_SERVER = 13 << 3; // encodes as 'N'
    private static final SecureRandom RANDOM = new SecureRandom();

    private ServerId() {
    }

    public static String generate() {
        byte[] raw = new byte[35];
        raw[0] = (byte) PREFIX_SERVER;
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        System.arraycopy(key, 0, raw, 1, 32);
        int crc = crc16(raw, 0, 33);
        raw[33] = (byte) crc;
        raw[34] = (byte) (crc >>> 8);
        return base32(raw);
    }

    /** CRC-16/XMODEM, as NKeys use. */
    static int crc16(byte[] b, int off, int len) {
        int crc = 0;
        for (int i = off; i < off + len; i++) {
            crc ^= (b[i] & 0xff) << 8;
            for (int k = 0; k < 8; k++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
            crc &= 0xffff;
        }
        return crc;
    }

    static String base32(byte[] b) {
        StringBuilder sb = new StringBuilder((b.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte x : b) {
            buffer = (buffer << 8) | (x & 0xff);
            bits += 8;
            while (bits >= 5) {
                sb.append(BASE32[(buffer >>> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            sb.append(BASE32[(buffer << (5 - bits)) & 31]);
        }
        return sb.toString();
    }
}
