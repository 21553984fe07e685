package io.jnatsd.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnatsd.testing.RawWebSocket;
import io.jnatsd.websocket.WebSocketSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Websocket clients in /connz (type "websocket") and the websocket block in /varz. */
@Timeout(30)
class WebSocketMonitoringTest {

    @Test
    void connzTellsWebSocketClientsFromTcpOnes() throws Exception {
        try (MonitoredServer m = MonitoredServer.start(b -> b.websocket(WebSocketSettings.plain("127.0.0.1", -1)));
             RawWebSocket ws = RawWebSocket.upgrade(m.server.webSocketPort(), "")) {
            ws.readFrame();
            ws.sendBinary("CONNECT {\"verbose\":false,\"name\":\"browser\"}\r\nPING\r\n");
            ws.readUntil("PONG");
            m.raw("{\"verbose\":false,\"name\":\"tcp\"}");

            JsonNode conns = m.http.json("/connz").get("connections");
            List<String> seen = new ArrayList<>();
            for (JsonNode c : conns) {
                assertThat(c.get("kind").asText()).isEqualTo("Client");
                seen.add(c.get("name").asText() + "=" + c.get("type").asText());
            }
            assertThat(seen).containsExactly("browser=websocket", "tcp=nats");
        }
    }

    @Test
    void varzShowsTheWebSocketBlockInNatsServerOrder() throws Exception {
        WebSocketSettings ws = WebSocketSettings.plain("127.0.0.1", -1)
                .withOrigins(true, List.of("http://a.example"))
                .withCompression(true)
                .withHandshakeTimeout(Duration.ofSeconds(3))
                .withAuth("u", "p", null, Duration.ofMillis(2500), null);
        try (MonitoredServer m = MonitoredServer.start(b -> b.websocket(ws))) {
            JsonNode w = m.http.json("/varz").get("websocket");
            List<String> keys = new ArrayList<>();
            w.fieldNames().forEachRemaining(keys::add);
            assertThat(keys).containsExactly("host", "port", "handshake_timeout", "auth_timeout", "no_tls",
                    "same_origin", "allowed_origins", "compression");
            assertThat(w.get("host").asText()).isEqualTo("127.0.0.1");
            assertThat(w.get("port").asInt()).isEqualTo(m.server.webSocketPort());
            assertThat(w.get("handshake_timeout").asLong()).isEqualTo(3_000_000_000L);
            assertThat(w.get("auth_timeout").asDouble()).isEqualTo(2.5);
        }
        try (MonitoredServer m = MonitoredServer.start()) {
            assertThat(m.http.json("/varz").get("websocket").isEmpty()).isTrue();
        }
    }
}
