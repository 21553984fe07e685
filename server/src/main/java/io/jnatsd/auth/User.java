package io.jnatsd.auth;

/**
 * One configured user: a name and password (plain or bcrypt), or an nkey (the client proves it holds the key by
 * signing the INFO nonce); its permissions (null = unrestricted); the account it belongs to (null = the global
 * account, for users of the top-level authorization block); and for a user JWT its restrictions (null otherwise).
 */
public record User(String name, String password, String nkey, Permissions permissions, String account,
        UserRestrictions restrictions) {
    public User(String name, String password, String nkey, Permissions permissions, String account) {
        this(name, password, nkey, permissions, account, null);
    }

    public User(String name, String password, String nkey, Permissions permissions) {
        this(name, password, nkey, permissions, null, null);
    }

    public User withPermissions(Permissions p) {
        return new User(name, password, nkey, p, account, restrictions);
    }

    public User inAccount(String accountName) {
        return new User(name, password, nkey, permissions, accountName, restrictions);
    }
}
