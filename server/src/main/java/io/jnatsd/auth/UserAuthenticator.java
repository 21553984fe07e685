package io.jnatsd.auth;

import io.jnatsd.protocol.ConnectOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code authorization { users = [...] }}: a CONNECT logs in as the user it names when the password matches (plain
 * or bcrypt). With {@code no_auth_user}, a CONNECT without any credentials logs in as that user. nkey users are
 * accepted in config but their signatures are not verified yet, so a client presenting an nkey is refused rather
 * than let in unchecked.
 */
public final class UserAuthenticator implements Authenticator {
    private static final Logger LOG = LoggerFactory.getLogger(UserAuthenticator.class);

    private final Map<String, User> byName = new HashMap<>();
    private final User noAuthUser;
    private final BcryptPasswords passwords = new BcryptPasswords();

    /** {@code noAuthUser} null = none; otherwise it must be one of {@code users} (the config loader checks). */
    public UserAuthenticator(List<User> users, String noAuthUser) {
        for (User u : users) {
            if (u.name() != null) {
                byName.put(u.name(), u);
            } else if (u.nkey() != null) {
                LOG.warn("nkey user {} is configured but nkey signatures are not verified yet: it cannot connect",
                        u.nkey());
            }
        }
        this.noAuthUser = noAuthUser == null ? null : byName.get(noAuthUser);
    }

    @Override
    public boolean required() {
        return true;
    }

    @Override
    public boolean authenticate(ConnectOptions c) {
        return login(c) != null;
    }

    @Override
    public User login(ConnectOptions c) {
        boolean noCredentials = empty(c.user) && empty(c.pass) && empty(c.authToken) && empty(c.nkey)
                && empty(c.jwt);
        if (noCredentials && noAuthUser != null) {
            return noAuthUser;
        }
        if (empty(c.user)) {
            return null;
        }
        User u = byName.get(c.user);
        if (u == null || u.password() == null) {
            return null;
        }
        return passwords.matches(u.password(), c.pass) ? u : null;
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
