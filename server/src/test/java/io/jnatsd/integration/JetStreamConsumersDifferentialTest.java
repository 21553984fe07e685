package io.jnatsd.integration;

import io.jnatsd.testing.JsonOutline;
import io.jnatsd.testing.JetStreamPair;
import io.jnatsd.testing.JsApiReplies;
import io.jnatsd.testing.RawClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same consumer session on a raw socket against nats-server 2.9.10 -js and jnatsd: API replies by field names
 * and error codes (JsonOutline), delivered messages' MSG lines with their {@code $JS.ACK} reply subjects (the
 * timestamp token masked), and the pull statuses (404, 408 with pending counts, 409, idle heartbeats) line by line.
 */
class JetStreamConsumersDifferentialTest {
    private static JetStreamPair servers;

    @BeforeAll
    static void start() throws IOException {
        servers = JetStreamPair.start("jsc");
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    @Test
    void samePullSessionAsNatsServer() throws IOException {
        assertThat(session(servers.jnatsd.port())).isEqualTo(session(servers.reference.port()));
    }

    private static List<String> session(int port) throws IOException {
        List<String> out = new ArrayList<>();
        try (RawClient c = JsApiReplies.open(port)) {
            c.send("SUB _I 2\r\nPING\r\n"); // deliveries
            c.readLineSkippingPings();
            api(c, out, "$JS.API.STREAM.CREATE.S", "{\"name\":\"S\",\"subjects\":[\"s.>\"]}");
            for (String s : new String[] {"s.a", "s.b", "s.a"}) {
                c.send("PUB " + s + " _R 2\r\nhi\r\n");
                c.readLineSkippingPings();
                c.readLine();
            }
            api(c, out, "$JS.API.CONSUMER.DURABLE.CREATE.S.P",
                    "{\"stream_name\":\"S\",\"config\":{\"durable_name\":\"P\",\"ack_policy\":\"explicit\"}}");
            api(c, out, "$JS.API.CONSUMER.CREATE.S.Q.s.a", "{\"stream_name\":\"S\",\"config\":{\"name\":\"Q\","
                    + "\"filter_subject\":\"s.a\",\"ack_policy\":\"explicit\"}}");
            api(c, out, "$JS.API.CONSUMER.CREATE.S.Q.s.b", "{\"stream_name\":\"S\",\"config\":{\"name\":\"Q\","
                    + "\"filter_subject\":\"s.a\",\"ack_policy\":\"explicit\"}}");
            api(c, out, "$JS.API.CONSUMER.DURABLE.CREATE.S.X",
                    "{\"stream_name\":\"S\",\"config\":{\"durable_name\":\"Y\",\"ack_policy\":\"explicit\"}}");
            api(c, out, "$JS.API.CONSUMER.DURABLE.CREATE.S.H", "{\"stream_name\":\"S\",\"config\":{"
                    + "\"durable_name\":\"H\",\"ack_policy\":\"explicit\",\"idle_heartbeat\":1000000000}}");

            List<String> acks = new ArrayList<>();
            pull(c, out, acks, "$JS.API.CONSUMER.MSG.NEXT.S.P", "{\"batch\":5,\"no_wait\":true}", 3, true);
            pull(c, out, acks, "$JS.API.CONSUMER.MSG.NEXT.S.P", "{\"batch\":5,\"no_wait\":true}", 0, true);
            c.send("PUB " + acks.get(0) + " _R 4\r\n+ACK\r\n"); // an ack with a reply is confirmed
            out.add(c.readLineSkippingPings().replace("  ", " ")); // the empty reply field, as below
            out.add(c.readLine());
            c.send("PUB " + acks.get(1) + " 4\r\n-NAK\r\n");
            pull(c, out, acks, "$JS.API.CONSUMER.MSG.NEXT.S.P", "{\"batch\":1}", 1, false);
            pull(c, out, acks, "$JS.API.CONSUMER.MSG.NEXT.S.P", "{\"batch\":3,\"expires\":600000000,"
                    + "\"idle_heartbeat\":250000000}", 0, true);
            api(c, out, "$JS.API.CONSUMER.INFO.S.P", "");
            pull(c, out, acks, "$JS.API.CONSUMER.MSG.NEXT.S.Q", "2", 2, false);

            api(c, out, "$JS.API.CONSUMER.DURABLE.CREATE.S.PU", "{\"stream_name\":\"S\",\"config\":{"
                    + "\"durable_name\":\"PU\",\"deliver_subject\":\"nobody.here\",\"ack_policy\":\"explicit\"}}");
            pull(c, out, acks, "$JS.API.CONSUMER.MSG.NEXT.S.PU", "", 0, true);
            api(c, out, "$JS.API.CONSUMER.NAMES.S", "");
            api(c, out, "$JS.API.CONSUMER.LIST.S", "");
            api(c, out, "$JS.API.CONSUMER.DELETE.S.Q", "");
            api(c, out, "$JS.API.CONSUMER.DELETE.S.Q", "");
            api(c, out, "$JS.API.CONSUMER.INFO.S.NOPE", "");
            api(c, out, "$JS.API.CONSUMER.INFO.NOPE.P", "");
            api(c, out, "$JS.API.STREAM.INFO.S", "");
        }
        return out;
    }

    @Test
    void samePullLimitStatusesAsNatsServer() throws IOException {
        assertThat(limits(servers.jnatsd.port())).isEqualTo(limits(servers.reference.port()));
    }

    private static List<String> limits(int port) throws IOException {
        List<String> out = new ArrayList<>();
        try (RawClient c = JsApiReplies.open(port)) {
            c.send("SUB _I 2\r\nPING\r\n"); // deliveries
            c.readLineSkippingPings();
            api(c, out, "$JS.API.STREAM.CREATE.L", "{\"name\":\"L\",\"subjects\":[\"l.>\"]}");
            c.send("PUB l.big _R 100\r\n" + "x".repeat(100) + "\r\n");
            c.readLineSkippingPings();
            c.readLine();
            api(c, out, "$JS.API.CONSUMER.DURABLE.CREATE.L.C", "{\"stream_name\":\"L\",\"config\":{"
                    + "\"durable_name\":\"C\",\"ack_policy\":\"explicit\",\"max_waiting\":1,\"max_batch\":5,"
                    + "\"max_expires\":2000000000,\"max_bytes\":1000}}");
            List<String> acks = new ArrayList<>();
            pull(c, out, acks, "$JS.API.CONSUMER.MSG.NEXT.L.C", "{\"batch\":6}", 0, true);
            pull(c, out, acks, "$JS.API.CONSUMER.MSG.NEXT.L.C", "{\"batch\":1,\"expires\":3000000000}", 0, true);
            pull(c, out, acks, "$JS.API.CONSUMER.MSG.NEXT.L.C", "{\"batch\":1,\"max_bytes\":2000}", 0, true);
            pull(c, out, acks, "$JS.API.CONSUMER.MSG.NEXT.L.C", "{\"batch\":1,\"max_bytes\":10}", 0, true);
            pull(c, out, acks, "$JS.API.CONSUMER.MSG.NEXT.L.C", "{\"batch\":2,\"no_wait\":true}", 1, true);

            api(c, out, "$JS.API.CONSUMER.DURABLE.CREATE.L.D", "{\"stream_name\":\"L\",\"config\":{"
                    + "\"durable_name\":\"D\",\"ack_policy\":\"explicit\",\"deliver_policy\":\"new\","
                    + "\"max_waiting\":1}}");
            String wait = "{\"batch\":1,\"expires\":5000000000}";
            c.send("SUB _J 3\r\nPUB $JS.API.CONSUMER.MSG.NEXT.L.D _J " + wait.length() + "\r\n" + wait + "\r\n");
            pull(c, out, acks, "$JS.API.CONSUMER.MSG.NEXT.L.D", wait, 0, true); // over max_waiting
            c.send("PUB $JS.API.CONSUMER.DELETE.L.D _R 0\r\n\r\n");
            String rest = c.drain(500);
            out.add("waiting request told: " + rest.contains("HMSG _J 3") + " "
                    + rest.contains("NATS/1.0 409 Consumer Deleted"));
        }
        return out;
    }

    @Test
    void sameAckNextAsNatsServer() throws IOException {
        assertThat(ackNext(servers.jnatsd.port())).isEqualTo(ackNext(servers.reference.port()));
    }

    /** +NXT acks and makes the ack's reply subject a pull request (empty = 1, a number, or JSON). */
    private static List<String> ackNext(int port) throws IOException {
        List<String> out = new ArrayList<>();
        try (RawClient c = JsApiReplies.open(port)) {
            c.send("SUB _I 2\r\nPING\r\n"); // deliveries
            c.readLineSkippingPings();
            api(c, out, "$JS.API.STREAM.CREATE.N", "{\"name\":\"N\",\"subjects\":[\"n.>\"]}");
            for (int i = 1; i <= 3; i++) {
                c.send("PUB n." + i + " _R 1\r\n" + i + "\r\n");
                c.readLineSkippingPings();
                c.readLine();
            }
            api(c, out, "$JS.API.CONSUMER.DURABLE.CREATE.N.C",
                    "{\"stream_name\":\"N\",\"config\":{\"durable_name\":\"C\",\"ack_policy\":\"explicit\"}}");
            List<String> acks = new ArrayList<>();
            pull(c, out, acks, "$JS.API.CONSUMER.MSG.NEXT.N.C", "", 1, false);
            pull(c, out, acks, acks.get(0), "+NXT", 1, false);
            pull(c, out, acks, acks.get(1), "+NXT 2", 1, false);
            pull(c, out, acks, acks.get(2), "+NXT {\"batch\":1,\"no_wait\":true}", 0, true);
            api(c, out, "$JS.API.CONSUMER.INFO.N.C", "");
        }
        return out;
    }

    /**
     * A pull request on reply {@code _I}: reads {@code messages} deliveries, then (with {@code status}) the status
     * that ends the request, after any idle heartbeats; normalized.
     */
    private static void pull(RawClient c, List<String> out, List<String> acks, String subject, String body,
            int messages, boolean status) throws IOException {
        c.send("PUB " + subject + " _I " + body.length() + "\r\n" + body + "\r\n");
        int got = 0;
        while (got < messages || status) {
            String l = c.readLineSkippingPings();
            if (l.startsWith("MSG ")) {
                String[] f = l.split(" ");
                acks.add(f[3]);
                String[] t = f[3].split("\\.");
                t[7] = "<ts>";
                out.add(f[0] + " " + f[1] + " " + f[2] + " " + String.join(".", t) + " " + f[4]);
                out.add(c.readLine());
                got++;
                continue;
            }
            // nats-server writes "HMSG _I 2  size size" (empty reply field); jnatsd "HMSG _I 2 size size"
            out.add(l.replace("  ", " "));
            boolean heartbeat = false;
            for (String h = c.readLine(); !h.isEmpty(); h = c.readLine()) {
                out.add(h);
                heartbeat |= h.startsWith("NATS/1.0 100");
            }
            c.readLine(); // the empty payload
            if (!heartbeat) {
                return;
            }
        }
    }

    private static void api(RawClient c, List<String> out, String subject, String body) throws IOException {
        JsApiReplies.call(c, out, subject, body);
    }
}
