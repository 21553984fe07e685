package io.jnatsd.auth;

import io.jnatsd.auth.nkey.NonceSignature;
import io.jnatsd.protocol.ConnectOptions;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code authorization { users = [...] }}: users with a name and password (plain or bcrypt) and users with an nkey,
 * mixed as nats-server allows. A CONNECT carrying an nkey (when nkey users exist) must sign the nonce its INFO
 * carried with that key; otherwise a CONNECT logs in as the user it names when the password matches. With
 * {@code no_auth_user}, a CONNECT without any credentials logs in as that user.
 */
public final class UserAuthenticator implements Authenticator {
    private final Map<String, User> byName = new HashMap<>();
    private final Map<String, User> byNkey = new HashMap<>();
    private final User noAuthUser;
    private final BcryptPasswords passwords = new BcryptPasswords();

    /** {@code noAuthUser} null = none; otherwise it must be one of {@code users} (the config loader checks). */
    public UserAuthenticator(List<User> users, String noAuthUser) {
        for (User u : users) {
            if (u.nkey() != null) {
                byNkey.put(u.nkey(), u);
            } else if (u.name() != null) {
                byName.put(u.name(), u);
            }
        }
        this.noAuthUser = noAuthUser == null ? null : byName.get(noAuthUser);
    }

    @Override
    public boolean required() {
        return true;
    }

    @Override
    public boolean nonceRequired() {
        return !byNkey.isEmpty();
    }

    @Override
    public boolean authenticate(ConnectOptions c) {
        return login(c) != null;
    }

    @Override
    public User login(ConnectOptions c) {
        return login(c, null);
    }

    @Override
    public User login(ConnectOptions c, String nonce) {
        if (usesNkey(c)) {
            User u = byNkey.get(c.nkey);
            return u != null && NonceSignature.problem(c.nkey, c.sig, nonce) == null ? u : null;
        }
        if (noCredentials(c) && noAuthUser != null) {
            return noAuthUser;
        }
        User u = named(c);
        return u != null && passwords.matches(u.password(), c.pass) ? u : null;
    }

    @Override
    public boolean slowToCheck(ConnectOptions c) {
        if (usesNkey(c) || (noCredentials(c) && noAuthUser != null)) {
            return false;
        }
        User u = named(c);
        return u != null && passwords.slowToCheck(u.password(), c.pass);
    }

    @Override
    public String claimed(ConnectOptions c) {
        // nats-server names the nkey whenever nkey users exist, even for a CONNECT with a user name.
        if (!byNkey.isEmpty()) {
            return "Nkey \"" + (c.nkey == null ? "" : c.nkey) + "\"";
        }
        return Authenticator.super.claimed(c);
    }

    @Override
    public String refusalDetail(ConnectOptions c, String nonce) {
        return usesNkey(c) && byNkey.containsKey(c.nkey) ? NonceSignature.problem(c.nkey, c.sig, nonce) : null;
    }

    private boolean usesNkey(ConnectOptions c) {
        return !byNkey.isEmpty() && !empty(c.nkey);
    }

    /** The password user this CONNECT names, or null. */
    private User named(ConnectOptions c) {
        if (empty(c.user)) {
            return null;
        }
        User u = byName.get(c.user);
        return u == null || u.password() == null ? null : u;
    }

    private static boolean noCredentials(ConnectOptions c) {
        return empty(c.user) && empty(c.pass) && empty(c.authToken) && empty(c.nkey) && empty(c.jwt);
    }

    @Override
    public User loginByCertificate(List<String> identities) {
        for (String name : identities) {
            User u = byName.get(name);
            if (u != null) {
                return u;
            }
        }
        return null;
    }

    private static boolean empty(String s) {
        return s == null || s.isEmpty();
    }
}
