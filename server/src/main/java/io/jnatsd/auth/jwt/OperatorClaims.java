package io.jnatsd.auth.jwt;

import java.util.List;

/** An operator JWT (self-signed, or signed by itself): its signing keys, system account and service URLs. */
public record OperatorClaims(Claims claims, List<String> signingKeys, String systemAccount,
        String accountServerUrl, List<String> operatorServiceUrls, String assertServerVersion,
        boolean strictSigningKeyUsage) {
    public static OperatorClaims decode(String token) throws JwtException {
        return of(JwtDecoder.decode(token, ClaimType.OPERATOR));
    }

    static OperatorClaims of(Claims c) {
        var n = c.nats();
        return new OperatorClaims(c, List.copyOf(NatsJson.strings(n, "signing_keys")),
                NatsJson.text(n, "system_account"), NatsJson.text(n, "account_server_url"),
                List.copyOf(NatsJson.strings(n, "operator_service_urls")),
                NatsJson.text(n, "assert_server_version"), NatsJson.flag(n, "strict_signing_key_usage"));
    }

    public String publicKey() {
        return claims.subject();
    }

    /**
     * Whether this operator issued the account: with a signing key, or with its identity key unless
     * strict_signing_key_usage demands a signing key.
     */
    public boolean issued(AccountClaims account) {
        String iss = account.claims().issuer();
        if (iss.equals(publicKey())) {
            return !strictSigningKeyUsage;
        }
        return signingKeys.contains(iss);
    }
}
