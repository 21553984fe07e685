package io.jnatsd.auth.callout;

import io.jnatsd.account.Account;
import io.jnatsd.auth.User;
import io.jnatsd.auth.jwt.AccountClaims;
import io.jnatsd.auth.jwt.ClaimChecks;
import io.jnatsd.auth.jwt.ExternalAuthorization;
import io.jnatsd.auth.jwt.JwtException;
import io.jnatsd.auth.jwt.UserClaims;
import io.jnatsd.client.ClientConnection;
import io.jnatsd.operator.JwtAuthenticator;
import io.jnatsd.operator.OperatorAccounts;

import java.time.Instant;

/**
 * Operator mode's service: the account whose JWT has an {@code authorization} claim. Requests go to that account,
 * about it ({@code sub} = its public key), sealed to the claim's xkey when set. An answer is judged as nats-server
 * 2.10 does: signed by the account or one of its signing keys (not checked when it came sealed: only the service's
 * xkey could seal it), carrying a user JWT about the request's user nkey, issued by the account the user is placed
 * in (its key, or a signing key with {@code issuer_account}): the callout account itself or one the claim allows.
 * The user logs in as any user JWT of that account would (permissions, default_permissions, scoped signing keys,
 * limits, src, connection types, expiry).
 */
record AccountCallout(Account<ClientConnection> service, ExternalAuthorization authorization,
        OperatorAccounts accounts) implements CalloutTarget {
    @Override
    public String account() {
        return service.name();
    }

    @Override
    public String requestSubject() {
        return service.name();
    }

    @Override
    public String xkey() {
        return authorization.xkey();
    }

    @Override
    public Verdict judge(String answer, String userNkey, String serverId, boolean encrypted, Instant now) {
        String name = service.name();
        AuthorizationResponse.Opened opened = AuthorizationResponse.open(answer, userNkey, serverId, name, now);
        if (opened.refusal() != null) {
            return opened.refusal();
        }
        if (!encrypted && !signedByService(opened)) {
            return Verdict.refuse("Auth callout signing key is unknown");
        }
        UserClaims user;
        try {
            user = UserClaims.decode(opened.jwt());
            ClaimChecks.checkTime(user.claims(), now);
        } catch (JwtException e) {
            return Verdict.refuse("Error validating user JWT: " + e.getMessage());
        }
        if (!user.publicKey().equals(userNkey)) {
            return Verdict.refuse("Expected authorized user of \"" + userNkey + "\" but got \"" + user.publicKey()
                    + "\" on account \"" + name + "\"");
        }
        String placement = user.account(); // issuer_account, else the issuer
        if (!placement.equals(name) && !authorization.allows(placement)) {
            return Verdict.refuse("Account \"" + user.claims().issuer() + "\" not permitted as valid account option"
                    + " for auth callout for account \"" + name + "\"");
        }
        Account<ClientConnection> target = accounts.account(placement);
        if (target == null) {
            return Verdict.refuse("No valid account \"" + placement + "\" for auth callout response on account \""
                    + name + "\": account missing");
        }
        AccountClaims claims = target.claims();
        if (!claims.issued(user)) {
            return Verdict.refuse("User JWT issuer \"" + user.claims().issuer() + "\" is not known");
        }
        if (claims.revoked(user)) { // stricter than nats-server, which does not look at revocations here
            return Verdict.refuse("User JWT of auth callout response on account \"" + name + "\" has been revoked");
        }
        User u;
        try {
            u = JwtAuthenticator.userOf(user, target, opened.jwt(), Instant.now());
        } catch (JwtException e) {
            return Verdict.refuse(e.getMessage()); // outside the user's connect times
        }
        return Verdict.admit(target == service ? CalloutPermissions.denyRequests(u) : u);
    }

    /**
     * The response's signer is the account or one of its signing keys; an issuer_account, when given, must name the
     * account (nats-server accepts any signer that claims the account; jnatsd does not).
     */
    private boolean signedByService(AuthorizationResponse.Opened opened) {
        String signer = opened.response().issuer();
        String claimed = opened.issuerAccount();
        if (!claimed.isEmpty() && !claimed.equals(service.name())) {
            return false;
        }
        return signer.equals(service.name()) || service.claims().signingKey(signer) != null;
    }
}
