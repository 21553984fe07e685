package io.jnatsd.auth;

import java.util.List;

/**
 * One configured user: a name and password (plain or bcrypt), or an nkey (the client proves it holds the key by
 * signing the INFO nonce); its permissions (null = unrestricted); the account it belongs to (null = the global
 * account, for users of the top-level authorization block); for a user JWT its restrictions (null otherwise); and
 * the connection types it may log in with (allowed_connection_types; empty = any).
 */
public record User(String name, String password, String nkey, Permissions permissions, String account,
        UserRestrictions restrictions, List<String> connectionTypes) {
    public User {
        connectionTypes = connectionTypes == null ? List.of() : List.copyOf(connectionTypes);
    }

    public User(String name, String password, String nkey, Permissions permissions, String account,
            UserRestrictions restrictions) {
        this(name, password, nkey, permissions, account, restrictions, List.of());
    }

    public User(String name, String password, String nkey, Permissions permissions, String account) {
        this(name, password, nkey, permissions, account, null);
    }

    public User(String name, String password, String nkey, Permissions permissions) {
        this(name, password, nkey, permissions, null, null);
    }

    public User withPermissions(Permissions p) {
        return new User(name, password, nkey, p, account, restrictions, connectionTypes);
    }

    public User inAccount(String accountName) {
        return new User(name, password, nkey, permissions, accountName, restrictions, connectionTypes);
    }

    public User withConnectionTypes(List<String> types) {
        return new User(name, password, nkey, permissions, account, restrictions, types);
    }

    /** Whether a client of this type ("nats", "websocket") may log in as this user. */
    public boolean admitsType(String clientType) {
        return ConnectionTypes.allows(connectionTypes, clientType);
    }
}
