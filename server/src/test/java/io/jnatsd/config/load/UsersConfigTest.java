package io.jnatsd.config.load;

import io.jnatsd.auth.Permissions;
import io.jnatsd.auth.User;
import io.jnatsd.config.ConfigException;
import io.jnatsd.config.ServerOptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** authorization { users, default_permissions } and no_auth_user; wording compared with nats-server 2.9.10. */
class UsersConfigTest {

    @Test
    void usersWithPermissionsAndDefaults() {
        ServerOptions o = Loading.options("""
                authorization {
                  default_permissions: { publish: "def.>" }
                  users = [
                    {user: a, password: b, permissions: {publish: {allow: ["foo.*"], deny: "foo.bar"},
                                                          subscribe: ["sub.>", "q.* grp"]}}
                    {user: c, pass: d}
                    {user: r, password: r, permissions: {allow_responses: {max: 3, expires: "1m"}}}
                    {user: s, password: s, permissions: {allow_responses: true}}
                  ]
                }
                no_auth_user: c
                """);
        List<User> users = o.users();
        assertThat(users).extracting(User::name).containsExactly("a", "c", "r", "s");
        Permissions a = users.get(0).permissions();
        assertThat(a.publish().allowList()).containsExactly("foo.*");
        assertThat(a.publish().denyList()).containsExactly("foo.bar");
        assertThat(a.subscribe().allowList()).containsExactly("sub.>", "q.* grp");
        assertThat(users.get(1).password()).isEqualTo("d");
        assertThat(users.get(1).permissions().publish().allowList()).as("default_permissions").containsExactly("def.>");
        assertThat(users.get(2).permissions().responseMax()).isEqualTo(3);
        assertThat(users.get(2).permissions().responseExpires()).isEqualTo(Duration.ofMinutes(1));
        assertThat(users.get(3).permissions().responseMax()).isEqualTo(1);
        assertThat(users.get(3).permissions().responseExpires()).isEqualTo(Duration.ofMinutes(2));
        assertThat(o.noAuthUser()).isEqualTo("c");
    }

    @Test
    void nkeyUsersAreAccepted() {
        String nkey = "UDXU4RCSJNZOIQHZNWXHXORDPRTGNJAHAHFRGZNEEJCPQTT2M7NLCNF4";
        assertThat(Loading.options("authorization { users = [ {nkey: " + nkey + "} ] }").users())
                .extracting(User::nkey).containsExactly(nkey);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "authorization { users = [ 1 ] }|t.conf:1:27: Expected user entry to be a map/struct, got 1",
        "authorization { users = [ {user: a, password: b, foo: 1} ] }|t.conf:1:50: unknown field \"foo\"",
        "authorization { users = [ {user: a, password: b, permissions: {bogus: 1}} ] }"
                + "|t.conf:1:64: Unknown field \"bogus\" parsing permissions",
        "authorization { users = [ {user: a, password: b, permissions: {publish: {allowx: [\"a\"]}}} ] }"
                + "|t.conf:1:74: Unknown field name \"allowx\" parsing subject permissions, only 'allow' or 'deny'"
                + " are permitted",
        "authorization { users = [ {nkey: UABC} ] }|t.conf:1:27: Not a valid public nkey for a user",
        "authorization { users = [ {nkey: UDXU4RCSJNZOIQHZNWXHXORDPRTGNJAHAHFRGZNEEJCPQTT2M7NLCNF5} ] }"
                + "|t.conf:1:27: Not a valid public nkey for a user",
        "authorization { users = [ {nkey: UDXU4RCSJNZOIQHZNWXHXORDPRTGNJAHAHFRGZNEEJCPQTT2M7NLCNF4, user: a} ] }"
                + "|t.conf:1:27: Nkey users do not take usernames or passwords",
        "authorization { users = [ {user: a, permissions: {subscribe: \"foo..bar\"}} ] }"
                + "|t.conf:1:62: subject \"foo..bar\" is not a valid subject",
        "authorization { default_permissions: {publish: 3} }"
                + "|t.conf:1:48: Expected subject permissions to be a subject, or array of subjects, got int64",
        // positions and wording as nats-server 2.9.10 prints them
        "authorization { users: [ {user: a, password: b, allowed_connection_types: [\"FOO\", \"MQTT\", \"bar\"]} ] }"
                + "|t.conf:1:49: invalid connection types [\"FOO\" \"BAR\"]",
        "authorization { users: [ {nkey: UDXU4RCSJNZOIQHZNWXHXORDPRTGNJAHAHFRGZNEEJCPQTT2M7NLCNF4,"
                + " allowed_connection_types: [\"IN_PROCESS\"]} ] }|t.conf:1:91: invalid connection types [\"IN_PROCESS\"]",
        "authorization { users: [ {user: a, password: b, allowed_connection_types: 5} ] }"
                + "|t.conf:1:49: error parsing allowed connection types: unsupported type int64",
        "accounts { A { users: [ {user: a, password: b, clients: [\"x\"]} ] } }"
                + "|t.conf:1:48: invalid connection types [\"X\"]",
    })
    void badEntriesAreReportedAtTheirPosition(String text, String problem) {
        ConfigFileException e = catchThrowableOfType(() -> Loading.builder(text), ConfigFileException.class);
        assertThat(e).as("no error for %s", text).isNotNull();
        assertThat(e.problems().stream().map(ConfigProblem::toString)).containsExactly(problem);
    }

    @Test
    void connectionTypesOfUsersAndNkeyUsers() {
        String nkey = "UDXU4RCSJNZOIQHZNWXHXORDPRTGNJAHAHFRGZNEEJCPQTT2M7NLCNF4";
        List<User> users = Loading.options("authorization { users = [ {nkey: " + nkey
                + ", allowed_connection_types: [\"STANDARD\", \"websocket\"]},"
                + " {user: a, password: b, connection_types: \"MQTT\"}, {user: c, password: d} ] }").users();
        assertThat(users.get(0).connectionTypes()).containsExactly("STANDARD", "websocket");
        assertThat(users.get(0).admitsType("websocket")).isTrue();
        assertThat(users.get(1).connectionTypes()).containsExactly("MQTT");
        assertThat(users.get(1).admitsType("nats")).isFalse();
        assertThat(users.get(2).connectionTypes()).isEmpty();
        assertThat(users.get(2).admitsType("websocket")).isTrue();
    }

    @Test
    void alwaysEnableNonceIsABool() {
        assertThat(Loading.options("always_enable_nonce: true").alwaysEnableNonce()).isTrue();
        assertThat(Loading.options("port: 0").alwaysEnableNonce()).isFalse();
        assertThatThrownBy(() -> Loading.builder("always_enable_nonce: 3")).isInstanceOf(ConfigFileException.class);
    }

    @Test
    void noAuthUserMustBeAUser() {
        assertThatThrownBy(() -> Loading.options("authorization { users = [ {user: a, password: b} ] }\n"
                + "no_auth_user: x"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("no_auth_user: \"x\" not present as user in authorization block or account"
                        + " configuration");
    }
}
