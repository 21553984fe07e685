package io.jnatsd.websocket;

import io.jnatsd.NatsServer;
import io.jnatsd.testing.JnatsClients;
import io.jnatsd.testing.NodeJs;
import io.jnatsd.testing.TestServers;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.jnatsd.testing.JnatsClients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JavaScript websocket client (nats.ws, under node with the "ws" package as its WebSocket) against jnatsd,
 * exchanging messages, headers and requests with jnats over TCP. Compression is on: "ws" offers
 * permessage-deflate, so both directions are compressed.
 */
@Timeout(400) // the first run installs the npm package
class NodeWebSocketClientTest {

    @Test
    void natsWsUnderNodeTalksToJnatsOverTcp() throws Exception {
        NodeJs.assumeAvailable();
        Path dir = NodeJs.install(Path.of("src", "test", "js", "websocket"),
                Path.of("target", "js-websocket").toAbsolutePath());
        try (NatsServer s = TestServers.start(b -> b.websocket(WebSocketSettings.plain("127.0.0.1", -1)
                .withCompression(true)));
             Connection tcp = JnatsClients.connect(s)) {
            Subscription fromJs = tcp.subscribe("from.js");
            JnatsClients.flush(tcp);
            Process node = NodeJs.start(dir, "client.mjs", s.webSocketUrl());
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(),
                        StandardCharsets.UTF_8));
                String ready = CompletableFuture.supplyAsync(() -> readUntil(out, "READY"))
                        .get(30, TimeUnit.SECONDS);
                assertThat(ready).isEqualTo("READY " + s.serverId());

                Message hello = fromJs.nextMessage(WAIT);
                assertThat(hello).isNotNull();
                assertThat(new String(hello.getData(), StandardCharsets.UTF_8)).isEqualTo("hello from js");

                tcp.publish("to.js", "ping".getBytes(StandardCharsets.UTF_8));
                Message echo = fromJs.nextMessage(WAIT);
                assertThat(echo).isNotNull();
                assertThat(new String(echo.getData(), StandardCharsets.UTF_8)).isEqualTo("echo:ping");
                assertThat(echo.getHeaders().getFirst("X-Seen-By")).isEqualTo("node");

                byte[] big = "x".repeat(200_000).getBytes(StandardCharsets.UTF_8);
                Message reply = tcp.request("js.svc", big, WAIT);
                assertThat(reply).isNotNull();
                assertThat(reply.getData().length).isEqualTo(big.length + 3);

                tcp.publish("js.quit", null);
                assertThat(CompletableFuture.supplyAsync(() -> readUntil(out, "BYE")).get(30, TimeUnit.SECONDS))
                        .isEqualTo("BYE");
                assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(node.exitValue()).isZero();
            } finally {
                node.destroyForcibly();
            }
        }
    }

    /** The first line starting with {@code prefix}; earlier lines (node warnings) are echoed for diagnosis. */
    private static String readUntil(BufferedReader out, String prefix) {
        try {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith(prefix)) {
                    return line;
                }
                System.err.println("node: " + line);
            }
            throw new AssertionError("node exited before printing " + prefix);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
