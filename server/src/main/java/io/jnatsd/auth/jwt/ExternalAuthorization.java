package io.jnatsd.auth.jwt;

import io.jnatsd.auth.nkey.NKeyType;
import io.jnatsd.auth.nkey.NKeys;

import java.util.List;

/**
 * The {@code authorization} claim of an account JWT (nats-io/jwt's ExternalAuthorization, nats-server 2.10): the
 * account runs an auth callout service. {@code authUsers} (user public keys) log in with their own JWTs, every other
 * user of the account is decided by the service, which may place users in itself or in one of
 * {@code allowedAccounts} ({@code "*"} alone = any account); requests are sealed to {@code xkey} when set.
 */
public record ExternalAuthorization(List<String> authUsers, List<String> allowedAccounts, String xkey) {
    /** nats-io/jwt's AnyAccount: every account may be a target. */
    public static final String ANY_ACCOUNT = "*";

    public ExternalAuthorization {
        authUsers = List.copyOf(authUsers);
        allowedAccounts = List.copyOf(allowedAccounts);
        xkey = xkey == null || xkey.isEmpty() ? null : xkey;
    }

    /**
     * The claim of this account; null when it has none or it is not enabled (no auth users).
     *
     * @throws JwtException when the claim is invalid, with nats-io/jwt's validation wording
     */
    public static ExternalAuthorization of(AccountClaims account) throws JwtException {
        var n = NatsJson.object(account.claims().nats(), "authorization");
        if (n == null) {
            return null;
        }
        ExternalAuthorization a = new ExternalAuthorization(NatsJson.strings(n, "auth_users"),
                NatsJson.strings(n, "allowed_accounts"), NatsJson.text(n, "xkey"));
        a.validate();
        return a.authUsers.isEmpty() ? null : a;
    }

    private void validate() throws JwtException {
        if (!allowedAccounts.isEmpty() && authUsers.isEmpty()) {
            throw new JwtException("External authorization cannot have accounts without users specified");
        }
        for (String u : authUsers) {
            if (!NKeys.isValid(u, NKeyType.USER)) {
                throw new JwtException("AuthUser \"" + u + "\" is not a valid user public key");
            }
        }
        for (String a : allowedAccounts) {
            if (ANY_ACCOUNT.equals(a)) {
                if (allowedAccounts.size() > 1) {
                    throw new JwtException("AllowedAccounts can only be a list of accounts or \"*\"");
                }
            } else if (!NKeys.isValid(a, NKeyType.ACCOUNT)) {
                throw new JwtException("Account \"" + a + "\" is not a valid account public key");
            }
        }
        if (xkey != null && !NKeys.isValid(xkey, NKeyType.CURVE)) {
            throw new JwtException("XKey \"" + xkey + "\" is not a valid public xkey");
        }
    }

    /** Whether the service may place users in {@code account} (its own account is always allowed by the caller). */
    public boolean allows(String account) {
        if (allowedAccounts.size() == 1 && ANY_ACCOUNT.equals(allowedAccounts.get(0))) {
            return true;
        }
        return allowedAccounts.contains(account);
    }
}
