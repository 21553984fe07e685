package io.jnatsd.config.load;

import io.jnatsd.auth.Permissions;
import io.jnatsd.auth.SubjectPermission;
import io.jnatsd.auth.User;
import io.jnatsd.auth.nkey.NKeyType;
import io.jnatsd.auth.nkey.NKeys;
import io.jnatsd.config.file.ConfArray;
import io.jnatsd.config.file.ConfBool;
import io.jnatsd.config.file.ConfEntry;
import io.jnatsd.config.file.ConfInteger;
import io.jnatsd.config.file.ConfMap;
import io.jnatsd.config.file.ConfString;
import io.jnatsd.config.file.ConfValue;
import io.jnatsd.config.file.SourcePosition;
import io.jnatsd.subject.SubjectValidator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code users = [...]} and permission maps ({@code permissions}, {@code default_permissions}) of the
 * authorization block, with nats-server's messages. nats-server prints some of these without a position; jnatsd
 * always gives the key or value the problem is at.
 */
final class UsersSection {
    /** A problem at a position inside a nested value. */
    static final class Bad extends RuntimeException {
        final SourcePosition at;

        Bad(SourcePosition at, String message) {
            super(message, null, false, false);
            this.at = at;
        }
    }

    private UsersSection() {
    }

    static List<User> users(ConfArray array) {
        List<User> out = new ArrayList<>();
        for (ConfValue v : array.elements()) {
            if (!(v instanceof ConfMap m)) {
                throw new Bad(v.position(), "Expected user entry to be a map/struct, got " + goValue(v));
            }
            out.add(user(m));
        }
        return out;
    }

    private static User user(ConfMap m) {
        String name = null;
        String password = null;
        String nkey = null;
        Permissions perms = null;
        List<String> types = List.of();
        for (ConfEntry e : m.entries()) {
            switch (e.key().toLowerCase(Locale.ROOT)) {
                case "user", "username" -> name = string(e);
                case "pass", "password" -> password = string(e);
                case "nkey" -> nkey = string(e);
                case "permission", "permissions" -> perms = permissions(e.value());
                case "allowed_connection_types", "connection_types", "clients" -> types = connectionTypes(e);
                default -> {
                    if (!e.referenced()) {
                        throw new Bad(e.keyPosition(), "unknown field \"" + e.key() + "\"");
                    }
                }
            }
        }
        if (nkey != null && !NKeys.isValid(nkey, NKeyType.USER)) {
            throw new Bad(m.position(), "Not a valid public nkey for a user");
        }
        if (nkey != null && (name != null || password != null)) {
            throw new Bad(m.position(), "Nkey users do not take usernames or passwords");
        }
        if (name == null && nkey == null) {
            throw new Bad(m.position(), "User entry requires a user");
        }
        return new User(name, password, nkey, perms).withConnectionTypes(types);
    }

    /** A type name or an array of them, each one nats-server knows (any case; kept as written). */
    private static List<String> connectionTypes(ConfEntry e) {
        List<String> types = new ArrayList<>();
        if (e.value() instanceof ConfString s) {
            types.add(s.value());
        } else if (e.value() instanceof ConfArray a) {
            for (ConfValue x : a.elements()) {
                if (!(x instanceof ConfString s)) {
                    throw new Bad(x.position(), "error parsing allowed connection types: unsupported type in array "
                            + x.goTypeName());
                }
                types.add(s.value());
            }
        } else {
            throw new Bad(e.keyPosition(), "error parsing allowed connection types: unsupported type "
                    + e.value().goTypeName());
        }
        List<String> unknown = io.jnatsd.auth.ConnectionTypes.unknown(types);
        if (!unknown.isEmpty()) {
            StringBuilder b = new StringBuilder("invalid connection types [");
            for (int i = 0; i < unknown.size(); i++) {
                b.append(i == 0 ? "\"" : " \"").append(unknown.get(i)).append('"');
            }
            throw new Bad(e.keyPosition(), b.append(']').toString());
        }
        return types;
    }

