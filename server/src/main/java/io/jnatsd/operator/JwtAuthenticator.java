package io.jnatsd.operator;

import io.jnatsd.account.Account;
import io.jnatsd.auth.Authenticator;
import io.jnatsd.auth.Permissions;
import io.jnatsd.auth.SubjectPermission;
import io.jnatsd.auth.User;
import io.jnatsd.auth.UserRestrictions;
import io.jnatsd.auth.jwt.AccountClaims;
import io.jnatsd.auth.jwt.ClaimChecks;
import io.jnatsd.auth.jwt.JwtException;
import io.jnatsd.auth.jwt.Permission;
import io.jnatsd.auth.jwt.ResponsePermission;
import io.jnatsd.auth.jwt.SigningKey;
import io.jnatsd.auth.jwt.UserClaims;
import io.jnatsd.auth.jwt.UserPermissionLimits;
import io.jnatsd.auth.nkey.NonceSignature;
import io.jnatsd.client.ClientConnection;
import io.jnatsd.protocol.ConnectOptions;

import java.time.Instant;
import java.util.List;

/**
 * Operator mode logins: the CONNECT's {@code jwt} is a user JWT issued by an account the resolver knows (itself
 * issued by a trusted operator), in time and not revoked, and {@code sig} is the INFO nonce signed with the user's
 * key (unless the JWT is a bearer token the account allows). The user gets the JWT's permissions (or the account's
 * default_permissions, or those of the scoped signing key that issued it) and its restrictions (expiry or the end of
 * its connect time window, src, allowed connection types, subs and payload limits), which the connection applies.
 */
public final class JwtAuthenticator implements Authenticator {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private final OperatorAccounts accounts;

    public JwtAuthenticator(OperatorAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public boolean required() {
        return true;
    }

    @Override
    public boolean nonceRequired() {
        return true;
    }

    @Override
    public boolean authenticate(ConnectOptions connect) {
        return false; // every login needs the nonce
    }

    @Override
    public User login(ConnectOptions c, String nonce) {
        try {
            return check(c, nonce);
        } catch (JwtException e) {
            return null;
        }
    }

    /** The first login of an account not loaded yet reads its JWT file: done off the event loop. */
    @Override
    public boolean slowToCheck(ConnectOptions c) {
        if (!accounts.resolver().readsFiles() || c.jwt == null) {
            return false;
        }
        String key = accountOf(c.jwt);
        return key != null && !accounts.loaded(key);
    }

    /** The account a user JWT names, read without verifying it (only to decide where to check it). */
    public static String accountOf(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            return null;
        }
        try {
            var body = JSON.readTree(java.util.Base64.getUrlDecoder().decode(parts[1]));
            String issuerAccount = body.path("nats").path("issuer_account").asText("");
            return issuerAccount.isEmpty() ? body.path("iss").asText(null) : issuerAccount;
        } catch (java.io.IOException | IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public String refusalDetail(ConnectOptions c, String nonce) {
        try {
            check(c, nonce);
            return null;
        } catch (JwtException e) {
            return e.getMessage();
        }
    }

    @Override
    public String claimed(ConnectOptions c) {
        return "User \"" + (c.nkey == null ? "" : c.nkey) + "\"";
    }

    private User check(ConnectOptions c, String nonce) throws JwtException {
        if (c.jwt == null || c.jwt.isEmpty()) {
            throw new JwtException("JWT missing");
        }
        UserClaims user = UserClaims.decode(c.jwt);
        Instant now = Instant.now();
        Account<ClientConnection> account = accounts.account(user.account());
        AccountClaims ac;
        if (account != null) {
            ac = account.claims();
        } else {
            account = accounts.bootstrapping(user.account());
            if (account == null) {
                throw new JwtException("account " + user.account() + " not found");
            }
            ac = AccountClaims.withoutJwt(account.name());
        }
        ClaimChecks.checkTime(ac.claims(), now);
        if (ac.claims().expires() > 0 && now.getEpochSecond() >= ac.claims().expires()) {
            throw new JwtException("account JWT expired"); // nats-server marks the account expired at exp
        }
        ClaimChecks.checkUser(user, ac, now);
        if (!user.limits().bearerToken()) {
            String problem = NonceSignature.problem(user.publicKey(), c.sig, nonce);
            if (problem != null) {
                throw new JwtException(problem);
            }
        }
        return userOf(user, account, ac, c.jwt, now);
    }

    /**
     * The user a checked user JWT of this account logs in as: its permissions and restrictions. Also used for the
     * users an auth callout service issues.
     */
    public static User userOf(UserClaims user, Account<ClientConnection> account, String jwt, Instant now)
            throws JwtException {
        return userOf(user, account, account.claims(), jwt, now);
    }

    private static User userOf(UserClaims user, Account<ClientConnection> account, AccountClaims ac, String jwt,
            Instant now) throws JwtException {
        SigningKey sk = ac.signingKey(user.claims().issuer());
        UserPermissionLimits terms = sk != null && sk.scoped() ? sk.template() : user.limits();
        long windowEnd = ConnectWindow.end(terms.times(), terms.timesLocation(), now);
        if (windowEnd == ConnectWindow.OUTSIDE) {
            throw new JwtException("outside connect times");
        }
        long expires = user.claims().expires();
        if (windowEnd != ConnectWindow.ALWAYS && (expires == 0 || windowEnd < expires)) {
            expires = windowEnd; // closed at the window's end as at exp (User Authentication Expired)
        }
        Permissions perms = permissions(terms, ac);
        UserRestrictions r = new UserRestrictions(expires, terms.src(),
                terms.allowedConnectionTypes(), tighter(limit(terms.subs()), limit(ac.limits().subs())),
                tighter(limit(terms.payload()), limit(ac.limits().payload())), user.publicKey(),
                user.claims().issuedAt(), user.claims().issuer(), user.claims().name(), jwt);
        return new User(null, null, user.publicKey(), perms, account.name(), r);
    }

    /** -1 = unlimited; 0 (also a missing field) allows none, as nats-server reads user JWT limits. */
    private static int limit(long v) {
        return v < 0 ? -1 : (int) Math.min(Integer.MAX_VALUE, v);
    }

    /**
     * The tighter of the user's and the account's limit (-1 = none), as nats-server merges them at login; this way
     * an account limit of 0 (none allowed) applies too.
     */
    private static int tighter(int user, int account) {
        if (user < 0) {
            return account;
        }
        return account < 0 ? user : Math.min(user, account);
    }

    /** The user's permissions; without any, the account's default_permissions; null = unrestricted. */
    private static Permissions permissions(UserPermissionLimits u, AccountClaims account) {
        Permission pub = u.pub();
        Permission sub = u.sub();
        if (pub.isEmpty() && sub.isEmpty() && u.resp() == null) {
            pub = account.defaultPub();
            sub = account.defaultSub();
        }
        ResponsePermission resp = u.resp();
        if (pub.isEmpty() && sub.isEmpty() && resp == null) {
            return null;
        }
        int max = resp == null ? 0 : resp.max() == 0 ? Permissions.DEFAULT_RESPONSE_MAX : resp.max();
        var ttl = resp == null || resp.ttl().isZero() ? Permissions.DEFAULT_RESPONSE_EXPIRES : resp.ttl();
        return new Permissions(subjects(pub), subjects(sub), max, ttl);
    }

    private static SubjectPermission subjects(Permission p) {
        if (p.isEmpty()) {
            return null;
        }
        List<String> allow = p.allow().isEmpty() ? null : p.allow();
        return new SubjectPermission(allow, p.deny());
    }
}
