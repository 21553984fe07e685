package io.jnatsd.auth.nkey;

/** CRC-16/XMODEM (polynomial 0x1021, initial 0), the checksum NKeys end with (little-endian). */
final class Crc16 {
    private Crc16() {
    }

    static int of(byte[] b, int off, int len) {
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
}
