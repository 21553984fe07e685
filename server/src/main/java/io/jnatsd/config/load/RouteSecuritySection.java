package io.jnatsd.config.load;

import io.jnatsd.auth.Permissions;
import io.jnatsd.config.RouteSecurity;
import io.jnatsd.config.file.ConfEntry;
import io.jnatsd.config.file.ConfMap;
import io.jnatsd.tls.TlsSettings;

import java.time.Duration;

/**
 * The protective keys of a {@code cluster} block: {@code authorization { user, password, timeout }} (one user, no
 * token: nats-server's rules and words), {@code tls {...}} (read as the top-level tls block) and
 * {@code permissions { import, export }} (or the deprecated {@code authorization { permissions }}; the top-level
 * one wins, as in nats-server).
 */
final class RouteSecuritySection {
    private RouteSecurity security = RouteSecurity.NONE;
    private Permissions fromAuthorization;
    private Permissions fromBlock;

    void authorization(ConfEntry entry, LoadContext context) {
        ConfMap block = Values.map(entry.value());
        String[] userPass = new String[2];
        Duration[] timeout = new Duration[1];
        boolean[] tokenOrUsers = new boolean[2];
        new KeyTable()
                .on((e, c) -> userPass[0] = Values.string(e.value()), "user", "username")
                .on((e, c) -> userPass[1] = Values.string(e.value()), "password", "pass")
                .on((e, c) -> tokenOrUsers[0] = !Values.string(e.value()).isEmpty(), "token")
                .on((e, c) -> tokenOrUsers[1] = true, "users")
                .on((e, c) -> timeout[0] = AuthorizationSection.timeout(e.value()), "timeout")
                .on((e, c) -> fromAuthorization = AuthorizationSection.nested(
                        () -> UsersSection.permissions(e.value()), c),
                        "permissions", "default_permission", "default_permissions")
                .known("nkey", "auth_callout")
                .applyAll(block, context);
        if (fromAuthorization != null) {
            context.warning(entry.keyPosition(), "invalid use of field \"" + entry.key() + "\": setting "
                    + "\"permissions\" within cluster authorization block is deprecated");
        }
        if (tokenOrUsers[1]) {
            throw new WrongValue("Cluster authorization does not allow multiple users");
        }
        if (tokenOrUsers[0]) {
            throw new WrongValue("Cluster authorization does not support tokens");
        }
        security = security.withAuth(emptyToNull(userPass[0]), emptyToNull(userPass[1]), timeout[0]);
    }

    void tls(ConfEntry entry, LoadContext context) {
        TlsSettings s = TlsSection.read(entry, context);
        if (s != null) {
            security = security.withTls(s);
        }
    }

    void permissions(ConfEntry entry, LoadContext context) {
        Permissions p = AuthorizationSection.nested(() -> UsersSection.permissions(entry.value()), context);
        if (p != null && p.allowResponses()) {
            throw new WrongValue("Cluster permissions do not support dynamic responses");
        }
        fromBlock = p;
    }

    RouteSecurity result() {
        Permissions p = fromBlock != null ? fromBlock : fromAuthorization;
        return p == null ? security : security.withPermissions(p.publish(), p.subscribe());
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
