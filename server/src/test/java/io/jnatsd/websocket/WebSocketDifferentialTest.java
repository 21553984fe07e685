package io.jnatsd.websocket;

import io.jnatsd.NatsServer;
import io.jnatsd.testing.FreePorts;
import io.jnatsd.testing.RawWebSocket;
import io.jnatsd.testing.ReferenceServer;
import io.jnatsd.testing.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same upgrade requests to nats-server and to jnatsd, both with same_origin and an allowed origin: the HTTP
 * answers must match byte for byte (but for the Date header and the accept key's input), and so must the first
 * frame's header byte.
 */
@Timeout(60)
class WebSocketDifferentialTest {
    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    private ReferenceServer reference;
    private int referencePort;
    private NatsServer jnatsd;

    @BeforeEach
    void start() {
        ReferenceServer.assumeAvailable();
        referencePort = FreePorts.find();
        reference = ReferenceServer.startWithConfig("websocket { host: 127.0.0.1, port: " + referencePort
                + ", no_tls: true, same_origin: true, allowed_origins: [\"http://127.0.0.1:" + referencePort
                + "\"], compression: true }\n");
        int port = FreePorts.find(); // the allowed origin names it, so it is chosen before the start
        jnatsd = TestServers.start(b -> b.websocket(WebSocketSettings.plain("127.0.0.1", port)
                .withOrigins(true, List.of("http://127.0.0.1:" + port)).withCompression(true)));
    }

    @AfterEach
    void stop() {
        if (reference != null) {
            reference.close();
        }
        if (jnatsd != null) {
            jnatsd.close();
        }
    }

    @Test
    void refusalsAndUpgradesAnswerTheSame() throws Exception {
        List<String> requests = List.of(
                "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n",
                "GET / HTTP/1.1\r\nHost: h\r\n\r\n",
                "GET / HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\n\r\n",
                "GET / HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n",
                "GET / HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + KEY
                        + "\r\nSec-WebSocket-Version: 12\r\n\r\n",
                upgrade("Origin: http://evil.example\r\n"),
                upgrade("Origin: null\r\n"),
                upgrade("Origin: http://other.example:PORT\r\n"));
        for (String request : requests) {
            assertThat(answer(jnatsd.webSocketPort(), request))
                    .as("answer to %s", request)
                    .isEqualTo(answer(referencePort, request));
        }
    }

    @Test
    void acceptedUpgradesAnswerTheSame() throws Exception {
        for (String extra : List.of("", "Origin: http://127.0.0.1:PORT\r\n",
                "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n")) {
            String request = upgrade(extra);
            assertThat(answer(jnatsd.webSocketPort(), request)).as("answer to %s", request)
                    .isEqualTo(answer(referencePort, request)).startsWith("HTTP/1.1 101 ");
        }
    }

    private static String upgrade(String extraHeaders) {
        return "GET / HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + KEY + "\r\nSec-WebSocket-Version: 13\r\n" + extraHeaders + "\r\n";
    }

    /** The server's answer with PORT filled in for the request and taken out of the answer, Date blanked. */
    private static String answer(int port, String request) throws IOException {
        try (RawWebSocket ws = RawWebSocket.open(port)) {
            String text = ws.sendRequest(request.replace("PORT", Integer.toString(port)));
            return text.replaceAll("Date: [^\r]*\r\n", "Date: -\r\n");
        }
    }
}
