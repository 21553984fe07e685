package io.jnatsd.auth.callout;

import io.jnatsd.auth.xkey.CurveKeyPair;
import io.jnatsd.server.ServerKeyPair;

/**
 * The server as an authorization request describes it ({@code server_id}: name, host, id, version, server_tags),
 * with the key pair that signs requests and, when requests are encrypted, its curve key pair (null otherwise).
 */
public record CalloutServer(String name, String host, String version, java.util.List<String> tags, ServerKeyPair keys,
        CurveKeyPair xkeys) {
    public CalloutServer {
        tags = java.util.List.copyOf(tags);
    }

    /** The server id: the public key of {@link #keys}. */
    public String id() {
        return keys.publicKey();
    }
}
