package io.jnatsd.config.load;

import io.jnatsd.config.ConfigBlock;
import io.jnatsd.config.file.ConfArray;
import io.jnatsd.config.file.ConfEntry;
import io.jnatsd.config.file.ConfFloat;
import io.jnatsd.config.file.ConfInteger;
import io.jnatsd.config.file.ConfMap;
import io.jnatsd.config.file.ConfString;
import io.jnatsd.config.file.ConfValue;
import java.time.Duration;

/**
 * {@code authorization { user, password, token, timeout, users, default_permissions, auth_callout }} and
 * {@code no_auth_user}, {@code always_enable_nonce}.
 * The single user, token, timeout and the users (with default_permissions applied) become options; the whole
 * block is also kept (as "authorization").
 */
final class AuthorizationSection {
    /** The values of one block, checked together once it is read. */
    private static final class Fields {
        String user;
        String password;
        String token;
        Duration timeout;
        boolean users;
        java.util.List<io.jnatsd.auth.User> userList = java.util.List.of();
        io.jnatsd.auth.Permissions defaults;
    }

    private AuthorizationSection() {
    }

    static void register(KeyTable keys) {
        keys.on(AuthorizationSection::authorization, "authorization")
                .on((e, c) -> c.builder().noAuthUser(Values.string(e.value())), "no_auth_user")
                .on((e, c) -> c.builder().alwaysEnableNonce(Values.bool(e.value())), "always_enable_nonce");
    }

    private static void authorization(ConfEntry entry, LoadContext context) {
        ConfMap block = Values.map(entry.value());
        Fields f = new Fields();
        new KeyTable()
                .on((e, c) -> f.user = Values.string(e.value()), "user", "username")
                .on((e, c) -> f.password = Values.string(e.value()), "password", "pass")
                .on((e, c) -> f.token = Values.string(e.value()), "token")
                .on((e, c) -> f.timeout = timeout(e.value()), "timeout")
                .on((e, c) -> {
                    if (!(e.value() instanceof ConfArray)) {
                        throw new WrongValue("Expected users field to be an array, got " + e.value().goTypeName());
                    }
                    f.users = true;
                    f.userList = nested(() -> UsersSection.users((ConfArray) e.value()), c);
                }, "users")
                .on((e, c) -> f.defaults = nested(() -> UsersSection.permissions(e.value()), c),
                        "default_permission", "default_permissions")
                .on(AuthCalloutSection::read, "auth_callout")
                .known("permissions")
                .applyAll(block, context);
        // nats-server's rules and wording for combining the block's fields.
        if ((notEmpty(f.user) || notEmpty(f.password)) && notEmpty(f.token)) {
            throw new WrongValue("Cannot have a user/pass and token");
        }
        if (f.users && notEmpty(f.user)) {
            throw new WrongValue("Can not have a single user/pass and a users array");
        }
        if (f.users && notEmpty(f.token)) {
            throw new WrongValue("Can not have a token and a users array");
        }
        java.util.List<io.jnatsd.auth.User> users = new java.util.ArrayList<>();
        for (io.jnatsd.auth.User u : f.userList == null ? java.util.List.<io.jnatsd.auth.User>of() : f.userList) { // default_permissions: for users without their own
            users.add(u.permissions() == null && f.defaults != null ? u.withPermissions(f.defaults) : u);
        }
        context.builder().users(users);
        context.setBy("users", entry.keyPosition());
        context.builder().user(emptyToNull(f.user)).password(emptyToNull(f.password))
                .authToken(emptyToNull(f.token));
        context.setBy("user", entry.keyPosition());
        context.setBy("pass", entry.keyPosition());
        if (f.timeout != null && !f.timeout.isZero()) { // 0 keeps the default, as in nats-server
            context.builder().authTimeout(f.timeout);
            context.setBy("auth_timeout", entry.keyPosition());
        }
        context.builder().configBlock(new ConfigBlock("authorization", entry.key(), entry.keyPosition(),
                entry.value()));
    }

    /**
     * Seconds, fractions allowed ({@code timeout: 0.5}). A duration string ({@code "3s"}) is accepted as newer
     * nats-server versions do; 2.9.10 silently reads any string as 1 second.
     */
    static Duration timeout(ConfValue v) {
        if (v instanceof ConfInteger i) {
            return Duration.ofSeconds(i.value());
        }
        if (v instanceof ConfFloat f) {
            return Duration.ofNanos(Math.round(f.value() * 1e9));
        }
        if (v instanceof ConfString s) {
            try {
                return GoDuration.parse(s.value());
            } catch (GoDuration.BadDuration e) {
                throw new WrongValue("error parsing timeout: " + e.getMessage());
            }
        }
        throw new WrongValue("timeout: expected a number of seconds or a duration string, got " + v.goTypeName());
    }

    /** Runs a nested reader; its problem is reported at its own position and the value left unset. */
    static <T> T nested(java.util.function.Supplier<T> read, LoadContext context) {
        try {
            return read.get();
        } catch (UsersSection.Bad b) {
            context.error(b.at, b.getMessage());
            return null;
        }
    }

    private static boolean notEmpty(String s) {
        return s != null && !s.isEmpty();
    }

    private static String emptyToNull(String s) {
        return notEmpty(s) ? s : null;
    }
}
