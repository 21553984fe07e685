package io.jnatsd.auth.jwt;

import java.time.Instant;

/** The time-dependent checks of a decoded JWT, as nats-server applies them: not expired, already valid. */
public final class ClaimChecks {
    private ClaimChecks() {
    }

    /** Throws unless {@code now} is within the claims' nbf..exp (each when set). */
    public static void checkTime(Claims c, Instant now) throws JwtException {
        long t = now.getEpochSecond();
        if (c.expires() > 0 && t > c.expires()) {
            throw new JwtException("claim is expired");
        }
        if (c.notBefore() > 0 && t < c.notBefore()) {
            throw new JwtException("claim is not yet valid");
        }
    }

    /**
     * Checks a user JWT against its account, as a connecting user would be: in time, issued by this account (or its
     * signing key), not revoked, and not a bearer token when the account forbids them.
     */
    public static void checkUser(UserClaims user, AccountClaims account, Instant now) throws JwtException {
        checkTime(user.claims(), now);
        if (!account.issued(user)) {
            throw new JwtException("user was not issued by account " + account.publicKey());
        }
        if (account.revoked(user)) {
            throw new JwtException("user JWT has been revoked");
        }
        if (user.limits().bearerToken() && account.limits().disallowBearer()) {
            throw new JwtException("bearer tokens are not allowed in account " + account.publicKey());
        }
    }

    /** Checks an account JWT against the operator: in time and issued by it. */
    public static void checkAccount(AccountClaims account, OperatorClaims operator, Instant now)
            throws JwtException {
        checkTime(account.claims(), now);
        if (!operator.issued(account)) {
            throw new JwtException("account was not issued by operator " + operator.publicKey());
        }
    }
}
