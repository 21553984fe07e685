package io.jnatsd.auth.callout;

import io.jnatsd.server.ServerKeyPair;

/** The server as an authorization request describes it ({@code server_id}), with the key pair that signs requests. */
public record CalloutServer(String name, String host, String version, ServerKeyPair keys) {
    /** The server id: the public key of {@link #keys}. */
    public String id() {
        return keys.publicKey();
    }
}
