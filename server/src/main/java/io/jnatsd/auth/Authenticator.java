package io.jnatsd.auth;

import io.jnatsd.protocol.ConnectOptions;

import java.util.concurrent.CompletableFuture;

/** Decides whether a client's CONNECT credentials are accepted. */
public interface Authenticator {
    /** Accepts everyone; INFO then does not say auth_required. */
    Authenticator NONE = new Authenticator() {
        @Override
        public boolean required() {
            return false;
        }

        @Override
        public boolean authenticate(ConnectOptions connect) {
            return true;
        }
    };

    /** Whether clients must send credentials in CONNECT before anything else. */
    boolean required();

    boolean authenticate(ConnectOptions connect);

    /** Who connects without restrictions: the single user, the token holder, or anyone when auth is off. */
    User UNRESTRICTED = new User("", null, null, null);

    /**
     * The user these credentials log in as (its permissions apply to the connection), or null when refused.
     * Authenticators without users answer {@link #UNRESTRICTED} for accepted credentials.
     */
    default User login(ConnectOptions connect) {
        return authenticate(connect) ? UNRESTRICTED : null;
    }

    /** As {@link #login(ConnectOptions)}, for a client that was sent this nonce in INFO (null = none). */
    default User login(ConnectOptions connect, String nonce) {
        return login(connect);
    }

    /** Whether INFO must carry a per-connection nonce for clients to sign (nkey users are configured). */
    default boolean nonceRequired() {
        return false;
    }

    /**
     * Whether checking these credentials is slow enough (a bcrypt hash not verified before) to be done off the
     * event loop. Answered cheaply; a wrong answer only costs time, never correctness.
     */
    default boolean slowToCheck(ConnectOptions connect) {
        return false;
    }

    /**
     * When someone else decides these credentials (auth callout): the user they log in as, completed later on any
     * thread (null = refused; never completed exceptionally). Null when this authenticator decides itself with
     * {@link #login(ConnectOptions, String)}.
     */
    default CompletableFuture<User> loginElsewhere(ConnectOptions connect, ConnectingClient client) {
        return null;
    }

    /** Who a refused client claimed to be, for the log line, as nats-server words it: {@code User "name"}. */
    default String claimed(ConnectOptions connect) {
        return "User \"" + (connect.user == null ? "" : connect.user) + "\"";
    }

    /** Why these credentials were refused when there is more to say than the refusal itself (debug log); or null. */
    default String refusalDetail(ConnectOptions connect, String nonce) {
        return null;
    }

    /**
     * TLS verify_and_map: the user one of these certificate names (email, DNS name, URI, subject DN, in that order)
     * is configured as, or null. Authenticators without users map nobody.
     */
    default User loginByCertificate(java.util.List<String> identities) {
        return null;
    }
}
