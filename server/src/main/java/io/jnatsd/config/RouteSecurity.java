package io.jnatsd.config;

import io.jnatsd.auth.SubjectPermission;
import io.jnatsd.tls.TlsSettings;

import java.time.Duration;

/**
 * The protection of a cluster's routes: {@code cluster { authorization { user, password, timeout }, tls {...},
 * permissions { import, export } }}. Every part may be absent (null).
 *
 * @param user        the user an accepted route must log in as (null: routes need no credentials)
 * @param password    plain or bcrypt ({@code $2a$...})
 * @param authTimeout how long an accepted route has to send a valid CONNECT when a user is set
 * @param tls         route TLS, for accepted and solicited routes alike (null: plain TCP)
 * @param imports     subjects this server takes messages on from a route: local interest outside it is not
 *                    announced (null: everything)
 * @param exports     subjects this server sends to a route: a route's RS+ outside it is ignored (null: everything)
 */
public record RouteSecurity(String user, String password, Duration authTimeout, TlsSettings tls,
        SubjectPermission imports, SubjectPermission exports) {
    /** nats-server's AUTH_TIMEOUT for routes. */
    public static final Duration DEFAULT_AUTH_TIMEOUT = Duration.ofSeconds(2);
    public static final RouteSecurity NONE = new RouteSecurity(null, null, DEFAULT_AUTH_TIMEOUT, null, null, null);

    public RouteSecurity {
        if (authTimeout == null || authTimeout.isZero()) {
            authTimeout = DEFAULT_AUTH_TIMEOUT;
        }
    }

    public boolean authRequired() {
        return user != null && !user.isEmpty();
    }

    public boolean hasPermissions() {
        return imports != null || exports != null;
    }

    public RouteSecurity withAuth(String u, String p, Duration timeout) {
        return new RouteSecurity(u, p, timeout, tls, imports, exports);
    }

    public RouteSecurity withTls(TlsSettings v) {
        return new RouteSecurity(user, password, authTimeout, v, imports, exports);
    }

    public RouteSecurity withPermissions(SubjectPermission imp, SubjectPermission exp) {
        return new RouteSecurity(user, password, authTimeout, tls, imp, exp);
    }
}
