package io.jnatsd.integration;

import io.jnatsd.NatsServer;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.testing.FreePorts;
import io.jnatsd.testing.NKeyAuthHandler;
import io.jnatsd.testing.RawClient;
import io.jnatsd.testing.RawWebSocket;
import io.jnatsd.testing.ReferenceServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * allowed_connection_types of nkey and password users, given to nats-server 2.9.10 and to jnatsd with a websocket
 * listener: the same logins over TCP and over websocket must get the same first answer (PONG, or the -ERR).
 */
@Timeout(60)
class ConnectionTypesDifferentialTest {
    private static final Pattern NONCE = Pattern.compile("\"nonce\":\"([^\"]*)\"");
    private static final NKeyAuthHandler TCP_ONLY = NKeyAuthHandler.newUser();
    private static final NKeyAuthHandler WS_ONLY = NKeyAuthHandler.newUser();
    private static final NKeyAuthHandler MQTT_ONLY = NKeyAuthHandler.newUser();
    private static final NKeyAuthHandler ANY = NKeyAuthHandler.newUser();
    private static ReferenceServer reference;
    private static int referenceWs;
    private static NatsServer jnatsd;

    private static String config(int wsPort) {
        return "websocket { host: 127.0.0.1, port: " + wsPort + ", no_tls: true }\n"
                + "authorization { users = [\n"
                + "  { nkey: " + TCP_ONLY.publicKey() + ", allowed_connection_types: [\"STANDARD\"] }\n"
                + "  { nkey: " + WS_ONLY.publicKey() + ", allowed_connection_types: [\"WEBSOCKET\"] }\n"
                + "  { nkey: " + MQTT_ONLY.publicKey() + ", allowed_connection_types: [\"MQTT\", \"LEAFNODE\"] }\n"
                + "  { nkey: " + ANY.publicKey() + " }\n"
                + "  { user: bob, password: pw, connection_types: [\"websocket\"] }\n"
                + "  { user: carol, password: pw, allowed_connection_types: \"STANDARD\" }\n"
                + "] }\n";
    }

    @BeforeAll
    static void start() {
        ReferenceServer.assumeAvailable();
        referenceWs = FreePorts.find();
        reference = ReferenceServer.startWithConfig(config(referenceWs));
        int ws = FreePorts.find();
        jnatsd = NatsServer.start(PermissionsTest.load(config(ws), ServerOptions.builder().host("127.0.0.1").port(0))
                .build());
    }

    @AfterAll
    static void stop() {
        if (reference != null) {
            reference.close();
        }
        if (jnatsd != null) {
            jnatsd.close();
        }
    }

    @Test
    void tcpLoginsAnswerTheSame() throws IOException {
        for (String session : sessions()) {
            List<String> expected = tcp(reference.port(), session);
            assertThat(tcp(jnatsd.port(), session)).as(session).isEqualTo(expected);
        }
        assertThat(tcp(jnatsd.port(), sessions().get(0))).as("TCP_ONLY over TCP").containsExactly("+OK", "PONG");
        assertThat(tcp(jnatsd.port(), sessions().get(1))).as("WS_ONLY over TCP")
                .containsExactly("-ERR 'Authorization Violation'", "<closed>");
    }

    @Test
    void websocketLoginsAnswerTheSame() throws IOException {
        for (String session : sessions()) {
            String expected = ws(referenceWs, session);
            assertThat(ws(jnatsd.webSocketPort(), session)).as(session).isEqualTo(expected);
        }
        assertThat(ws(jnatsd.webSocketPort(), sessions().get(0))).as("TCP_ONLY over websocket")
                .isEqualTo("-ERR 'Authorization Violation'");
        assertThat(ws(jnatsd.webSocketPort(), sessions().get(1))).as("WS_ONLY over websocket").isEqualTo("+OK");
    }

    /** CONNECTs (with $SIG standing for the nonce signed by the session's key) followed by PING. */
    private static List<String> sessions() {
        return List.of(nkey(TCP_ONLY), nkey(WS_ONLY), nkey(MQTT_ONLY), nkey(ANY),
                "CONNECT {\"verbose\":true,\"user\":\"bob\",\"pass\":\"pw\"}\r\nPING\r\n",
                "CONNECT {\"verbose\":true,\"user\":\"carol\",\"pass\":\"pw\"}\r\nPING\r\n");
    }

    private static String nkey(NKeyAuthHandler k) {
        return "CONNECT {\"verbose\":true,\"nkey\":\"" + k.publicKey() + "\",\"sig\":\"$SIG\"}\r\nPING\r\n";
    }

    private static String signed(String session, String nonce) {
        for (NKeyAuthHandler k : List.of(TCP_ONLY, WS_ONLY, MQTT_ONLY, ANY)) {
            if (session.contains(k.publicKey())) {
                return session.replace("$SIG", k.signature(nonce));
            }
        }
        return session;
    }

    private static String nonceOf(String info) {
        Matcher m = NONCE.matcher(info);
        assertThat(m.find()).as("nonce in %s", info).isTrue();
        return m.group(1);
    }

    private static List<String> tcp(int port, String session) throws IOException {
        try (RawClient c = RawClient.connect(port)) {
            c.timeout(3000);
            c.send(signed(session, nonceOf(c.readInfo())));
            return c.linesUntilPongOrClose();
        }
    }

    /** The first line the server sends over websocket after the CONNECT ("<closed>" if it closes first). */
    private static String ws(int port, String session) throws IOException {
        try (RawWebSocket ws = RawWebSocket.upgrade(port, "")) {
            String info = ws.readUntil("\r\n");
            ws.sendBinary(signed(session, nonceOf(info)));
            try {
                String text = ws.readUntil("\r\n");
                return text.substring(0, text.indexOf("\r\n"));
            } catch (EOFException | SocketTimeoutException e) {
                return "<closed>";
            }
        }
    }
}
