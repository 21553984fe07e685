package io.jnatsd.auth.xkey;

import io.jnatsd.auth.nkey.InvalidNKeyException;
import io.jnatsd.auth.nkey.NKeyType;
import io.jnatsd.auth.nkey.NKeys;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.XECPrivateKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Arrays;

/**
 * An X25519 key pair in the nkeys "xkey" form (public key 'X...'), sealing and opening messages as nkeys does:
 * {@code "xkv1"}, a random 24-byte nonce, then NaCl's crypto_box of the message (X25519, HSalsa20,
 * XSalsa20-Poly1305) from this key to the other party's.
 */
public final class CurveKeyPair {
    private static final byte[] VERSION = "xkv1".getBytes(StandardCharsets.US_ASCII);
    private static final int KEY_LENGTH = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String publicKey;
    private final PrivateKey privateKey;

    private CurveKeyPair(String publicKey, PrivateKey privateKey) {
        this.publicKey = publicKey;
        this.privateKey = privateKey;
    }

    public static CurveKeyPair generate() {
        try {
            KeyPair kp = KeyPairGenerator.getInstance("X25519").generateKeyPair();
            return new CurveKeyPair(NKeys.encode(NKeyType.CURVE, raw((XECPublicKey) kp.getPublic())),
                    kp.getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no X25519", e);
        }
    }

    /** A key pair from its 32-byte private scalar (for tests and fixed keys). */
    public static CurveKeyPair fromPrivate(byte[] scalar) {
        try {
            KeyFactory f = KeyFactory.getInstance("X25519");
            XECPrivateKey sk = (XECPrivateKey) f.generatePrivate(
                    new XECPrivateKeySpec(NamedParameterSpec.X25519, scalar.clone()));
            byte[] base = new byte[KEY_LENGTH];
            base[0] = 9;
            byte[] pub = agree(sk, publicKeyOf(base));
            return new CurveKeyPair(NKeys.encode(NKeyType.CURVE, pub), sk);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String publicKey() {
        return publicKey;
    }

    /** {@code xkv1 || nonce || box(message)} for {@code recipient} (an 'X' public key). */
    public byte[] seal(byte[] message, String recipient) throws InvalidNKeyException {
        byte[] nonce = new byte[SecretBox.NONCE_LENGTH];
        RANDOM.nextBytes(nonce);
        return seal(message, recipient, nonce);
    }

    byte[] seal(byte[] message, String recipient, byte[] nonce) throws InvalidNKeyException {
        byte[] box = SecretBox.seal(sharedKey(recipient), nonce, message);
        byte[] out = new byte[VERSION.length + nonce.length + box.length];
        System.arraycopy(VERSION, 0, out, 0, VERSION.length);
        System.arraycopy(nonce, 0, out, VERSION.length, nonce.length);
        System.arraycopy(box, 0, out, VERSION.length + nonce.length, box.length);
        return out;
    }

    /** The message {@code sender} sealed for this key; null when it is not an xkv1 box or does not authenticate. */
    public byte[] open(byte[] sealed, String sender) throws InvalidNKeyException {
        int head = VERSION.length + SecretBox.NONCE_LENGTH;
        if (sealed.length <= head || !Arrays.equals(sealed, 0, VERSION.length, VERSION, 0, VERSION.length)) {
            return null;
        }
        byte[] nonce = Arrays.copyOfRange(sealed, VERSION.length, head);
        return SecretBox.open(sharedKey(sender), nonce, sealed, head, sealed.length - head);
    }

    /** crypto_box_beforenm: HSalsa20 of the X25519 shared secret with a zero input. */
    private byte[] sharedKey(String other) throws InvalidNKeyException {
        byte[] theirs = NKeys.rawKey(other, NKeyType.CURVE);
        try {
            return Salsa20.hsalsa20(agree(privateKey, publicKeyOf(theirs)), new byte[16], 0);
        } catch (GeneralSecurityException e) {
            throw new InvalidNKeyException("not a usable curve key: " + e.getMessage());
        }
    }

    private static byte[] agree(PrivateKey mine, PublicKey theirs) throws GeneralSecurityException {
        javax.crypto.KeyAgreement ka = javax.crypto.KeyAgreement.getInstance("X25519");
        ka.init(mine);
        ka.doPhase(theirs, true);
        return ka.generateSecret();
    }

    private static PublicKey publicKeyOf(byte[] rawLittleEndian) throws GeneralSecurityException {
        byte[] be = new byte[KEY_LENGTH + 1];
        for (int i = 0; i < KEY_LENGTH; i++) {
            be[KEY_LENGTH - i] = rawLittleEndian[i];
        }
        be[1] &= 0x7f; // RFC 7748: the top bit of the u-coordinate is ignored
        return KeyFactory.getInstance("X25519")
                .generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, new BigInteger(be)));
    }

    private static byte[] raw(XECPublicKey k) {
        byte[] be = k.getU().toByteArray();
        byte[] le = new byte[KEY_LENGTH];
        for (int i = 0; i < KEY_LENGTH && i < be.length; i++) {
            le[i] = be[be.length - 1 - i];
        }
        return le;
    }
}
