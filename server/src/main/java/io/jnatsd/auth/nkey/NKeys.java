package io.jnatsd.auth.nkey;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/**
 * NKey public keys: base32 of a prefix byte (the key type), the 32 raw Ed25519 key bytes and a CRC-16; and
 * Ed25519 signature checks with the JDK's own provider.
 */
public final class NKeys {
    private static final int RAW_KEY_LENGTH = 32;
    private static final int ENCODED_LENGTH = 56; // base32 of 1 + 32 + 2 bytes
    /** DER prefix of an X.509 SubjectPublicKeyInfo for Ed25519; the raw key follows it. */
    private static final byte[] X509_ED25519_PREFIX = {
        0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00,
    };

    private NKeys() {
    }

    /** Encodes 32 raw key bytes as a public NKey of this type. */
    public static String encode(NKeyType type, byte[] rawKey) {
        if (rawKey.length != RAW_KEY_LENGTH) {
            throw new IllegalArgumentException("an NKey holds 32 bytes, not " + rawKey.length);
        }
        byte[] b = new byte[RAW_KEY_LENGTH + 3];
        b[0] = (byte) type.prefixByte();
        System.arraycopy(rawKey, 0, b, 1, RAW_KEY_LENGTH);
        int crc = Crc16.of(b, 0, RAW_KEY_LENGTH + 1);
        b[RAW_KEY_LENGTH + 1] = (byte) crc;
        b[RAW_KEY_LENGTH + 2] = (byte) (crc >>> 8);
        return Base32.encode(b);
    }

    /** The type of a well-formed public NKey (length, alphabet, known prefix, checksum), or null. */
    public static NKeyType typeOf(String publicKey) {
        byte[] b = decodeChecked(publicKey);
        return b == null ? null : NKeyType.ofPrefixByte(b[0]);
    }

    public static boolean isValid(String publicKey, NKeyType type) {
        return typeOf(publicKey) == type;
    }

    /** The 32 raw Ed25519 bytes of a public NKey of the given type. */
    public static byte[] rawKey(String publicKey, NKeyType type) throws InvalidNKeyException {
        byte[] b = decodeChecked(publicKey);
        if (b == null) {
            throw new InvalidNKeyException("invalid encoding or checksum");
        }
        if (NKeyType.ofPrefixByte(b[0]) != type) {
            throw new InvalidNKeyException("not a public " + type.name().toLowerCase() + " key");
        }
        return Arrays.copyOfRange(b, 1, RAW_KEY_LENGTH + 1);
    }

    /** Whether {@code signature} is a valid Ed25519 signature of {@code data} by this public NKey. */
    public static boolean verify(String publicKey, NKeyType type, byte[] data, byte[] signature) {
        try {
            return verify(publicKey(rawKey(publicKey, type)), data, signature);
        } catch (InvalidNKeyException e) {
            return false;
        }
    }

    static boolean verify(PublicKey key, byte[] data, byte[] signature) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(data);
            return s.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false; // malformed signature bytes or a key that is not a curve point
        }
    }

    static PublicKey publicKey(byte[] raw) throws InvalidNKeyException {
        byte[] der = Arrays.copyOf(X509_ED25519_PREFIX, X509_ED25519_PREFIX.length + RAW_KEY_LENGTH);
        System.arraycopy(raw, 0, der, X509_ED25519_PREFIX.length, RAW_KEY_LENGTH);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new InvalidNKeyException("not an Ed25519 key: " + e.getMessage());
        }
    }

    /** The 35 decoded bytes with a matching checksum, or null. */
    private static byte[] decodeChecked(String s) {
        if (s == null || s.length() != ENCODED_LENGTH) {
            return null;
        }
        byte[] b = Base32.decode(s);
        if (b == null || b.length != RAW_KEY_LENGTH + 3) {
            return null;
        }
        int crc = (b[RAW_KEY_LENGTH + 1] & 0xff) | (b[RAW_KEY_LENGTH + 2] & 0xff) << 8;
        return crc == Crc16.of(b, 0, RAW_KEY_LENGTH + 1) ? b : null;
    }
}
