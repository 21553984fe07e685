package io.jnatsd.auth;

import io.jnatsd.protocol.ConnectOptions;


/**
 * The command-line credentials of nats-server: one user/password (--user/--pass) or one token (--auth).
 * The configured password or token may be a bcrypt hash. Plain comparisons take constant time so a wrong guess
 * leaks nothing through timing.
 */
public final class SingleUserAuthenticator implements Authenticator {
    private final String user;
    private final String password;
    private final String token;
    private final BcryptPasswords passwords = new BcryptPasswords();

    private SingleUserAuthenticator(String user, String password, String token) {
        this.user = user;
        this.password = password;
        this.token = token;
    }

    public static SingleUserAuthenticator userPassword(String user, String password) {
        return new SingleUserAuthenticator(user, password == null ? "" : password, null);
    }

    public static SingleUserAuthenticator token(String token) {
        return new SingleUserAuthenticator(null, null, token);
    }

    @Override
    public boolean required() {
        return true;
    }

    @Override
    public boolean authenticate(ConnectOptions c) {
        if (token != null) {
            return passwords.matches(token, c.authToken);
        }
        // Evaluate both comparisons so the time does not tell which one failed.
        boolean userOk = c.user != null && constantTimeEquals(user, c.user);
        boolean passOk = passwords.matches(password, c.pass);
        return userOk & passOk;
    }

    @Override
    public boolean slowToCheck(ConnectOptions c) {
        return token != null ? passwords.slowToCheck(token, c.authToken) : passwords.slowToCheck(password, c.pass);
    }

    static boolean constantTimeEquals(String expected, String given) {
        return BcryptPasswords.constantTimeEquals(expected, given);
    }
}
