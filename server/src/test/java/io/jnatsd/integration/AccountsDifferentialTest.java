package io.jnatsd.integration;

import io.jnatsd.NatsServer;
import io.jnatsd.testing.RawClient;
import io.jnatsd.testing.ServerPair;
import io.jnatsd.testing.ReferenceServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link AccountsTest#ACCOUNTS} given to nats-server 2.9.10 and to jnatsd: raw sessions of two accounts must see the
 * same lines. Random parts (the {@code _R_} reply subjects, the round-trip time in Nats-Request-Info and the sizes
 * that depend on its digits) are normalized before comparing.
 */
class AccountsDifferentialTest {
    private static final Pattern REPLY = Pattern.compile("_R_\\.\\S+");
    private static final Pattern RTT = Pattern.compile("\"rtt\":\\d+");
    private static final Pattern HMSG_SIZES = Pattern.compile("^(HMSG \\S+ \\S+ \\S+) \\d+ \\d+$");

    private static ServerPair servers;
    private static ReferenceServer reference;
    private static NatsServer jnatsd;

    @BeforeAll
    static void start() {
        servers = ServerPair.withConfig(AccountsTest.ACCOUNTS);
        reference = servers.reference;
        jnatsd = servers.jnatsd;
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    @Test
    void streamImportsAndIsolation() throws IOException {
        assertThat(streams(jnatsd.port())).isEqualTo(streams(reference.port()))
                .contains("MSG froma.pub.z.q 1 r.1 3", "MSG mine.z.q 2 r.1 3");
    }

    private static List<String> streams(int port) throws IOException {
        try (RawClient a = login(port, "a"); RawClient b = login(port, "b")) {
            untilPong(b.send("SUB froma.> 1\r\nSUB mine.> 2\r\nSUB pub.> 3\r\nSUB news 4\r\nPING\r\n"));
            untilPong(a.send("PUB pub.z.q r.1 3\r\nabc\r\nPUB feed.z.q r.1 3\r\nabc\r\nPUB news 1\r\nx\r\nPING\r\n"));
            return untilPong(b.send("PING\r\n"));
        }
    }

    @Test
    void serviceImportRequestAndSingletonResponse() throws IOException {
        assertThat(service(jnatsd.port())).isEqualTo(service(reference.port()))
                .contains("MSG _INBOX.r1 8 3", "res");
    }

    private static List<String> service(int port) throws IOException {
        List<String> seen = new ArrayList<>();
        try (RawClient a = login(port, "a"); RawClient b = login(port, "b")) {
            untilPong(a.send("SUB svc.> 1\r\nPING\r\n"));
            untilPong(b.send("SUB _INBOX.> 8\r\nPUB a.svc _INBOX.r1 2\r\nhi\r\nPING\r\n"));
            List<String> request = untilPong(a.send("PING\r\n"));
            seen.addAll(request);
            Matcher m = REPLY.matcher(String.join("\n", request));
            assertThat(m.find()).as("a reply subject in %s", request).isTrue();
            String reply = m.group();
            untilPong(a.send("PUB " + reply + " 3\r\nres\r\nPUB " + reply + " 4\r\nres2\r\nPING\r\n"));
            seen.addAll(untilPong(b.send("PING\r\n")));
        }
        return normalized(seen);
    }

    @Test
    void noNoRespondersThroughAnImportAndNoImportNoDelivery() throws IOException {
        assertThat(noResponders(jnatsd.port())).isEqualTo(noResponders(reference.port()))
                .containsExactly("HMSG _INBOX.r4 8 16 16", "NATS/1.0 503", "", "");
    }

    private static List<String> noResponders(int port) throws IOException {
        List<String> seen = new ArrayList<>();
        try (RawClient a = login(port, "a"); RawClient b = login(port, "b"); RawClient c = login(port, "c")) {
            untilPong(a.send("SUB priv 1\r\nPING\r\n"));
            untilPong(c.send("PUB priv 1\r\nc\r\nPING\r\n")); // C has no import of priv
            seen.addAll(untilPong(a.send("PING\r\n")));
            // Through the import: no 503 even without a responder; a subject nobody has: 503.
            seen.addAll(untilPong(b.send("SUB _INBOX.> 8\r\nPUB a.svc _INBOX.r3 0\r\n\r\n"
                    + "PUB nothing _INBOX.r4 0\r\n\r\nPING\r\n")));
        }
        return seen;
    }

    @Test
    void accountConnectionLimit() throws IOException {
        assertThat(secondConnection(jnatsd.port())).isEqualTo(secondConnection(reference.port()));
    }

    private static List<String> secondConnection(int port) throws IOException {
        try (RawClient first = login(port, "c"); RawClient second = RawClient.connect(port)) {
            second.timeout(3000);
            second.readInfo();
            second.send(connect("c") + "PING\r\n");
            List<String> lines = new ArrayList<>();
            for (String l = second.readLineSkippingPings(); l != null; l = second.readLineSkippingPings()) {
                lines.add(l);
                if (l.equals("PONG")) {
                    break;
                }
            }
            return lines;
        } catch (IOException e) {
            return List.of("<closed: " + e.getClass().getSimpleName() + ">");
        }
    }

    private static RawClient login(int port, String user) throws IOException {
        RawClient c = RawClient.connect(port);
        c.timeout(3000);
        c.readInfo();
        untilPong(c.send(connect(user) + "PING\r\n"));
        return c;
    }

    private static String connect(String user) {
        return "CONNECT {\"user\":\"" + user + "\",\"pass\":\"" + user
                + "\",\"verbose\":false,\"headers\":true,\"no_responders\":true,\"protocol\":1}\r\n";
    }

    private static List<String> untilPong(RawClient c) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String l = c.readLineSkippingPings(); l != null && !l.equals("PONG"); l = c.readLineSkippingPings()) {
            lines.add(l);
        }
        return lines;
    }

    private static List<String> normalized(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            String n = RTT.matcher(REPLY.matcher(l).replaceAll("_R_.*")).replaceAll("\"rtt\":N");
            Matcher h = HMSG_SIZES.matcher(n);
            out.add(h.matches() && n.contains("_R_") ? h.group(1) + " <sizes>" : n);
        }
        return out;
    }
}
