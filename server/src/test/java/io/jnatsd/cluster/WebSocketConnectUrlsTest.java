package io.jnatsd.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jnatsd.NatsServer;
import io.jnatsd.testing.Await;
import io.jnatsd.testing.FreePorts;
import io.jnatsd.testing.ReferenceServer;
import io.jnatsd.testing.RawClient;
import io.jnatsd.testing.RawWebSocket;
import io.jnatsd.testing.TestClusters;
import io.jnatsd.websocket.WebSocketSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Websocket clients' connect_urls, as nats-server 2.9.10: the cluster's websocket URLs (own first), learned from the
 * peers' route INFO ({@code ws_connect_urls}), and sent again in an async INFO when a peer comes or goes.
 */
class WebSocketConnectUrlsTest {
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    private <T extends AutoCloseable> T keep(T c) {
        closing.add(c);
        return c;
    }

    private static NatsServer wsNode(NatsServer... seeds) {
        return TestClusters.node(b -> b.websocket(WebSocketSettings.plain("127.0.0.1", -1)), seeds);
    }

    private static List<String> urls(JsonNode info) {
        List<String> out = new ArrayList<>();
        info.path("connect_urls").forEach(u -> out.add(u.asText()));
        return out;
    }

    /** The next async INFO listing {@code count} URLs (INFOs on the way there skipped). */
    private static JsonNode nextInfoWith(RawWebSocket ws, int count) throws Exception {
        while (true) {
            for (String l : ws.readUntil("\r\n").split("\r\n")) {
                if (l.startsWith("INFO ") && urls(info(l)).size() == count) {
                    return info(l);
                }
            }
        }
    }

    private static JsonNode info(String line) throws Exception {
        assertThat(line).startsWith("INFO ");
        return new ObjectMapper().readTree(line.substring(5).trim());
    }

    @Test
    void websocketClientsGetTheClustersWebsocketUrls() throws Exception {
        NatsServer a = keep(wsNode());
        String aWs = "127.0.0.1:" + a.webSocketPort();
        // The route INFO carries this server's websocket URL for the peers.
        try (RawClient peer = RawClient.connect(a.cluster().port())) {
            JsonNode routeInfo = new ObjectMapper().readTree(peer.readInfo());
            assertThat(routeInfo.path("ws_connect_urls").get(0).asText()).isEqualTo(aWs);
        }
        RawWebSocket ws = keep(RawWebSocket.upgrade(a.webSocketPort(), ""));
        JsonNode first = info(ws.readFrame().text());
        assertThat(urls(first)).isEmpty(); // alone: nats-server sends none either
        ws.sendBinary("CONNECT {\"verbose\":false,\"protocol\":1}\r\nPING\r\n");
        ws.readUntil("PONG");

        NatsServer b = keep(wsNode(a));
        TestClusters.awaitMesh(a, b);
        String bWs = "127.0.0.1:" + b.webSocketPort();
        // b's routes come up before its websocket listener: an INFO without b's URL may come first.
        assertThat(urls(nextInfoWith(ws, 2))).containsExactly(aWs, bWs);

        RawWebSocket wsOnB = keep(RawWebSocket.upgrade(b.webSocketPort(), ""));
        assertThat(urls(info(wsOnB.readFrame().text()))).containsExactly(bWs, aWs);

        // Plain clients keep the client URLs.
        try (RawClient plain = RawClient.connect(a.port())) {
            assertThat(urls(new ObjectMapper().readTree(plain.readInfo())))
                    .containsExactly("127.0.0.1:" + a.port(), "127.0.0.1:" + b.port());
        }
        b.close();
        Await.until(Duration.ofSeconds(10), "a lost b", () -> a.cluster().routes().isEmpty());
        assertThat(urls(nextInfoWith(ws, 1))).containsExactly(aWs);
    }

    @Test
    void withANatsServerPeerBothWays() throws Exception {
        ReferenceServer.assumeAvailable();
        NatsServer j = keep(wsNode());
        int goWs = FreePorts.find();
        ReferenceServer go = keep(ReferenceServer.startWithConfig("websocket {\n  listen: \"127.0.0.1:" + goWs
                + "\"\n  no_tls: true\n}\ncluster {\n  name: " + TestClusters.NAME + "\n  listen: 127.0.0.1:"
                + FreePorts.find() + "\n  routes: [\"" + TestClusters.routeUrl(j) + "\"]\n}\n"));
        try {
            Await.until(Duration.ofSeconds(10), "routed", () -> j.cluster().routes().size() == 1);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; nats-server log:\n" + go.logText(), e);
        }
        String jWs = "127.0.0.1:" + j.webSocketPort();
        // The route counts once connected; the peer's INFO with its websocket URL may come a moment later.
        List<String> seen = new ArrayList<>();
        Await.until(Duration.ofSeconds(10), "nats-server's websocket URL in jnatsd's INFO, last " + seen, () -> {
            try (RawWebSocket onJ = RawWebSocket.upgrade(j.webSocketPort(), "")) {
                seen.clear();
                seen.addAll(urls(info(onJ.readFrame().text())));
                return seen.size() == 2;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(seen).containsExactly(jWs, "127.0.0.1:" + goWs);
        RawWebSocket onGo = keep(RawWebSocket.upgrade(goWs, ""));
        assertThat(urls(info(onGo.readFrame().text()))).contains(jWs);
    }
}
