package io.jnatsd.config.load;

import io.jnatsd.auth.callout.AuthCalloutSettings;
import io.jnatsd.config.ServerOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** authorization { auth_callout {} }: keys, aliases and errors as nats-server 2.10 words them. */
class AuthCalloutConfigTest {
    static final String ISSUER = "ABJHLOVMPA4CI6R5KLNGOB4GSLNIY7IOUPAJC4YFNDLQVIOBYQGUWVLA";
    static final String XKEY = io.jnatsd.auth.nkey.NKeys.encode(io.jnatsd.auth.nkey.NKeyType.CURVE, new byte[32]);

    @Test
    void theBlockBecomesSettings() {
        ServerOptions o = Loading.options("""
                accounts { AUTH { users: [ {user: auth, password: pwd} ] }, APP {} }
                authorization {
                  auth_callout { issuer: %s, auth_users: [ auth, other ], account: AUTH }
                }
                """.formatted(ISSUER));
        assertThat(o.authCallout()).isEqualTo(new AuthCalloutSettings(ISSUER, java.util.List.of("auth", "other"),
                "AUTH", null));
    }

    @Test
    void theAccountDefaultsToTheGlobalOneAndAliasesWork() {
        ServerOptions o = Loading.options("""
                authorization {
                  users: [ {user: auth, password: pwd} ]
                  auth_callout { issuer: %s, users: [ auth ] }
                }
                """.formatted(ISSUER));
        assertThat(o.authCallout().account()).isEqualTo("$G");
        assertThat(o.authCallout().authUsers()).containsExactly("auth");
    }

    @Test
    void anXkeyIsRead() {
        ServerOptions o = Loading.options("""
                authorization {
                  users: [ {user: auth, password: pwd} ]
                  auth_callout { issuer: %s, auth_users: [ auth ], key: %s }
                }
                """.formatted(ISSUER, XKEY));
        assertThat(o.authCallout().xkey()).isEqualTo(XKEY);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "authorization { auth_callout: 1 }|t.conf:1:17: Expected authorization callout to be a map/struct, got int64",
        "authorization { auth_callout { issuer: UABC, auth_users: [a] } }"
                + "|t.conf:1:32: Expected callout user to be a valid public account nkey, got \"UABC\"",
        "authorization { auth_callout { auth_users: [a] } }"
                + "|t.conf:1:17: Authorization callouts require an issuer to be specified",
        "authorization { auth_callout { issuer: " + ISSUER + " } }"
                + "|t.conf:1:17: Authorization callouts require authorized users to be specified",
        "authorization { auth_callout { issuer: " + ISSUER + ", auth_users: a } }"
                + "|t.conf:1:98: Expected auth_users field to be an array, got string",
        "authorization { auth_callout { issuer: " + ISSUER + ", auth_users: [a], xkey: " + ISSUER + " } }"
                + "|t.conf:1:115: Expected callout xkey to be a valid public xkey, got \"" + ISSUER + "\"",
        "authorization { auth_callout { issuer: " + ISSUER + ", auth_users: [a], foo: 1 } }"
                + "|t.conf:1:115: Unknown field \"foo\" parsing authorization callout",
    })
    void badBlocksAreReported(String text, String problem) {
        ConfigFileException e = catchThrowableOfType(() -> Loading.builder(text), ConfigFileException.class);
        assertThat(e).as("no error for %s", text).isNotNull();
        assertThat(e.problems().stream().map(ConfigProblem::toString)).containsExactly(problem);
    }
}
