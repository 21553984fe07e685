package io.jnatsd.auth.nkey;

import java.security.SecureRandom;
import java.util.Base64;

/** The per-connection challenge a client signs with its nkey: 11 random bytes, raw URL base64, as nats-server. */
public final class Nonce {
    private static final int RAW_LENGTH = 11;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private Nonce() {
    }

    public static String next() {
        byte[] raw = new byte[RAW_LENGTH];
        RANDOM.nextBytes(raw);
        return ENCODER.encodeToString(raw);
    }
}
