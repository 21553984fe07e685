package io.jnatsd.server;

/**
 * A server id in the form nats-server uses: the public NKey of a server key pair ('N', 56 chars). NatsServer keeps the
 * pair ({@link ServerKeyPair}) to sign with; this is for callers that only need an id.
 */
public final class ServerId {
    private ServerId() {
    }

    public static String generate() {
        return ServerKeyPair.generate().publicKey();
    }
}
