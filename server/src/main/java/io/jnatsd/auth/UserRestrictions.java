package io.jnatsd.auth;

import java.util.List;

/**
 * What a user JWT adds to a login beyond permissions: when it expires (Unix seconds, 0 = never), the networks and
 * connection types it may connect from (empty = any), its own subscription and payload limits (-1 or 0 = not set),
 * and for revocation checks and monitoring its public key, issue time, issuer key and name.
 */
public record UserRestrictions(long expiresAt, List<String> sources, List<String> connectionTypes, int maxSubscriptions,
        int maxPayload, String publicKey, long issuedAt, String issuerKey, String name, String jwt) {
    public UserRestrictions {
        sources = List.copyOf(sources);
        connectionTypes = List.copyOf(connectionTypes);
    }

    /**
     * Whether a client of this type ("nats" or "websocket", as /connz names them) from this address may log in.
     * nats-server's connection type names are STANDARD and WEBSOCKET.
     */
    public boolean admits(String clientIp, String clientType) {
        if (!ConnectionTypes.allows(connectionTypes, clientType)) {
            return false;
        }
        return sources.isEmpty() || (clientIp != null && SourceNetworks.contains(sources, clientIp));
    }
}
