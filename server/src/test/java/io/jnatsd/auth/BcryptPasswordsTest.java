package io.jnatsd.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.jnatsd.protocol.ConnectOptions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BcryptPasswordsTest {
    /** Cost 4, the lowest, so tests stay fast; the check reads the cost from the hash. */
    static String hash(BCrypt.Version version, String password) {
        return new String(BCrypt.with(version).hash(4, password.getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8);
    }

    @Test
    void plainPasswordsCompareExactly() {
        BcryptPasswords p = new BcryptPasswords();
        assertThat(p.matches("secret", "secret")).isTrue();
        assertThat(p.matches("secret", "secreT")).isFalse();
        assertThat(p.matches("secret", "secret ")).isFalse();
        assertThat(p.matches("secret", null)).isFalse();
    }

    @Test
    void bcryptHashesOfEveryPrefixVerify() {
        BcryptPasswords p = new BcryptPasswords();
        for (BCrypt.Version v : List.of(BCrypt.Version.VERSION_2A, BCrypt.Version.VERSION_2B,
                BCrypt.Version.VERSION_2Y)) {
            String h = hash(v, "pw");
            assertThat(BcryptPasswords.isBcrypt(h)).as(h).isTrue();
            assertThat(p.matches(h, "pw")).as(h).isTrue();
            assertThat(p.matches(h, "pw2")).as(h).isFalse();
            assertThat(p.matches(h, h)).as("the hash itself is not the password").isFalse();
        }
    }

    @Test
    void successIsCachedFailureIsNot() {
        BcryptPasswords p = new BcryptPasswords();
        String h = hash(BCrypt.Version.VERSION_2A, "pw");
        assertThat(p.matches(h, "pw")).isTrue();
        assertThat(p.matches(h, "pw")).isTrue();
        assertThat(p.matches(h, "nope")).isFalse();
        assertThat(p.matches(h, "nope")).isFalse();
    }

    @Test
    void userAuthenticatorWithPlainBcryptAndNoAuthUser() {
        Permissions perms = new Permissions(new SubjectPermission(List.of("x"), null), null, 0,
                java.time.Duration.ZERO);
        User a = new User("a", "plain", null, null);
        User b = new User("b", hash(BCrypt.Version.VERSION_2B, "hashed"), null, perms);
        UserAuthenticator auth = new UserAuthenticator(List.of(a, b), "b");
        assertThat(auth.login(connect("a", "plain"))).isSameAs(a);
        assertThat(auth.login(connect("a", "hashed"))).isNull();
        assertThat(auth.login(connect("b", "hashed"))).isSameAs(b);
        assertThat(auth.login(connect("b", "plain"))).isNull();
        assertThat(auth.login(connect("nobody", "plain"))).isNull();
        assertThat(auth.login(connect(null, null))).as("no credentials: no_auth_user").isSameAs(b);
        assertThat(new UserAuthenticator(List.of(a, b), null).login(connect(null, null))).isNull();
    }

    @Test
    void tokenMayBeBcrypt() {
        SingleUserAuthenticator t = SingleUserAuthenticator.token(hash(BCrypt.Version.VERSION_2A, "tok"));
        ConnectOptions c = ConnectOptions.beforeConnect();
        c.authToken = "tok";
        assertThat(t.authenticate(c)).isTrue();
        c.authToken = "tok2";
        assertThat(t.authenticate(c)).isFalse();
    }

    private static ConnectOptions connect(String user, String pass) {
        ConnectOptions c = ConnectOptions.beforeConnect();
        c.user = user;
        c.pass = pass;
        return c;
    }
}
