package io.jnatsd.integration;

import io.jnatsd.NatsServer;
import io.jnatsd.auth.User;
import io.jnatsd.config.ConfigException;
import io.jnatsd.websocket.WebSocketTls;
import io.jnatsd.testing.JnatsClients;
import io.jnatsd.websocket.WebSocketSettings;
import io.nats.client.AuthenticationException;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

import static io.jnatsd.testing.JnatsClients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** jnats over ws:// against jnatsd's websocket listener, talking to jnats over TCP through the same router. */
class WebSocketTest extends JnatsIntegrationTest {
    /**
     * jnats over websocket reports a refused login only when its connect timeout ends (5 s against nats-server as
     * well): a short one keeps these tests quick.
     */
    private static final Duration REFUSAL_WAIT = Duration.ofSeconds(1);

    private NatsServer wsServer(UnaryOperator<WebSocketSettings> customize) {
        return startServer(b -> b.websocket(customize.apply(WebSocketSettings.plain("127.0.0.1", -1))));
    }

    private Connection ws(NatsServer s, UnaryOperator<Options.Builder> customize)
            throws IOException, InterruptedException {
        Options.Builder b = new Options.Builder().server(s.webSocketUrl()).connectionTimeout(WAIT).noReconnect();
        return track(Nats.connect(customize.apply(b).build()));
    }

    @Test
    void webSocketAndTcpClientsExchangeMessagesBothWays() throws Exception {
        NatsServer s = wsServer(w -> w);
        assertThat(s.webSocketUrl()).startsWith("ws://127.0.0.1:");
        Connection web = ws(s, b -> b);
        Connection tcp = connect(s, b -> b);
        assertThat(web.getServerInfo().getPort()).isEqualTo(s.port()); // the INFO names the client port

        Subscription atWeb = web.subscribe("to.web");
        Subscription atTcp = tcp.subscribe("to.tcp");
        JnatsClients.flush(web);
        JnatsClients.flush(tcp);
        tcp.publish("to.web", "from tcp".getBytes(StandardCharsets.UTF_8));
        web.publish("to.tcp", "from web".getBytes(StandardCharsets.UTF_8));

        Message m1 = atWeb.nextMessage(WAIT);
        Message m2 = atTcp.nextMessage(WAIT);
        assertThat(m1).isNotNull();
        assertThat(new String(m1.getData(), StandardCharsets.UTF_8)).isEqualTo("from tcp");
        assertThat(m2).isNotNull();
        assertThat(new String(m2.getData(), StandardCharsets.UTF_8)).isEqualTo("from web");
    }

    @Test
    void requestReplyAcrossTransports() throws Exception {
        NatsServer s = wsServer(w -> w);
        Connection web = ws(s, b -> b);
        Connection tcp = connect(s, b -> b);
        tcp.createDispatcher(m -> tcp.publish(m.getReplyTo(), ("tcp:" + new String(m.getData())).getBytes()))
                .subscribe("svc.tcp");
        web.createDispatcher(m -> web.publish(m.getReplyTo(), ("web:" + new String(m.getData())).getBytes()))
                .subscribe("svc.web");
        JnatsClients.flush(tcp);
        JnatsClients.flush(web);

        assertThat(new String(web.request("svc.tcp", "a".getBytes(), WAIT).getData())).isEqualTo("tcp:a");
        assertThat(new String(tcp.request("svc.web", "b".getBytes(), WAIT).getData())).isEqualTo("web:b");
        assertThat(new String(web.request("svc.web", "c".getBytes(), WAIT).getData())).isEqualTo("web:c");
    }

    @Test
    void headersReachTheOtherTransport() throws Exception {
        NatsServer s = wsServer(w -> w);
        Connection web = ws(s, b -> b);
        Connection tcp = connect(s, b -> b);
        Subscription sub = tcp.subscribe("hdr.ws");
        JnatsClients.flush(tcp);
        Headers h = new Headers().add("X-From", "web", "socket");
        web.publish(NatsMessage.builder().subject("hdr.ws").headers(h).data("body".getBytes()).build());

        Message m = sub.nextMessage(WAIT);
        assertThat(m).isNotNull();
        assertThat(m.getHeaders().get("X-From")).containsExactly("web", "socket");
        assertThat(m.getData()).isEqualTo("body".getBytes());
    }

    @Test
    void largePayloadsBothWays() throws Exception {
        NatsServer s = wsServer(w -> w);
        Connection web = ws(s, b -> b);
        Connection tcp = connect(s, b -> b);
        byte[] big = new byte[900 * 1024];
        new Random(7).nextBytes(big);
        Subscription atWeb = web.subscribe("big.web");
        Subscription atTcp = tcp.subscribe("big.tcp");
        JnatsClients.flush(web);
        JnatsClients.flush(tcp);
        web.publish("big.tcp", big);
        tcp.publish("big.web", big);

        Message a = atTcp.nextMessage(WAIT);
        Message b = atWeb.nextMessage(WAIT);
        assertThat(a).isNotNull();
        assertThat(b).isNotNull();
        assertThat(Arrays.equals(a.getData(), big)).isTrue();
        assertThat(Arrays.equals(b.getData(), big)).isTrue();
    }

