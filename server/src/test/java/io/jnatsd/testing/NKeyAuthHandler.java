package io.jnatsd.testing;

import io.nats.client.AuthHandler;
import io.nats.client.NKey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.util.Base64;

/** jnats credentials for an nkey user (no JWT): jnats sends the public key and the nonce signed with the seed. */
public final class NKeyAuthHandler implements AuthHandler {
    private final NKey key;

    public NKeyAuthHandler(NKey key) {
        this.key = key;
    }

    /** A fresh user key pair. */
    public static NKeyAuthHandler newUser() {
        try {
            return new NKeyAuthHandler(NKey.createUser(null));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String publicKey() {
        try {
            return new String(key.getPublicKey());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The CONNECT {@code sig} for this nonce: raw URL base64 of the signature of its bytes, as clients send it. */
    public String signature(String nonce) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sign(nonce.getBytes()));
    }

    @Override
    public byte[] sign(byte[] nonce) {
        try {
            return key.sign(nonce);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public char[] getID() {
        return publicKey().toCharArray();
    }

    @Override
    public char[] getJWT() {
        return null;
    }
}
