package io.jnatsd.auth.jwt;

import java.util.List;
import java.util.Map;

/**
 * An account JWT: imports, exports, operator-set limits, signing keys, user revocations and the default
 * permissions of its users.
 */
public record AccountClaims(Claims claims, List<Import> imports, List<Export> exports, AccountLimits limits,
        List<SigningKey> signingKeys, Map<String, Long> revocations, Permission defaultPub,
        Permission defaultSub, String description) {
    public static AccountClaims decode(String token) throws JwtException {
        return of(JwtDecoder.decode(token, ClaimType.ACCOUNT));
    }

    static AccountClaims of(Claims c) {
        var n = c.nats();
        var perms = NatsJson.object(n, "default_permissions");
        return new AccountClaims(c, Import.listOf(NatsJson.object(n, "imports")),
                Export.listOf(NatsJson.object(n, "exports")), AccountLimits.of(NatsJson.object(n, "limits")),
                SigningKey.listOf(NatsJson.object(n, "signing_keys")),
                Revocations.of(NatsJson.object(n, "revocations")),
                Permission.of(NatsJson.object(perms, "pub")), Permission.of(NatsJson.object(perms, "sub")),
                NatsJson.text(n, "description"));
    }

    /**
     * What nats-server 2.9.10 applies to users of a bootstrapping system account (one without a valid JWT yet): an
     * account issued by nobody, without limits, imports, exports, signing keys, revocations or default permissions.
     */
    public static AccountClaims withoutJwt(String key) {
        Claims c = new Claims("", 0, "", "", key, 0, 0, "", ClaimType.ACCOUNT, 2, List.of(),
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode());
        AccountLimits unlimited = new AccountLimits(-1, -1, -1, -1, -1, true, false, -1, -1, 0, 0, 0, 0, 0, 0, 0,
                false, null);
        Permission none = new Permission(List.of(), List.of());
        return new AccountClaims(c, List.of(), List.of(), unlimited, List.of(), Map.of(), none, none, "");
    }

    public String publicKey() {
        return claims.subject();
    }

    /** The signing key entry for {@code key}, or null when it is not one of this account's signing keys. */
    public SigningKey signingKey(String key) {
        for (SigningKey k : signingKeys) {
            if (k.key().equals(key)) {
                return k;
            }
        }
        return null;
    }

    /** Whether this account issued the user: with its own key, or with one of its signing keys on its behalf. */
    public boolean issued(UserClaims user) {
        String iss = user.claims().issuer();
        if (iss.equals(publicKey())) {
            return user.issuerAccount().isEmpty() || user.issuerAccount().equals(publicKey());
        }
        return user.issuerAccount().equals(publicKey()) && signingKey(iss) != null;
    }

    /** Whether the user's JWT is revoked: by its key, or by {@code "*"}, at or after its issue time. */
    public boolean revoked(UserClaims user) {
        return Revocations.revoked(revocations, user.publicKey(), user.claims().issuedAt());
    }
}
