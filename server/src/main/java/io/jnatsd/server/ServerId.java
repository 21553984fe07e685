package io.jnatsd.server;

import io.jnatsd.auth.nkey.NKeyType;
import io.jnatsd.auth.nkey.NKeys;

import java.security.SecureRandom;

/** A server id in the form nats-server uses: a public NKey of the "server" type ('N', 56 chars) of 32 random bytes. */
public final class ServerId {
    private static final SecureRandom RANDOM = new SecureRandom();

    private ServerId() {
    }

    public static String generate() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return NKeys.encode(NKeyType.SERVER, key);
    }
}