    static Permissions permissions(ConfValue v) {
        if (!(v instanceof ConfMap m)) {
            throw new Bad(v.position(), "Expected permissions to be a map/struct, got " + goValue(v));
        }
        SubjectPermission pub = null;
        SubjectPermission sub = null;
        int respMax = 0;
        Duration respExpires = Duration.ZERO;
        for (ConfEntry e : m.entries()) {
            switch (e.key().toLowerCase(Locale.ROOT)) {
                case "pub", "publish", "import" -> pub = subjectPermission(e.value(), false);
                case "sub", "subscribe", "export" -> sub = subjectPermission(e.value(), true);
                case "allow_responses", "allow_response" -> {
                    if (e.value() instanceof ConfBool b) {
                        if (b.value()) {
                            respMax = Permissions.DEFAULT_RESPONSE_MAX;
                            respExpires = Permissions.DEFAULT_RESPONSE_EXPIRES;
                        }
                    } else if (e.value() instanceof ConfMap rm) {
                        respMax = Permissions.DEFAULT_RESPONSE_MAX;
                        respExpires = Permissions.DEFAULT_RESPONSE_EXPIRES;
                        for (ConfEntry r : rm.entries()) {
                            switch (r.key().toLowerCase(Locale.ROOT)) {
                                case "max", "max_msgs", "max_messages", "max_responses" ->
                                        respMax = (int) integer(r);
                                case "expires", "expiration", "ttl" -> respExpires = duration(r);
                                default -> throw new Bad(r.keyPosition(),
                                        "Unknown field \"" + r.key() + "\" parsing permissions");
                            }
                        }
                    } else {
                        throw new Bad(e.keyPosition(), "error parsing response permissions, unsupported type "
                                + e.value().goTypeName());
                    }
                }
                default -> throw new Bad(e.keyPosition(), "Unknown field \"" + e.key() + "\" parsing permissions");
            }
        }
        return new Permissions(pub, sub, respMax, respExpires);
    }

    /** A subject, an array of subjects (the allow list), or {allow, deny}. */
    private static SubjectPermission subjectPermission(ConfValue v, boolean subscribe) {
        if (v instanceof ConfMap m) {
            List<String> allow = null;
            List<String> deny = null;
            for (ConfEntry e : m.entries()) {
                switch (e.key().toLowerCase(Locale.ROOT)) {
                    case "allow" -> allow = subjects(e.value(), e.keyPosition(), subscribe);
                    case "deny" -> deny = subjects(e.value(), e.keyPosition(), subscribe);
                    default -> throw new Bad(e.keyPosition(), "Unknown field name \"" + e.key()
                            + "\" parsing subject permissions, only 'allow' or 'deny' are permitted");
                }
            }
            return new SubjectPermission(allow, deny);
        }
        return new SubjectPermission(subjects(v, v.position(), subscribe), null);
    }

    private static List<String> subjects(ConfValue v, SourcePosition at, boolean subscribe) {
        List<String> out = new ArrayList<>();
        if (v instanceof ConfString s) {
            out.add(checked(s.value(), at, subscribe));
        } else if (v instanceof ConfArray a) {
            for (ConfValue x : a.elements()) {
                if (!(x instanceof ConfString s)) {
                    throw new Bad(at, "Subject in permissions array cannot be cast to string");
                }
                out.add(checked(s.value(), at, subscribe));
            }
        } else {
            throw new Bad(at, "Expected subject permissions to be a subject, or array of subjects, got "
                    + v.goTypeName());
        }
        return out;
    }

    /** A subscribe entry may be "subject queue"; both parts must be valid subjects, as nats-server checks. */
    private static String checked(String text, SourcePosition at, boolean subscribe) {
        String subject = text;
        if (subscribe) {
            String[] parts = text.trim().split("\\s+");
            if (parts.length > 2) {
                throw new Bad(at, "subject \"" + text + "\" is not a valid subject");
            }
            subject = parts[0];
            if (parts.length == 2 && !SubjectValidator.isValidSubject(parts[1])) {
                throw new Bad(at, "subject \"" + text + "\" is not a valid subject");
            }
        }
        if (!SubjectValidator.isValidSubject(subject)) {
            throw new Bad(at, "subject \"" + text + "\" is not a valid subject");
        }
        return text.trim();
    }

    private static String string(ConfEntry e) {
        try {
            return Values.string(e.value());
        } catch (WrongValue w) {
            throw new Bad(e.keyPosition(), w.getMessage());
        }
    }

    private static long integer(ConfEntry e) {
        try {
            return Values.integer(e.value());
        } catch (WrongValue w) {
            throw new Bad(e.keyPosition(), w.getMessage());
        }
    }

    private static Duration duration(ConfEntry e) {
        try {
            return GoDuration.parse(Values.string(e.value()));
        } catch (GoDuration.BadDuration | WrongValue w) {
            throw new Bad(e.keyPosition(), "error parsing expires: " + w.getMessage());
        }
    }

    /** How Go's %v prints a scalar value. */
    private static String goValue(ConfValue v) {
        if (v instanceof ConfString s) {
            return s.value();
        }
        if (v instanceof ConfInteger i) {
            return Long.toString(i.value());
        }
        if (v instanceof ConfBool b) {
            return Boolean.toString(b.value());
        }
        return v.goTypeName();
    }
}
