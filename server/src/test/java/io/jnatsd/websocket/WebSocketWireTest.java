package io.jnatsd.websocket;

import io.jnatsd.NatsServer;
import io.jnatsd.testing.RawClient;
import io.jnatsd.testing.RawWebSocket;
import io.jnatsd.testing.RawWebSocket.Frame;
import io.jnatsd.testing.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import static org.assertj.core.api.Assertions.assertThat;

/** The websocket listener on the wire: the upgrade and its refusals, frames in and out, close frames. */
@Timeout(30)
class WebSocketWireTest {
    private final List<AutoCloseable> open = new ArrayList<>();

    private NatsServer server(UnaryOperator<WebSocketSettings> customize) {
        NatsServer s = TestServers.start(b -> b.websocket(customize.apply(WebSocketSettings.plain("127.0.0.1", -1))));
        open.add(s);
        return s;
    }

    private RawWebSocket upgrade(NatsServer s, String headers) throws Exception {
        RawWebSocket ws = RawWebSocket.upgrade(s.webSocketPort(), headers);
        open.add(0, ws);
        return ws;
    }

    private RawClient tcp(NatsServer s) throws Exception {
        RawClient c = RawClient.connect(s.port());
        open.add(0, c);
        c.readInfo();
        c.send("CONNECT {\"verbose\":false}\r\n");
        return c;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    @Test
    void upgradeAnswerAndInfoInABinaryFrame() throws Exception {
        NatsServer s = server(w -> w);
        RawWebSocket ws = upgrade(s, "");
        assertThat(ws.response()).startsWith("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Accept: ").endsWith("\r\n\r\n");
        assertThat(ws.response()).doesNotContain("Sec-WebSocket-Extensions");
        Frame info = ws.readFrame();
        assertThat(info.opcode()).isEqualTo(RawWebSocket.OP_BINARY);
        assertThat(info.fin()).isTrue();
        assertThat(info.text()).startsWith("INFO {\"server_id\":\"" + s.serverId() + "\"")
                .contains("\"port\":" + s.port() + ",").contains("\"client_ip\":\"127.0.0.1\"").endsWith("} \r\n");
    }

    @Test
    void acceptKeyIsTheRfcExample() {
        assertThat(HandshakeReplies.acceptKey("dGhlIHNhbXBsZSBub25jZQ==")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    }

    @Test
    void aMessageSplitOverFramesAndWritesArrivesWhole() throws Exception {
        NatsServer s = server(w -> w);
        RawClient sub = tcp(s);
        sub.send("SUB split 1\r\nPING\r\n");
        assertThat(sub.readLine()).isEqualTo("PONG");

        RawWebSocket ws = upgrade(s, "");
        ws.readFrame(); // INFO
        ws.sendBinary("CONNECT {\"verbose\":false}\r\nPU");
        // One websocket message in three fragments (binary + continuations), the middle one cut between writes.
        byte[] first = RawWebSocket.frame(false, RawWebSocket.OP_BINARY, "B split 11\r\nhel".getBytes());
        byte[] middle = RawWebSocket.frame(false, RawWebSocket.OP_CONTINUATION, "lo wo".getBytes());
        byte[] last = RawWebSocket.frame(true, RawWebSocket.OP_CONTINUATION, "rld\r\nPING\r\n".getBytes());
        ws.sendRaw(first).sendRaw(java.util.Arrays.copyOf(middle, 4));
        Thread.sleep(50);
        ws.sendRaw(java.util.Arrays.copyOfRange(middle, 4, middle.length)).sendRaw(last);
        assertThat(ws.readUntil("PONG\r\n")).isEqualTo("PONG\r\n");

        assertThat(sub.readLine()).isEqualTo("MSG split 1 11");
        assertThat(sub.readLine()).isEqualTo("hello world");
    }

    @Test
    void textFramesCarryTheProtocolToo() throws Exception {
        NatsServer s = server(w -> w);
        RawWebSocket ws = upgrade(s, "");
        ws.readFrame();
        ws.sendFrame(true, RawWebSocket.OP_TEXT, "CONNECT {\"verbose\":false}\r\nSUB t 1\r\nPUB t 2\r\nhi\r\n"
                .getBytes());
        assertThat(ws.readUntil("hi\r\n")).isEqualTo("MSG t 1 2\r\nhi\r\n");
    }

    @Test
    void browsersGetFramesOfAtMost4KB() throws Exception {
        NatsServer s = server(w -> w);
        RawWebSocket browser = upgrade(s, "User-Agent: Mozilla/5.0 (X11; Linux x86_64)\r\n");
        RawWebSocket other = upgrade(s, "User-Agent: nats.ws-node\r\n");
        String payload = "b".repeat(10_000);
        String msg = "MSG big 1 10000\r\n" + payload + "\r\n";
        // One client after the other: with both publishing at once, the browser's third frame could also carry the
        // start of the other's message (it subscribes to "big" too).
        browser.readFrame();
        browser.sendBinary("CONNECT {\"verbose\":false}\r\nSUB big 1\r\nPUB big 10000\r\n" + payload + "\r\n");
        StringBuilder got = new StringBuilder();
        int frames = 0;
        while (got.length() < msg.length()) {
            Frame f = browser.readFrame();
            assertThat(f.payload().length).isLessThanOrEqualTo(4096);
            assertThat(f.fin()).isTrue();
            got.append(f.text());
            frames++;
        }
        assertThat(got.toString()).isEqualTo(msg);
        assertThat(frames).isEqualTo(3);
        other.readFrame();
        other.sendBinary("CONNECT {\"verbose\":false}\r\nSUB big 1\r\nPUB big 10000\r\n" + payload + "\r\n");
        assertThat(other.readFrame().text()).isEqualTo(msg); // one frame for non-browsers
    }

    @Test
    void noMaskingWhenTheClientAsksForIt() throws Exception {
        NatsServer s = server(w -> w);
        RawWebSocket ws = upgrade(s, "Nats-No-Masking: true\r\n");
        assertThat(ws.response()).endsWith("\r\nNats-No-Masking: true\r\n\r\n");
        ws.readFrame();
        byte[] text = "CONNECT {\"verbose\":false}\r\nPING\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] unmasked = new byte[2 + text.length];
        unmasked[0] = (byte) 0x82;
        unmasked[1] = (byte) text.length;
        System.arraycopy(text, 0, unmasked, 2, text.length);
        ws.sendRaw(unmasked);
        assertThat(ws.readUntil("PONG\r\n")).isEqualTo("PONG\r\n");
    }

    @Test
    void pingFramesAreAnsweredWithTheirPayload() throws Exception {
        NatsServer s = server(w -> w);
        RawWebSocket ws = upgrade(s, "");
        ws.readFrame();
        ws.sendFrame(true, RawWebSocket.OP_PING, "beat".getBytes());
        Frame pong = ws.readFrame();
        assertThat(pong.opcode()).isEqualTo(RawWebSocket.OP_PONG);
        assertThat(pong.text()).isEqualTo("beat");
    }

    @Test
    void clientCloseIsEchoedAndTheConnectionEnds() throws Exception {
        NatsServer s = server(w -> w);
        RawWebSocket ws = upgrade(s, "");
        ws.readFrame();
        ws.sendFrame(true, RawWebSocket.OP_CLOSE, new byte[] {0x03, (byte) 0xe8, 'b', 'y', 'e'});
        Frame close = ws.readFrame();
        assertThat(close.opcode()).isEqualTo(RawWebSocket.OP_CLOSE);
        assertThat(close.closeStatus()).isEqualTo(1000);
        assertThat(close.closeText()).isEqualTo("bye");
        assertThat(ws.closedWithin(2000)).isTrue();
    }

    @Test
    void refusedCredentialsGetErrThenACloseFrameWithPolicyViolation() throws Exception {
        NatsServer s = server(w -> w.withAuth("u", "p", null, null, null));
        RawWebSocket ws = upgrade(s, "");
        assertThat(ws.readFrame().text()).contains("\"auth_required\":true");
        ws.sendBinary("CONNECT {\"verbose\":false,\"user\":\"u\",\"pass\":\"bad\"}\r\n");
        assertThat(ws.readFrame().text()).isEqualTo("-ERR 'Authorization Violation'\r\n");
        Frame close = ws.readFrame();
        assertThat(close.opcode()).isEqualTo(RawWebSocket.OP_CLOSE);
        assertThat(close.closeStatus()).isEqualTo(1008);
        assertThat(close.closeText()).isEqualTo("Authentication Failure");
        assertThat(ws.closedWithin(2000)).isTrue();
    }

    @Test
    void theOverridesTimeoutIsTheAuthTimeoutOfWebSocketClients() throws Exception {
        NatsServer s = server(w -> w.withAuth("u", "p", null, Duration.ofMillis(300), null));
        RawWebSocket ws = upgrade(s, "");
        ws.readFrame();
        long start = System.nanoTime();
        assertThat(ws.readFrame().text()).isEqualTo("-ERR 'Authentication Timeout'\r\n");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1800));
        Frame close = ws.readFrame();
        assertThat(close.closeStatus()).isEqualTo(1008);
        assertThat(close.closeText()).isEqualTo("Authentication Timeout");
    }

