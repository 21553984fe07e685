package io.jnatsd.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jnatsd.NatsServer;
import io.jnatsd.testing.RawClient;
import io.jnatsd.testing.ServerPair;
import io.jnatsd.testing.ReferenceServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * System account messages from nats-server 2.9.10 and jnatsd for the same config and the same client actions: the
 * JSON field names (recursively, in order) and the subjects must be the same; values differ (ids, times).
 */
class SystemAccountDifferentialTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ServerPair servers;
    private static ReferenceServer reference;
    private static NatsServer jnatsd;

    @BeforeAll
    static void start() {
        servers = ServerPair.withConfig(SystemAccountTest.CONFIG);
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
    void advisoriesHaveTheSameSubjectsAndFields() throws IOException {
        assertThat(advisories(jnatsd.port())).isEqualTo(advisories(reference.port()));
    }

    /** Subject and field-name outline of every advisory a connect and a disconnect in account A produce. */
    private static Map<String, String> advisories(int port) throws IOException {
        try (RawClient sys = login(port, "sys")) {
            sys.send("SUB $SYS.ACCOUNT.A.> 1\r\nSUB $SYS.SERVER.ACCOUNT.A.> 2\r\nPING\r\n");
            untilPong(sys);
            RawClient a = login(port, "a");
            a.send("PUB x 1\r\ny\r\nPING\r\n");
            untilPong(a);
            a.close();
            Map<String, String> out = new LinkedHashMap<>();
            for (int i = 0; i < 6; i++) {
                String[] msg = sys.readLineSkippingPings().split(" ");
                out.put(msg[1] + "#" + i, outline(JSON.readTree(sys.readLine())));
            }
            return out;
        }
    }

    @Test
    void requestAnswersHaveTheSameFields() throws IOException {
        assertThat(answers(jnatsd.port())).isEqualTo(answers(reference.port()));
    }

    private static List<String> answers(int port) throws IOException {
        List<String> out = new ArrayList<>();
        try (RawClient sys = login(port, "sys")) {
            sys.send("SUB _INBOX.x 9\r\nPING\r\n");
            untilPong(sys);
            for (String subject : new String[] {"$SYS.REQ.SERVER.PING", "$SYS.REQ.SERVER.PING.STATSZ",
                    "$SYS.REQ.SERVER.PING.HEALTHZ"}) {
                sys.send("PUB " + subject + " _INBOX.x 0\r\n\r\n");
                sys.readLineSkippingPings();
                out.add(subject + " " + outline(JSON.readTree(sys.readLine())));
            }
            for (String subject : new String[] {"$SYS.REQ.ACCOUNT.A.SUBSZ", "$SYS.REQ.ACCOUNT.A.CONNZ",
                    "$SYS.REQ.ACCOUNT.A.INFO", "$SYS.REQ.ACCOUNT.A.LEAFZ",
                    "$SYS.REQ.ACCOUNT.A.JSZ"}) {
                sys.send("PUB " + subject + " _INBOX.x 0\r\n\r\n");
                sys.readLineSkippingPings();
                out.add(subject + " " + outline(JSON.readTree(sys.readLine())));
            }
            try (RawClient a = login(port, "a")) {
                a.send("SUB _INBOX.a 1\r\nPUB $SYS.REQ.SERVER.PING.CONNZ _INBOX.a 0\r\n\r\n");
                a.readLineSkippingPings();
                out.add("A CONNZ " + outline(JSON.readTree(a.readLine())));
                a.send("PUB $SYS.REQ.ACCOUNT.PING.STATZ _INBOX.a 0\r\n\r\n");
                a.readLineSkippingPings();
                out.add("A STATZ " + outline(JSON.readTree(a.readLine())));
            }
            sys.send("PUB $SYS.REQ.SERVER.PING.VARZ _INBOX.x 0\r\n\r\n");
            sys.readLineSkippingPings();
            JsonNode varz = JSON.readTree(sys.readLine());
            out.add("VARZ " + fieldNames(varz) + " " + outline(varz.get("server")));
        }
        return out;
    }

    private static String outline(JsonNode n) {
        return io.jnatsd.testing.JsonOutline.of(n);
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static RawClient login(int port, String user) throws IOException {
        RawClient c = RawClient.connect(port);
        c.timeout(3000);
        c.readInfo();
        c.send("CONNECT {\"user\":\"" + user + "\",\"pass\":\"" + user + "\",\"verbose\":false,\"name\":\"n\","
                + "\"lang\":\"raw\",\"version\":\"1.0\",\"protocol\":1}\r\nPING\r\n");
        untilPong(c);
        return c;
    }

    private static void untilPong(RawClient c) throws IOException {
        for (String l = c.readLineSkippingPings(); !"PONG".equals(l); l = c.readLineSkippingPings()) {
            if (l == null) {
                throw new IOException("closed");
            }
        }
    }
}
