package io.jnatsd.auth.callout;

import io.jnatsd.auth.Authenticator;
import io.jnatsd.auth.ConnectingClient;
import io.jnatsd.auth.User;
import io.jnatsd.protocol.ConnectOptions;

import java.util.concurrent.CompletableFuture;

/**
 * Authentication with an auth callout, as nats-server's configuration mode: the auth users (named by user name or
 * nkey) log in with the configured authorization ({@code configured}); every other CONNECT, whatever credentials
 * it carries, is decided by the callout service. Clients that end up in the callout account may not publish to the
 * request subject.
 */
public final class CalloutAuthenticator implements Authenticator {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CalloutAuthenticator.class);

    private final Authenticator configured;
    private final CalloutRequests callout;
    private final AuthCalloutSettings settings;
    private final ConfiguredCallout target;
    private final String noAuthUser;

    /** @param noAuthUser who a CONNECT without credentials logs in as (null = none), to tell whether it bypasses */
    public CalloutAuthenticator(Authenticator configured, CalloutRequests callout, AuthCalloutSettings settings,
            String noAuthUser) {
        this.configured = configured;
        this.callout = callout;
        this.settings = settings;
        this.target = new ConfiguredCallout(settings, callout);
        this.noAuthUser = noAuthUser;
    }

    /** Logs, as nats-server does at start, a callout account or auth user that does not exist. */
    public static void checkConfiguration(AuthCalloutSettings settings, CalloutRequests callout,
            java.util.Collection<User> configuredUsers) {
        if (!callout.accountExists(settings.account())) {
            LOG.error("Authorization callout account \"{}\" not valid", settings.account());
        }
        for (String u : settings.authUsers()) {
            boolean found = configuredUsers.stream().anyMatch(c -> u.equals(c.name()) || u.equals(c.nkey()));
            if (!found) {
                LOG.error("Authorization callout user \"{}\" not valid: <nil>", u);
            }
        }
    }

    @Override
    public boolean required() {
        return true;
    }

    @Override
    public boolean authenticate(ConnectOptions connect) {
        return login(connect) != null;
    }

    @Override
    public User login(ConnectOptions connect) {
        return login(connect, null);
    }

    /** Auth users only: everyone else is decided by {@link #loginElsewhere}. */
    @Override
    public User login(ConnectOptions connect, String nonce) {
        if (!authUser(connect)) {
            return null;
        }
        User u = configured.login(connect, nonce);
        if (u == null) {
            return null;
        }
        String account = u.account() == null ? io.jnatsd.account.Account.GLOBAL : u.account();
        return account.equals(settings.account()) ? CalloutPermissions.denyRequests(u) : u;
    }

    @Override
    public CompletableFuture<User> loginElsewhere(ConnectOptions connect, ConnectingClient client) {
        return authUser(connect) ? null : callout.ask(target, connect, client);
    }

    @Override
    public boolean nonceRequired() {
        return configured.nonceRequired();
    }

    @Override
    public boolean slowToCheck(ConnectOptions connect) {
        return authUser(connect) && configured.slowToCheck(connect);
    }

    @Override
    public String claimed(ConnectOptions connect) {
        return configured.claimed(connect);
    }

    @Override
    public String refusalDetail(ConnectOptions connect, String nonce) {
        return authUser(connect) ? configured.refusalDetail(connect, nonce) : null;
    }

    private boolean authUser(ConnectOptions c) {
        String who = AuthorizationRequest.rawUser(c);
        if (who == null && (c.jwt == null || c.jwt.isEmpty())) {
            who = noAuthUser; // nats-server fills in the no_auth_user before looking at the auth users
        }
        return who != null && settings.authUsers().contains(who);
    }
}
