package io.jnatsd.config.load;

import io.jnatsd.config.ConfigException;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.websocket.WebSocketSettings;
import io.jnatsd.websocket.WebSocketTls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The websocket {} block: keys, aliases and errors, worded and placed as nats-server 2.9.10 does. */
class WebSocketConfigTest {

    @Test
    void everyKey() {
        WebSocketSettings ws = Loading.options("""
                authorization { users: [ {user: a, password: b} ] }
                websocket {
                  host: 127.0.0.1
                  port: 8080
                  advertise: "ws.example:443"
                  no_tls: true
                  same_origin: true
                  allowed_origins: ["http://a.example", "https://b.example:8443"]
                  compression: true
                  handshake_timeout: "3s"
                  authorization { timeout: 2.5 }
                  no_auth_user: a
                }
                """).websocket();
        assertThat(ws.host()).isEqualTo("127.0.0.1");
        assertThat(ws.port()).isEqualTo(8080);
        assertThat(ws.advertise()).isEqualTo("ws.example:443");
        assertThat(ws.noTls()).isTrue();
        assertThat(ws.sameOrigin()).isTrue();
        assertThat(ws.allowedOrigins()).containsExactly("http://a.example", "https://b.example:8443");
        assertThat(ws.compression()).isTrue();
        assertThat(ws.handshakeTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(ws.authTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(ws.noAuthUser()).isEqualTo("a");
        assertThat(ws.authOverride()).isTrue();
    }

    @Test
    void aliasesListenAndDefaults() {
        WebSocketSettings ws = Loading.options("ws { listen: \"127.0.0.2:9090\", no_tls: true, origin: "
                + "\"http://x\", compress: true, handshake_timeout: 4, authentication { user: u, pass: p, "
                + "token: t } }").websocket();
        assertThat(ws.host()).isEqualTo("127.0.0.2");
        assertThat(ws.port()).isEqualTo(9090);
        assertThat(ws.allowedOrigins()).containsExactly("http://x");
        assertThat(ws.compression()).isTrue();
        assertThat(ws.handshakeTimeout()).isEqualTo(Duration.ofSeconds(4));
        assertThat(ws.username()).isEqualTo("u");
        assertThat(ws.password()).isEqualTo("p");
        assertThat(ws.token()).isEqualTo("t");

        WebSocketSettings bare = Loading.options("websocket { port: 8080, no_tls: true }").websocket();
        assertThat(bare.host()).isEqualTo("0.0.0.0"); // nats-server's default, not the client host
        assertThat(bare.handshakeTimeout()).isZero();
        assertThat(bare.authOverride()).isFalse();
        assertThat(Loading.options("port: 4222").websocket()).isNull();
    }

    @Test
    void theBlockIsStillKeptAndNoLongerReportedAsWithoutEffect() {
        ServerOptions o = Loading.options("websocket { port: 8080, no_tls: true }");
        assertThat(o.configBlocks()).containsKey("websocket");
        assertThat(ConfigFileLoader.keptBlockNames()).doesNotContain("websocket");
    }

    @Test
    void tlsBlockFilesAreRead() {
        WebSocketSettings ws = Loading.options("websocket { port: 443, tls { cert_file: c.pem, key_file: k.pem, "
                + "ca_file: ca.pem, verify: true, timeout: 2 } }").websocket();
        assertThat(ws.tls()).isEqualTo(new WebSocketTls("c.pem", "k.pem", "ca.pem", true));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ws { port: 1, no_tls: true, foo: 1 }                       | t.conf:1:29: unknown field "foo"
            ws { port: 1, no_tls: true, user_cookie: x }               | t.conf:1:29: unknown field "user_cookie"
            ws { port: 1, authorization { users: [] } }                | t.conf:1:31: unknown field "users"
            ws { port: 1, allowed_origins: 5 }                         | t.conf:1:15: error parsing allowed origins: unsupported type int64
            ws { port: 1, handshake_timeout: true }                    | t.conf:1:15: error parsing handshake timeout: unsupported type bool
            ws { port: 1, handshake_timeout: "xx" }                    | t.conf:1:15: time: invalid duration "xx"
            ws { port: 1, no_tls: 1 }                                  | t.conf:1:15: interface conversion: interface {} is int64, not bool
            ws { port: "x" }                                           | t.conf:1:6: interface conversion: interface {} is string, not int64
            ws { listen: "bad" }                                       | t.conf:1:6: could not parse address string "bad"
            ws { port: 1, tls { cert_file: "c" } }                     | t.conf:1:15: missing 'key_file' in TLS configuration
            ws { port: 1, tls { key_file: "k" } }                      | t.conf:1:15: missing 'cert_file' in TLS configuration
            ws { port: 1, tls { foo: 1 } }                             | t.conf:1:21: error parsing tls config, unknown field ["foo"]
            ws { port: 1, tls { verify: 1 } }                          | t.conf:1:21: error parsing tls config, expected 'verify' to be a boolean
            """)
    void loadErrors(String text, String expected) {
        ConfigFileException e = catchThrowableOfType(ConfigFileException.class, () -> Loading.options(text));
        assertThat(e).as("no error for %s", text).isNotNull();
        assertThat(e.problems()).extracting(ConfigProblem::toString).contains(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ws { port: 8080 }                                                    | websocket requires TLS configuration
            ws { port: 8080, no_tls: true, allowed_origins: [":::bad"] }       | unable to parse allowed origin: parse ":::bad": missing protocol scheme
            ws { port: 8080, no_tls: true, no_auth_user: x }                     | no_auth_user: "x" present, but users are not defined
            ws { port: 8080, no_tls: true, jwt_cookie: c }                       | trusted operators or trusted keys configuration is required for JWT authentication via cookie "c"
            """)
    void validationErrors(String text, String expected) {
        assertThatThrownBy(() -> Loading.options(text)).isInstanceOf(ConfigException.class).hasMessage(expected);
    }

    @Test
    void overridesThatClashWithUsers() {
        String users = "authorization { users: [ {user: a, password: b} ] }\n";
        assertThatThrownBy(() -> Loading.options(users + "ws { port: 1, no_tls: true, authorization { user: u, "
                + "password: p } }")).hasMessage(
                "websocket authentication username not compatible with presence of users/nkeys");
        assertThatThrownBy(() -> Loading.options(users + "ws { port: 1, no_tls: true, authorization { token: t } }"))
                .hasMessage("websocket authentication token not compatible with presence of users/nkeys");
        assertThatThrownBy(() -> Loading.options(users + "ws { port: 1, no_tls: true, no_auth_user: z }"))
                .hasMessage("no_auth_user: \"z\" not present as user in authorization block or account configuration");
    }

    @Test
    void withoutAPortNothingIsChecked() {
        assertThat(Loading.options("ws { no_tls: false }").websocket().enabled()).isFalse();
    }

    @Test
    void aWebSocketChangeCannotBeReloaded() {
        ServerOptions a = Loading.options("ws { port: 8080, no_tls: true }");
        ServerOptions b = Loading.options("ws { port: 8080, no_tls: true, compression: true }");
        assertThatThrownBy(() -> ReloadDiff.between(a, b)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("config reload not supported for Websocket: ");
        assertThat(ReloadDiff.between(a, Loading.options("ws { port: 8080, no_tls: true }")).changes()).isEmpty();
    }

    @Test
    void theListIsCopied() {
        WebSocketSettings s = WebSocketSettings.plain("h", 1).withOrigins(false, List.of("http://a"));
        assertThat(s.allowedOrigins()).containsExactly("http://a");
    }
}