    @Test
    void manyMessagesKeepTheirOrder() throws Exception {
        NatsServer s = wsServer(w -> w.withCompression(true));
        Connection web = ws(s, b -> b);
        Connection tcp = connect(s, b -> b);
        Subscription sub = web.subscribe("seq");
        JnatsClients.flush(web);
        for (int i = 0; i < 2000; i++) {
            tcp.publish("seq", ("m" + i).getBytes());
        }
        for (int i = 0; i < 2000; i++) {
            Message m = sub.nextMessage(WAIT);
            assertThat(m).as("message %d", i).isNotNull();
            assertThat(new String(m.getData())).isEqualTo("m" + i);
        }
    }

    @Test
    void websocketUserPasswordOverrideAppliesToWebSocketClientsOnly() throws Exception {
        NatsServer s = wsServer(w -> w.withAuth("wsuser", "wspass", null, null, null));
        Connection tcp = connect(s, b -> b); // no top-level authorization: TCP clients need no credentials
        assertThat(tcp.getServerInfo().isAuthRequired()).isFalse();

        Connection web = ws(s, b -> b.userInfo("wsuser", "wspass"));
        assertThat(web.getServerInfo().isAuthRequired()).isTrue();
        Subscription sub = tcp.subscribe("auth.ws");
        JnatsClients.flush(tcp);
        web.publish("auth.ws", "ok".getBytes());
        assertThat(sub.nextMessage(WAIT)).isNotNull();

        assertThatThrownBy(() -> ws(s, b -> b.userInfo("wsuser", "wrong").connectionTimeout(REFUSAL_WAIT)))
                .isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> ws(s, b -> b.connectionTimeout(REFUSAL_WAIT)))
                .isInstanceOf(AuthenticationException.class);
    }

    @Test
    void websocketTokenOverride() throws Exception {
        NatsServer s = wsServer(w -> w.withAuth(null, null, "s3cr3t", Duration.ofSeconds(1), null));
        Connection web = ws(s, b -> b.token("s3cr3t".toCharArray()));
        assertThat(web.getStatus()).isEqualTo(Connection.Status.CONNECTED);
        assertThatThrownBy(() -> ws(s, b -> b.token("nope".toCharArray()).connectionTimeout(REFUSAL_WAIT)))
                .isInstanceOf(AuthenticationException.class);
    }

    @Test
    void websocketNoAuthUserLogsInWebSocketClientsWithoutCredentials() throws Exception {
        NatsServer s = startServer(b -> b
                .users(List.of(new User("alice", "pa", null, null), new User("bob", "pb", null, null)))
                .websocket(WebSocketSettings.plain("127.0.0.1", -1).withAuth(null, null, null, null, "bob")));
        Connection web = ws(s, b -> b); // no credentials: logged in as bob
        assertThat(web.getStatus()).isEqualTo(Connection.Status.CONNECTED);
        Connection alice = ws(s, b -> b.userInfo("alice", "pa"));
        assertThat(alice.getStatus()).isEqualTo(Connection.Status.CONNECTED);
        // TCP clients have no no_auth_user: without credentials they are refused.
        assertThatThrownBy(() -> connect(s, b -> b.connectionTimeout(REFUSAL_WAIT)))
                .isInstanceOf(AuthenticationException.class);
        assertThat(connect(s, b -> b.userInfo("bob", "pb")).getStatus()).isEqualTo(Connection.Status.CONNECTED);
    }

    @Test
    void wssCarriesTheProtocolOverTls() throws Exception {
        io.jnatsd.testing.TestCertificates certs = io.jnatsd.testing.TestCertificates.create();
        io.jnatsd.testing.TestCertificates.Issued cert = certs.server();
        WebSocketSettings p = WebSocketSettings.plain("127.0.0.1", -1);
        WebSocketSettings withTls = new WebSocketSettings(p.host(), p.port(), null, false,
                new WebSocketTls(cert.certFile().toString(), cert.keyFile().toString(), null, false), false,
                List.of(), false, Duration.ZERO, null, null, null, null, null, null);
        NatsServer s = startServer(b -> b.websocket(withTls));
        assertThat(s.webSocketUrl()).startsWith("wss://");
        Connection web = ws(s, b -> b.sslContext(certs.clientContext(null)));
        Connection tcp = connect(s, b -> b);
        io.nats.client.Subscription sub = tcp.subscribe("over.wss");
        tcp.flush(WAIT);
        web.publish("over.wss", "secret".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        web.flush(WAIT);
        assertThat(new String(sub.nextMessage(WAIT).getData(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("secret");
    }

    @Test
    void websocketTlsWithAMissingCertificateFileIsAConfigError() {
        WebSocketSettings p = WebSocketSettings.plain("127.0.0.1", -1);
        WebSocketSettings withTls = new WebSocketSettings(p.host(), p.port(), null, false,
                new WebSocketTls("/nonexistent/cert.pem", "/nonexistent/key.pem", null, false), false, List.of(),
                false, Duration.ZERO, null, null, null, null, null, null);
        assertThatThrownBy(() -> startServer(b -> b.websocket(withTls)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("no such file or directory");
    }

    @Test
    void serverShutdownReachesWebSocketClients() throws Exception {
        NatsServer s = wsServer(w -> w);
        Connection web = ws(s, b -> b);
        assertThat(s.connectionCount()).isEqualTo(1);
        s.close();
        io.jnatsd.testing.Await.until(WAIT, "the websocket client sees the server go",
                () -> web.getStatus() == Connection.Status.CLOSED);
    }
}
