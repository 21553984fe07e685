package io.jnatsd.auth.callout;

import java.util.List;

/**
 * {@code authorization { auth_callout { issuer, auth_users, account, xkey } }}: CONNECTs of everyone but the auth
 * users are decided by a service in {@code account} answering on {@code $SYS.REQ.USER.AUTH}, with user JWTs issued
 * by {@code issuer}.
 *
 * @param issuer the account public key (A...) that signs the service's answers and the user JWTs in them
 * @param authUsers user names or nkeys that log in as configured (the service itself); never delegated
 * @param account the account the service runs in and the requests are published to ($G by default)
 * @param xkey the service's curve public key (X...) to encrypt requests to; null = not encrypted
 */
public record AuthCalloutSettings(String issuer, List<String> authUsers, String account, String xkey) {
    public static final String DEFAULT_ACCOUNT = "$G";

    public AuthCalloutSettings {
        authUsers = List.copyOf(authUsers);
        account = account == null || account.isEmpty() ? DEFAULT_ACCOUNT : account;
        xkey = xkey == null || xkey.isEmpty() ? null : xkey;
    }
}
