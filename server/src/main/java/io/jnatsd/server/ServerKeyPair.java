package io.jnatsd.server;

import io.jnatsd.auth.nkey.NKeyType;
import io.jnatsd.auth.nkey.NKeys;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Arrays;

/**
 * An Ed25519 key pair made fresh for one process, as nats-server makes its server key: the public half, as an
 * NKey, is the server id; the private half signs what the server issues (auth callout requests). Also makes the
 * throwaway user keys of callout requests.
 */
public final class ServerKeyPair {
    private static final int RAW_KEY_LENGTH = 32;

    private final String publicKey;
    private final PrivateKey privateKey;

    private ServerKeyPair(String publicKey, PrivateKey privateKey) {
        this.publicKey = publicKey;
        this.privateKey = privateKey;
    }

    /** A server key pair: its public key starts with 'N'. */
    public static ServerKeyPair generate() {
        return generate(NKeyType.SERVER);
    }

    /** A key pair whose public key is encoded as this NKey type. */
    public static ServerKeyPair generate(NKeyType type) {
        try {
            KeyPair kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            byte[] der = kp.getPublic().getEncoded(); // X.509 SubjectPublicKeyInfo: the raw key is its tail
            byte[] raw = Arrays.copyOfRange(der, der.length - RAW_KEY_LENGTH, der.length);
            return new ServerKeyPair(NKeys.encode(type, raw), kp.getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no Ed25519", e);
        }
    }

    public String publicKey() {
        return publicKey;
    }

    /** The Ed25519 signature of {@code data}. */
    public byte[] sign(byte[] data) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(privateKey);
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }
}
