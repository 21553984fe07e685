package io.jnatsd.auth.jwt;

/**
 * A user JWT: the user's public key ({@code sub}), the account or account signing key that issued it, and with a
 * signing key {@code issuer_account}, the account it belongs to.
 */
public record UserClaims(Claims claims, UserPermissionLimits limits, String issuerAccount) {
    public static UserClaims decode(String token) throws JwtException {
        return of(JwtDecoder.decode(token, ClaimType.USER));
    }

    static UserClaims of(Claims c) {
        return new UserClaims(c, UserPermissionLimits.of(c.nats()), NatsJson.text(c.nats(), "issuer_account"));
    }

    /** The account this user belongs to: {@code issuer_account} when a signing key issued it, else the issuer. */
    public String account() {
        return issuerAccount.isEmpty() ? claims.issuer() : issuerAccount;
    }

    public String publicKey() {
        return claims.subject();
    }
}
