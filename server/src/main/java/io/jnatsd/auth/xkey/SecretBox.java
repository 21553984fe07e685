package io.jnatsd.auth.xkey;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * NaCl's crypto_secretbox (XSalsa20-Poly1305): the output is the 16-byte Poly1305 tag followed by the ciphertext.
 * The first 32 bytes of the XSalsa20 keystream are the Poly1305 key; the message is XORed with what follows.
 */
final class SecretBox {
    static final int TAG_LENGTH = 16;
    static final int NONCE_LENGTH = 24;

    private SecretBox() {
    }

    static byte[] seal(byte[] key, byte[] nonce, byte[] message) {
        byte[] subkey = Salsa20.hsalsa20(key, nonce, 0);
        byte[] polyKey = new byte[32];
        Salsa20.xor(subkey, nonce, 16, 0, new byte[32], 0, polyKey, 0, 32);
        byte[] out = new byte[TAG_LENGTH + message.length];
        Salsa20.xor(subkey, nonce, 16, 32, message, 0, out, TAG_LENGTH, message.length);
        byte[] tag = Poly1305.tag(polyKey, out, TAG_LENGTH, message.length);
        System.arraycopy(tag, 0, out, 0, TAG_LENGTH);
        return out;
    }

    /** The message, or null when the box is too short or its tag does not match. */
    static byte[] open(byte[] key, byte[] nonce, byte[] box, int off, int len) {
        if (len < TAG_LENGTH) {
            return null;
        }
        byte[] subkey = Salsa20.hsalsa20(key, nonce, 0);
        byte[] polyKey = new byte[32];
        Salsa20.xor(subkey, nonce, 16, 0, new byte[32], 0, polyKey, 0, 32);
        byte[] tag = Poly1305.tag(polyKey, box, off + TAG_LENGTH, len - TAG_LENGTH);
        if (!MessageDigest.isEqual(tag, Arrays.copyOfRange(box, off, off + TAG_LENGTH))) {
            return null;
        }
        byte[] out = new byte[len - TAG_LENGTH];
        Salsa20.xor(subkey, nonce, 16, 32, box, off + TAG_LENGTH, out, 0, out.length);
        return out;
    }
}
