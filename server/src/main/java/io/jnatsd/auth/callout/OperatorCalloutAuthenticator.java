package io.jnatsd.auth.callout;

import io.jnatsd.account.Account;
import io.jnatsd.auth.Authenticator;
import io.jnatsd.auth.ConnectingClient;
import io.jnatsd.auth.User;
import io.jnatsd.auth.jwt.ExternalAuthorization;
import io.jnatsd.auth.jwt.JwtException;
import io.jnatsd.client.ClientConnection;
import io.jnatsd.operator.JwtAuthenticator;
import io.jnatsd.operator.OperatorAccounts;
import io.jnatsd.protocol.ConnectOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;

/**
 * Operator mode logins with nats-server 2.10's account auth callout: every client logs in with a user JWT as usual
 * ({@link JwtAuthenticator}); when that user's account has an {@code authorization} claim and the user is not one of
 * its {@code auth_users}, the account's service decides who the client really is ({@link AccountCallout}). Auth users
 * (the service itself) log in with their own JWT and may not publish to the request subject. Logins for accounts
 * without the claim stay as they were, on the event loop; the others (and first logins of accounts not loaded yet)
 * are decided on the callout thread.
 */
public final class OperatorCalloutAuthenticator implements Authenticator {
    private static final Logger LOG = LoggerFactory.getLogger(OperatorCalloutAuthenticator.class);

    private final JwtAuthenticator jwt;
    private final OperatorAccounts accounts;
    private final CalloutRequests callout;

    public OperatorCalloutAuthenticator(JwtAuthenticator jwt, OperatorAccounts accounts, CalloutRequests callout) {
        this.jwt = jwt;
        this.accounts = accounts;
        this.callout = callout;
    }

    /** A logged-in JWT user's way on: final as {@code user}, or to be decided by {@code service}. */
    private record Route(User user, AccountCallout service) {
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

    /** Users whose account delegates are refused here: {@link #loginElsewhere} asks about them. */
    @Override
    public User login(ConnectOptions c, String nonce) {
        User u = jwt.login(c, nonce);
        Route r = u == null ? null : route(u);
        return r == null || r.service() != null ? null : r.user();
    }

    @Override
    public CompletableFuture<User> loginElsewhere(ConnectOptions c, ConnectingClient client) {
        if (c.jwt == null || c.jwt.isEmpty()) {
            return null;
        }
        String key = JwtAuthenticator.accountOf(c.jwt);
        if (key != null && accounts.loaded(key) && !delegates(accounts.account(key))) {
            return null; // the usual login, on the event loop
        }
        return callout.decide(result -> {
            User u = jwt.login(c, client.nonce());
            Route r = u == null ? null : route(u);
            if (r == null || r.service() == null) {
                result.complete(r == null ? null : r.user());
                return null;
            }
            return r.service();
        }, c, client);
    }

    /** Null when the account's authorization claim is invalid (the login is refused). */
    private Route route(User u) {
        Account<ClientConnection> account = accounts.account(u.account());
        if (account == null) {
            // a bootstrapping system account has no claims, so no callout either
            return accounts.bootstrapping(u.account()) != null ? new Route(u, null) : null;
        }
        ExternalAuthorization ext;
        try {
            ext = ExternalAuthorization.of(account.claims());
        } catch (JwtException e) {
            LOG.warn("Account \"{}\" authorization claim is invalid: {}", account.name(), e.getMessage());
            return null;
        }
        if (ext == null) {
            return new Route(u, null);
        }
        if (ext.authUsers().contains(u.nkey())) {
            return new Route(CalloutPermissions.denyRequests(u), null);
        }
        return new Route(null, new AccountCallout(account, ext, accounts));
    }

    private static boolean delegates(Account<ClientConnection> account) {
        return account != null && account.claims() != null
                && account.claims().claims().nats() != null && account.claims().claims().nats().has("authorization");
    }

    @Override
    public boolean slowToCheck(ConnectOptions c) {
        return jwt.slowToCheck(c);
    }

    @Override
    public String claimed(ConnectOptions c) {
        return jwt.claimed(c);
    }

    @Override
    public String refusalDetail(ConnectOptions c, String nonce) {
        return jwt.refusalDetail(c, nonce);
    }
}
