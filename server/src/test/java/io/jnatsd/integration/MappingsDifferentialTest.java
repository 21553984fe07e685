package io.jnatsd.integration;

import io.jnatsd.NatsServer;
import io.jnatsd.testing.RawClient;
import io.jnatsd.testing.ServerPair;
import io.jnatsd.testing.ReferenceServer;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.jnatsd.testing.JnatsClients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Subject mappings in the router, compared live with nats-server 2.9.10: top-level mappings of the global account,
 * an account's own mappings, and publish permissions checked against the mapped subject.
 */
class MappingsDifferentialTest {
    static final String CONFIG = """
            mappings {
              "w1.*": "bar.$1"
              "w2.*.*": "bar.$2.$1"
              "fw.>": "bar.>"
              "p2.*.*": "pp.{{partition(7,1,2)}}.{{wildcard(1)}}.{{wildcard(2)}}"
              "s1.*": "s.{{split(1,-)}}"
              "lit": "lit.mapped"
            }
            authorization { users: [ {user: g, password: g} ] }
            accounts {
              A: { users: [ {user: a, password: a}, {user: limited, password: l, permissions: {publish: "bar.>"}} ]
                   mappings: { "orders.*": "svc.orders.$1" } }
            }
            """;
    private static ServerPair servers;
    private static ReferenceServer reference;
    private static NatsServer jnatsd;

    @BeforeAll
    static void start() {
        servers = ServerPair.withConfig(CONFIG);
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
    void globalAccountMappings() throws IOException {
        String pubs = "PUB w1.a r 0\r\n\r\nPUB w1.a.b 0\r\n\r\nPUB w2.a.b 0\r\n\r\nPUB fw.x.y.z 0\r\n\r\n"
                + "PUB p2.k.v 0\r\n\r\nPUB p2.other.key 0\r\n\r\nPUB s1.a-b--c 0\r\n\r\nPUB lit 0\r\n\r\n"
                + "PUB plain 0\r\n\r\n";
        assertThat(deliveries(jnatsd.port(), "g", pubs)).isEqualTo(deliveries(reference.port(), "g", pubs))
                .contains("MSG bar.a 1 r 0", "MSG bar.b.a 1 0", "MSG lit.mapped 1 0", "MSG plain 1 0");
    }

    @Test
    void accountMappingsAndPermissionsOnTheMappedSubject() throws IOException {
        String pubs = "PUB orders.7 0\r\n\r\nPUB w1.a 0\r\n\r\n";
        assertThat(deliveries(jnatsd.port(), "a", pubs)).isEqualTo(deliveries(reference.port(), "a", pubs))
                .containsExactly("MSG svc.orders.7 1 0", "", "MSG w1.a 1 0", "");
        String limited = "PUB orders.7 0\r\n\r\nPUB bar.x 0\r\n\r\n";
        assertThat(publisherSees(jnatsd.port(), limited)).isEqualTo(publisherSees(reference.port(), limited))
                .containsExactly("-ERR 'Permissions Violation for Publish to \"svc.orders.7\"'");
    }

    @Test
    void jnatsSeesTheMappedSubject() throws Exception {
        try (Connection nc = io.jnatsd.testing.JnatsClients.connect(jnatsd, o -> o.userInfo("g", "g"))) {
            Subscription sub = nc.subscribe("bar.>");
            nc.flush(WAIT);
            nc.publish("w2.one.two", "x".getBytes(StandardCharsets.UTF_8));
            Message m = sub.nextMessage(WAIT);
            assertThat(m.getSubject()).isEqualTo("bar.two.one");
        }
    }

    /** What a subscriber on '>' receives (MSG lines and payload lines) when {@code pubs} are published. */
    private static List<String> deliveries(int port, String user, String pubs) throws IOException {
        try (RawClient sub = login(port, user); RawClient pub = login(port, user)) {
            untilPong(sub.send("SUB > 1\r\nPING\r\n"));
            untilPong(pub.send(pubs + "PING\r\n"));
            return untilPong(sub.send("PING\r\n"));
        }
    }

    private static List<String> publisherSees(int port, String pubs) throws IOException {
        try (RawClient pub = RawClient.connect(port)) {
            pub.timeout(3000);
            pub.readInfo();
            pub.send("CONNECT {\"user\":\"limited\",\"pass\":\"l\",\"verbose\":false}\r\n" + pubs + "PING\r\n");
            return untilPong(pub);
        }
    }

    private static RawClient login(int port, String user) throws IOException {
        RawClient c = RawClient.connect(port);
        c.timeout(3000);
        c.readInfo();
        untilPong(c.send("CONNECT {\"user\":\"" + user + "\",\"pass\":\"" + user + "\",\"verbose\":false}\r\n"
                + "PING\r\n"));
        return c;
    }

    private static List<String> untilPong(RawClient c) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String l = c.readLineSkippingPings(); l != null && !l.equals("PONG"); l = c.readLineSkippingPings()) {
            lines.add(l);
        }
        return lines;
    }
}
