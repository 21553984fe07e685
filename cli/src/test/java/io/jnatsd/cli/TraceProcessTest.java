package io.jnatsd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** -V: the protocol trace lines of a client's operations, whole, as nats-server 2.9.10 prints them. */
@Timeout(120)
class TraceProcessTest {
    private static final Duration STARTUP = Duration.ofSeconds(60);

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void clientOperationsAreTracedInNatsServersFormat() throws Exception {
        int port = freePort();
        try (JnatsdProcess jnatsd = JnatsdProcess.start("-a", "127.0.0.1", "-p", Integer.toString(port), "-V")) {
            assertThat(jnatsd.awaitErr(l -> l.endsWith("[INF] Server is ready"), STARTUP)).isNotNull();
            int clientPort;
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                socket.setSoTimeout(10_000);
                clientPort = socket.getLocalPort();
                BufferedReader in = new BufferedReader(
                        new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                assertThat(in.readLine()).startsWith("INFO ");
                socket.getOutputStream().write(("CONNECT {\"protocol\":1,\"lang\":\"java\",\"version\":\"2.24.0\","
                        + "\"verbose\":false}\r\nSUB foo q 1\r\nPUB foo 5\r\nhello\r\nUNSUB 1 5\r\nPING\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                String line = in.readLine();
                while (!"PONG".equals(line)) {
                    line = in.readLine();
                }
            }
            String client = Pattern.quote("[TRC] 127.0.0.1:" + clientPort + " - cid:") + "\\d+";
            String tagged = client + Pattern.quote(" - \"v2.24.0:java\" - ");
            expectLine(jnatsd, client + Pattern.quote(" - <<- [CONNECT {\"protocol\":1,\"lang\":\"java\","
                    + "\"version\":\"2.24.0\",\"verbose\":false}]"));
            expectLine(jnatsd, tagged + Pattern.quote("<<- [SUB foo q 1]"));
            expectLine(jnatsd, tagged + Pattern.quote("<<- [PUB foo 5]"));
            expectLine(jnatsd, tagged + Pattern.quote("<<- MSG_PAYLOAD: [\"hello\"]"));
            expectLine(jnatsd, tagged + Pattern.quote("->> [MSG foo 1 5]")); // the delivery to its own queue sub
            expectLine(jnatsd, tagged + Pattern.quote("<<- [UNSUB 1 5]"));
            expectLine(jnatsd, tagged + Pattern.quote("<<- [PING]"));
            expectLine(jnatsd, tagged + Pattern.quote("->> [PONG]"));
        }
    }

    /** Lines compared with nats-server 2.9.10 started with the same flags and sent the same bytes. */
    @Test
    void subscriptionEndsErrorsAndCutPayloadsAreTraced() throws Exception {
        int port = freePort();
        try (JnatsdProcess jnatsd = JnatsdProcess.start("-a", "127.0.0.1", "-p", Integer.toString(port), "-V",
                "--max_traced_msg_len", "5")) {
            assertThat(jnatsd.awaitErr(l -> l.endsWith("[INF] Server is ready"), STARTUP)).isNotNull();
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                socket.setSoTimeout(10_000);
                BufferedReader in = new BufferedReader(
                        new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                assertThat(in.readLine()).startsWith("INFO ");
                socket.getOutputStream().write(("CONNECT {\"verbose\":false}\r\nSUB foo 1\r\nUNSUB 1\r\n"
                        + "SUB foo 2\r\nUNSUB 2 1\r\nPUB foo 11\r\nhello world\r\nSUB a..b 3\r\nPING\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                String line = in.readLine();
                while (!"PONG".equals(line)) {
                    line = in.readLine();
                }
            }
            String client = Pattern.quote("[TRC] 127.0.0.1:") + "\\d+" + Pattern.quote(" - cid:") + "\\d+ - ";
            expectLine(jnatsd, client + Pattern.quote("<-> [DELSUB 1]"));
            expectLine(jnatsd, client + Pattern.quote("<<- MSG_PAYLOAD: [\"hello...\"]"));
            expectLine(jnatsd, client + Pattern.quote("<-> [DELSUB 2]")); // auto-unsubscribe reached its one message
            expectLine(jnatsd, client + Pattern.quote("->> [-ERR Invalid Subject]"));
        }
    }

    private static void expectLine(JnatsdProcess jnatsd, String regex) throws InterruptedException {
        Pattern line = Pattern.compile("\\[\\d+\\] \\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{6} " + regex);
        assertThat(jnatsd.awaitErr(l -> line.matcher(l).matches(), Duration.ofSeconds(10)))
                .as("%s in %s", regex, jnatsd.err()).isNotNull();
    }

    @Test
    void withoutTraceThereAreNoTraceLines() throws Exception {
        int port = freePort();
        try (JnatsdProcess jnatsd = JnatsdProcess.start("-a", "127.0.0.1", "-p", Integer.toString(port), "-D")) {
            assertThat(jnatsd.awaitErr(l -> l.endsWith("[INF] Server is ready"), STARTUP)).isNotNull();
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                socket.setSoTimeout(10_000);
                BufferedReader in = new BufferedReader(
                        new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                in.readLine();
                socket.getOutputStream().write("CONNECT {\"verbose\":false}\r\nSUB foo 1\r\nPING\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                assertThat(in.readLine()).isEqualTo("PONG");
            }
            assertThat(jnatsd.awaitErr(l -> l.contains("Client connection closed"), Duration.ofSeconds(10)))
                    .isNotNull();
            assertThat(jnatsd.err()).noneMatch(l -> l.contains("[TRC]"));
        }
    }
}
