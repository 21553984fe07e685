package io.jnatsd.config.load;

import io.jnatsd.account.AccountConfig;
import io.jnatsd.account.Export;
import io.jnatsd.account.Import;
import io.jnatsd.account.ResponseType;
import io.jnatsd.auth.User;
import io.jnatsd.config.ConfigException;
import io.jnatsd.config.ServerOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** accounts {}, system_account, no_system_account; error texts as nats-server 2.9.10 prints them. */
class AccountsConfigTest {

    @Test
    void accountsWithUsersExportsImportsAndLimits() {
        ServerOptions o = Loading.options("""
                accounts {
                  A: { users: [ {user: a, password: a} ], default_permissions: { publish: "a.>" }
                       exports: [ {stream: "pub.>"}, {service: "svc", accounts: [B], response_type: stream,
                                  response_threshold: "5s"} ] }
                  B: { users: [ {user: b, password: b, permissions: {publish: ">"}} ]
                       imports: [ {stream: {account: A, subject: "pub.>"}, prefix: "from"},
                                  {stream: {account: A, subject: "pub.x"}, to: "local.x"},
                                  {service: {account: A, subject: "svc"}, to: "a.svc"} ]
                       limits: { max_connections: 5, max_subscriptions: 10, max_payload: 100 } }
                  SYS: { users: [ {user: s, password: s} ] }
                }
                system_account: SYS
                """);
        assertThat(o.accounts()).extracting(AccountConfig::name).containsExactly("A", "B", "SYS");
        assertThat(o.systemAccount()).isEqualTo("SYS");
        AccountConfig a = o.accounts().get(0);
        assertThat(a.users()).extracting(User::account).containsExactly("A");
        assertThat(a.users().get(0).permissions().publish().allowList()).as("default_permissions")
                .containsExactly("a.>");
        assertThat(a.exports()).containsExactly(
                new Export(false, "pub.>", List.of(), ResponseType.SINGLETON, Duration.ZERO),
                new Export(true, "svc", List.of("B"), ResponseType.STREAM, Duration.ofSeconds(5)));
        AccountConfig b = o.accounts().get(1);
        assertThat(b.imports()).containsExactly(
                new Import(false, "A", "pub.>", "from.pub.>"),
                new Import(false, "A", "pub.x", "local.x"),
                new Import(true, "A", "svc", "a.svc"));
        assertThat(b.limits().maxConnections()).isEqualTo(5);
        assertThat(b.limits().maxSubscriptions()).isEqualTo(10);
        assertThat(b.limits().maxPayload()).isEqualTo(100);
        assertThat(o.allUsers()).extracting(User::name).containsExactly("a", "b", "s");
    }

    @Test
    void theSystemAccountDefaultsToDollarSysAndCanBeTurnedOff() {
        assertThat(Loading.options("port: 1").systemAccount()).isEqualTo("$SYS");
        assertThat(Loading.options("no_system_account: true").systemAccount()).isNull();
    }

    /**
     * nats-server 2.9.10 prints the same texts; on a file's first line its columns are one less (its lexer counts
     * the first line's columns from 0), so the expected positions here are jnatsd's 1-based ones.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "accounts { A: {exports: [{stream: \"p\"}]}, B: { imports: [ {stream: {account: A, subject: \"p\"}}, "
                + "{stream: {account: A, subject: \"p\"}, prefix: x} ] } }"
                + "|t.conf:1:1: Error adding stream import \"p\": stream import already exists",
        "accounts { A: {exports: [{service: \"s\", response_type: bogus}]} }|t.conf:1:41: Unknown response type: \"bogus\"",
        "accounts { A: {exports: [{stream: \"s\", foo: 1}]} }|t.conf:1:40: unknown field \"foo\"",
        "accounts { A: {foo: 1} }|t.conf:1:16: unknown field \"foo\"",
        "accounts { A: {limits: {max_connections: 1, foo: 2}} }"
                + "|t.conf:1:45: Unknown field \"foo\" parsing account limits",
        "accounts { $G: {} }|t.conf:1:12: \"$G\" is a Reserved Account",
        "accounts { A: {exports: [{service: \"x.*\", response_threshold: \"bad\"}]} }"
                + "|t.conf:1:43: Expected response threshold to be a parseable time duration, got \"bad\"",
        "accounts { A: {exports: [{stream: \"x.*\", response_type: stream}]} }"
                + "|t.conf:1:42: Detected response directive on non-service",
        "accounts { A: {exports: [{stream: \"pub.>\"}]}, B: { imports: [ {stream: {account: A, subject: \"x\"}} ] } }"
                + "|t.conf:1:1: Error adding stream import \"x\": stream import not authorized",
        "accounts { A: {exports: [{service: \"s\"}]}, B: { imports: [ {service: {account: A, subject: \"t\"}} ] } }"
                + "|t.conf:1:1: Error adding service import \"t\": service import not authorized",
        "accounts { A: {exports: [{stream: \"p\", accounts: [C]}]}, C: {}, B: { imports: [ {stream: {account: A, "
                + "subject: \"p\"}} ] } }|t.conf:1:1: Error adding stream import \"p\": stream import not authorized",
        "accounts { A: {}, B: { imports: [ {stream: {account: Z, subject: \"x\"}} ] } }"
                + "|t.conf:1:1: \"Z\" account not defined for stream import",
        "accounts { A: {users: [{user: a, password: a}]}, B: {users: [{user: a, password: b}]} }"
                + "|t.conf:1:54: Duplicate user \"a\" detected",
        "accounts { A { jetstream: {max_mem: \"abc\"} } }"
                + "|t.conf:1:28: Expected a parseable size for \"max_mem\", got abc",
        "accounts { A { jetstream: {bogus: 1} } }|t.conf:1:28: unknown field \"bogus\"",
    })
    void badAccountsAreReported(String text, String problem) {
        ConfigFileException e = catchThrowableOfType(() -> Loading.builder(text), ConfigFileException.class);
        assertThat(e).as("no error for %s", text).isNotNull();
        assertThat(e.problems().stream().map(ConfigProblem::toString)).containsExactly(problem);
    }

    @Test
    void accountJetStreamLimitsAsNatsServerReadsThem() {
        ServerOptions o = Loading.options("""
                accounts {
                  A { jetstream: { max_mem: 1MB, max_file: 2GB, max_streams: 2, max_consumers: 5 } }
                  B { jetstream: enabled }
                  C { jetstream: disabled }
                  D { }
                  E { jetstream: { memory: 10, store: 20 } }
                }
                """);
        assertThat(o.accounts()).extracting(AccountConfig::jetstream).containsExactly(
                new io.jnatsd.account.JetStreamAccountLimits(1L << 20, 2L << 30, 2, 5),
                io.jnatsd.account.JetStreamAccountLimits.UNLIMITED, null, null,
                new io.jnatsd.account.JetStreamAccountLimits(10, 20, -1, -1));
    }

    @Test
    void anUnknownSystemAccountAndAUserInTwoPlacesAreRefused() {
        assertThatThrownBy(() -> Loading.options("accounts { A: {} }\nsystem_account: FOO"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("error resolving system account: account missing");
        assertThatThrownBy(() -> Loading.options("authorization { users: [{user: a, password: x}] }\n"
                + "accounts { A: {users: [{user: a, password: a}]} }"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Duplicate user \"a\" detected");
    }
}
