package io.jnatsd.auth;

/**
 * One entry of {@code authorization { users = [...] }}: a name and password (plain or bcrypt), or an nkey (the client
 * proves it holds the key by signing the INFO nonce), and permissions (null = unrestricted).
 */
public record User(String name, String password, String nkey, Permissions permissions) {
    public User withPermissions(Permissions p) {
        return new User(name, password, nkey, p);
    }
}