    @Test
    void unmaskedClientFramesAreAProtocolError() throws Exception {
        NatsServer s = server(w -> w);
        RawWebSocket ws = upgrade(s, "");
        ws.readFrame();
        ws.sendRaw(new byte[] {(byte) 0x82, 0x04, 'P', 'I', 'N', 'G'});
        Frame close = ws.readFrame();
        assertThat(close.opcode()).isEqualTo(RawWebSocket.OP_CLOSE);
        assertThat(close.closeStatus()).isEqualTo(1002);
        assertThat(ws.closedWithin(2000)).isTrue();
    }

    @Test
    void sameOriginRefusesAnotherOriginWith403() throws Exception {
        NatsServer s = server(w -> w.withOrigins(true, List.of()));
        RawWebSocket bad = upgrade(s, "Origin: http://evil.example\r\n");
        assertThat(bad.status()).isEqualTo(403);
        assertThat(bad.response()).startsWith("HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "Sec-Websocket-Version: 13\r\nX-Content-Type-Options: nosniff\r\nDate: ")
                .endsWith("\r\nContent-Length: 10\r\n\r\nForbidden\n");
        assertThat(bad.closedWithin(2000)).isTrue();

        assertThat(upgrade(s, "Origin: http://127.0.0.1:" + s.webSocketPort() + "\r\n").status()).isEqualTo(101);
        assertThat(upgrade(s, "").status()).isEqualTo(101); // no Origin: not a browser, accepted
    }

    @Test
    void allowedOriginsNeedSchemeHostAndPort() throws Exception {
        NatsServer s = server(w -> w.withOrigins(false, List.of("https://app.example", "http://b.example:8080")));
        assertThat(upgrade(s, "Origin: https://app.example\r\n").status()).isEqualTo(101);
        assertThat(upgrade(s, "Origin: https://APP.example:443\r\n").status()).isEqualTo(101);
        assertThat(upgrade(s, "Origin: http://app.example\r\n").status()).isEqualTo(403);
        assertThat(upgrade(s, "Origin: http://b.example:8080\r\n").status()).isEqualTo(101);
        assertThat(upgrade(s, "Origin: http://b.example\r\n").status()).isEqualTo(403);
        assertThat(upgrade(s, "Origin: null\r\n").status()).isEqualTo(403);
    }

    @Test
    void malformedUpgradesAreRefusedAsNatsServerDoes() throws Exception {
        NatsServer s = server(w -> w);
        int port = s.webSocketPort();
        RawWebSocket post = RawWebSocket.open(port);
        open.add(0, post);
        assertThat(post.sendRequest("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"))
                .startsWith("HTTP/1.1 405 Method Not Allowed\r\n").endsWith("Method Not Allowed\n");
        RawWebSocket plain = RawWebSocket.open(port);
        open.add(0, plain);
        assertThat(plain.sendRequest("GET / HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 400 Bad Request\r\n");
        RawWebSocket noKey = RawWebSocket.open(port);
        open.add(0, noKey);
        assertThat(noKey.sendRequest("GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: keep-alive, "
                + "Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n")).startsWith("HTTP/1.1 400 Bad Request\r\n");
        RawWebSocket oldVersion = RawWebSocket.open(port);
        open.add(0, oldVersion);
        assertThat(oldVersion.sendRequest("GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + RawWebSocket.newKey() + "\r\nSec-WebSocket-Version: 8\r\n\r\n"))
                .startsWith("HTTP/1.1 400 Bad Request\r\n");
    }

    @Test
    void handshakeTimeoutDropsAConnectionThatNeverUpgrades() throws Exception {
        NatsServer s = server(w -> w.withHandshakeTimeout(Duration.ofMillis(300)));
        RawWebSocket idle = RawWebSocket.open(s.webSocketPort());
        open.add(0, idle);
        assertThat(idle.closedWithin(3000)).isTrue();
        assertThat(upgrade(s, "").status()).isEqualTo(101); // an upgrade in time is not affected
    }

    @Test
    void permessageDeflateBothWaysWhenEnabledAndOffered() throws Exception {
        NatsServer s = server(w -> w.withCompression(true));
        RawWebSocket ws = upgrade(s, "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n");
        assertThat(ws.response()).contains("\r\nSec-WebSocket-Extensions: permessage-deflate; "
                + "server_no_context_takeover; client_no_context_takeover\r\n");
        Frame info = ws.readFrame();
        assertThat(info.opcode()).isEqualTo(RawWebSocket.OP_BINARY);
        assertThat(info.compressed()).isTrue();
        assertThat(inflate(info.payload())).startsWith("INFO {");

        byte[] compressed = deflate("CONNECT {\"verbose\":false}\r\nSUB z 1\r\nPUB z 5\r\nzzzzz\r\nPING\r\n");
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.writeBytes(RawWebSocket.frame(true, RawWebSocket.OP_BINARY, compressed));
        byte[] bytes = f.toByteArray();
        bytes[0] |= 0x40; // RSV1: this message is compressed
        ws.sendRaw(bytes);
        StringBuilder got = new StringBuilder();
        while (!got.toString().contains("PONG")) {
            Frame next = ws.readFrame();
            assertThat(next.compressed()).as("64 bytes or less go uncompressed, as nats-server").isFalse();
            got.append(next.text());
        }
        assertThat(got.toString()).isEqualTo("MSG z 1 5\r\nzzzzz\r\nPONG\r\n");

        // A larger delivery is compressed again.
        String payload = "y".repeat(300);
        ws.sendBinary("PUB z 300\r\n" + payload + "\r\n");
        Frame big = ws.readFrame();
        assertThat(big.compressed()).isTrue();
        assertThat(inflate(big.payload())).isEqualTo("MSG z 1 300\r\n" + payload + "\r\n");
    }

    @Test
    void noCompressionWithoutTheOptionEvenIfOffered() throws Exception {
        NatsServer s = server(w -> w);
        RawWebSocket ws = upgrade(s, "Sec-WebSocket-Extensions: permessage-deflate\r\n");
        assertThat(ws.response()).doesNotContain("Sec-WebSocket-Extensions");
        assertThat(ws.readFrame().text()).startsWith("INFO {");
    }

    private static String inflate(byte[] payload) throws Exception {
        Inflater in = new Inflater(true);
        byte[] withTail = java.util.Arrays.copyOf(payload, payload.length + 4);
        withTail[payload.length + 2] = (byte) 0xff;
        withTail[payload.length + 3] = (byte) 0xff;
        in.setInput(withTail);
        byte[] out = new byte[64 * 1024];
        int n = in.inflate(out);
        in.end();
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    private static byte[] deflate(String text) {
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        d.setInput(text.getBytes(StandardCharsets.UTF_8));
        byte[] out = new byte[1024];
        int n = d.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
        d.end();
        return java.util.Arrays.copyOf(out, n - 4); // without the 00 00 ff ff tail (RFC 7692, 7.2.1)
    }
}
