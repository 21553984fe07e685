package io.jnatsd.auth.xkey;

/**
 * The Salsa20 core (20 rounds), as NaCl uses it: the keystream of Salsa20 with a 32-byte key, an 8-byte nonce and a
 * 64-bit block counter, and HSalsa20, which derives a subkey from a key and 16 input bytes.
 */
final class Salsa20 {
    private static final int[] SIGMA = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574}; // "expand 32-byte k"

    private Salsa20() {
    }

    /** HSalsa20: 32 bytes from a 32-byte key and 16 input bytes. */
    static byte[] hsalsa20(byte[] key, byte[] in16, int inOff) {
        int[] x = state(key, in16, inOff, 16);
        rounds(x);
        byte[] out = new byte[32];
        int[] pick = {0, 5, 10, 15, 6, 7, 8, 9};
        for (int i = 0; i < 8; i++) {
            putLe(out, i * 4, x[pick[i]]);
        }
        return out;
    }

    /** XORs {@code in} with the Salsa20 keystream from byte {@code skip} of block 0 on, into {@code out}. */
    static void xor(byte[] key, byte[] nonce, int nonceOff, long skip, byte[] in, int inOff, byte[] out, int outOff,
            int len) {
        byte[] n = new byte[16];
        System.arraycopy(nonce, nonceOff, n, 0, 8);
        byte[] block = new byte[64];
        long pos = skip;
        int done = 0;
        while (done < len) {
            long counter = pos / 64;
            for (int i = 0; i < 8; i++) {
                n[8 + i] = (byte) (counter >>> (8 * i));
            }
            int[] in16 = state(key, n, 0, 16);
            int[] x = in16.clone();
            rounds(x);
            for (int i = 0; i < 16; i++) {
                putLe(block, i * 4, x[i] + in16[i]);
            }
            int from = (int) (pos % 64);
            int take = Math.min(64 - from, len - done);
            for (int i = 0; i < take; i++) {
                out[outOff + done + i] = (byte) (in[inOff + done + i] ^ block[from + i]);
            }
            done += take;
            pos += take;
        }
    }

    private static int[] state(byte[] key, byte[] in, int inOff, int inLen) {
        int[] x = new int[16];
        x[0] = SIGMA[0];
        x[5] = SIGMA[1];
        x[10] = SIGMA[2];
        x[15] = SIGMA[3];
        for (int i = 0; i < 4; i++) {
            x[1 + i] = getLe(key, i * 4);
            x[11 + i] = getLe(key, 16 + i * 4);
        }
        for (int i = 0; i < inLen / 4; i++) {
            x[6 + i] = getLe(in, inOff + i * 4);
        }
        return x;
    }

    private static void rounds(int[] x) {
        for (int i = 0; i < 10; i++) {
            quarter(x, 0, 4, 8, 12);
            quarter(x, 5, 9, 13, 1);
            quarter(x, 10, 14, 2, 6);
            quarter(x, 15, 3, 7, 11);
            quarter(x, 0, 1, 2, 3);
            quarter(x, 5, 6, 7, 4);
            quarter(x, 10, 11, 8, 9);
            quarter(x, 15, 12, 13, 14);
        }
    }

    private static void quarter(int[] x, int a, int b, int c, int d) {
        x[b] ^= Integer.rotateLeft(x[a] + x[d], 7);
        x[c] ^= Integer.rotateLeft(x[b] + x[a], 9);
        x[d] ^= Integer.rotateLeft(x[c] + x[b], 13);
        x[a] ^= Integer.rotateLeft(x[d] + x[c], 18);
    }

    static int getLe(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
    }

    private static void putLe(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }
}
