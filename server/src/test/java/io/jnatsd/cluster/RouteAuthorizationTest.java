package io.jnatsd.cluster;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.jnatsd.NatsServer;
import io.jnatsd.config.RouteSecurity;
import io.jnatsd.testing.Await;
import io.jnatsd.testing.FreePorts;
import io.jnatsd.testing.JnatsClients;
import io.jnatsd.testing.RawClient;
import io.jnatsd.testing.ReferenceServer;
import io.jnatsd.testing.TestClusters;
import io.nats.client.Connection;
import io.nats.client.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code cluster { authorization { user, password, timeout } }}: routes log in with the credentials of their route
 * URL; a wrong or missing login is refused on the wire as nats-server 2.9.10 does ({@code -ERR 'Authorization
 * Violation'}, {@code -ERR 'Authentication Timeout'}), between jnatsd nodes and with nats-server both ways.
 */
class RouteAuthorizationTest {
    private static final String USER = "ruser";
    private static final String PASSWORD = "s3cr3t";
    private static final String PEER_ID = "NPEERPEERPEERPEERPEERPEERPEERPEERPEERPEERPEERPEERPEERPEE";

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

    private static RouteSecurity auth(String password, Duration timeout) {
        return RouteSecurity.NONE.withAuth(USER, password, timeout);
    }

    private NatsServer secured() {
        String bcrypt = BCrypt.withDefaults().hashToString(4, PASSWORD.toCharArray());
        return keep(TestClusters.securedNode(auth(bcrypt, Duration.ofMillis(500))));
    }

    @Test
    void aRouteWithTheRightCredentialsJoinsAndCarriesMessages() throws Exception {
        NatsServer a = secured();
        NatsServer b = keep(TestClusters.nodeRoutedTo(TestClusters.routeUrl(a, USER, PASSWORD)));
        TestClusters.awaitMesh(a, b);
        Connection onA = keep(JnatsClients.connect(a));
        Connection onB = keep(JnatsClients.connect(b));
        Subscription sub = onB.subscribe("auth.ok");
        JnatsClients.flush(onB);
        TestClusters.awaitRemoteInterest(a, 1);
        onA.publish("auth.ok", "hi".getBytes(StandardCharsets.UTF_8));
        assertThat(sub.nextMessage(JnatsClients.WAIT)).isNotNull();
    }

    @Test
    void gossipedRoutesLogInWithTheClustersOwnCredentials() throws Exception {
        RouteSecurity plain = auth(PASSWORD, null);
        NatsServer a = keep(TestClusters.securedNode(plain));
        NatsServer b = keep(TestClusters.securedNode(plain, TestClusters.routeUrl(a, USER, PASSWORD)));
        NatsServer c = keep(TestClusters.securedNode(plain, TestClusters.routeUrl(a, USER, PASSWORD)));
        TestClusters.awaitMesh(a, b, c); // b and c learnt each other from a, without credentials in the gossip
    }

    @Test
    void wrongOrMissingCredentialsAreRefusedAndRetried() throws Exception {
        NatsServer a = secured();
        NatsServer wrong = keep(TestClusters.nodeRoutedTo(TestClusters.routeUrl(a, USER, "nope")));
        NatsServer none = keep(TestClusters.nodeRoutedTo(TestClusters.routeUrl(a)));
        Thread.sleep(1500); // several attempts each (250 ms backoff)
        // The soliciting sides register a's INFO for the moment until a's -ERR closes it (nats-server does the same),
        // so only the accepting side is asserted on.
        assertThat(a.cluster().routes()).isEmpty();
        assertThat(wrong.cluster().routes()).allMatch(r -> r.remoteId().equals(a.serverId()));
        assertThat(none.cluster().routes()).allMatch(r -> r.remoteId().equals(a.serverId()));
    }

    @Test
    void theWireAnswersAsNatsServer() throws Exception {
        NatsServer a = secured();
        JsonNode info;
        try (RawClient peer = RawClient.connect(a.cluster().port())) {
            info = new ObjectMapper().readTree(peer.readInfo());
            peer.send("CONNECT {\"echo\":true,\"verbose\":false,\"pedantic\":false,\"tls_required\":false,"
                    + "\"name\":\"" + PEER_ID + "\",\"cluster\":\"" + TestClusters.NAME + "\"}\r\n");
            assertThat(peer.readLine()).isEqualTo("-ERR 'Authorization Violation'");
            assertThat(peer.closedWithin(2000)).isTrue();
        }
        assertThat(info.get("auth_required").asBoolean()).isTrue();
        try (RawClient peer = RawClient.connect(a.cluster().port())) {
            peer.readInfo();
            peer.send("CONNECT {\"user\":\"ruser\",\"pass\":\"wrong\",\"name\":\"" + PEER_ID + "\"}\r\n");
            assertThat(peer.readLine()).isEqualTo("-ERR 'Authorization Violation'");
            assertThat(peer.closedWithin(2000)).isTrue();
        }
        try (RawClient peer = RawClient.connect(a.cluster().port())) {
            peer.readInfo(); // and then nothing: the 500 ms auth timeout
            assertThat(peer.readLine()).isEqualTo("-ERR 'Authentication Timeout'");
            assertThat(peer.closedWithin(2000)).isTrue();
        }
        try (RawClient peer = RawClient.connect(a.cluster().port())) {
            peer.readInfo();
            peer.send("CONNECT {\"echo\":true,\"user\":\"ruser\",\"pass\":\"" + PASSWORD + "\",\"name\":\""
                    + PEER_ID + "\",\"cluster\":\"" + TestClusters.NAME + "\"}\r\nPING\r\n");
            assertThat(peer.readLine()).isEqualTo("PONG");
            Thread.sleep(700); // past the auth timeout: still open
            peer.send("PING\r\n");
            assertThat(peer.readLine()).isEqualTo("PONG");
        }
    }

    @Test
    void natsServerLogsInToJnatsdAndIsRefusedWithWrongCredentials() throws Exception {
        ReferenceServer.assumeAvailable();
        NatsServer a = secured();
        ReferenceServer good = keep(ReferenceServer.startWithConfig("cluster {\n  name: " + TestClusters.NAME
                + "\n  listen: 127.0.0.1:" + FreePorts.find() + "\n  routes: [\"" + TestClusters.routeUrl(a, USER,
                PASSWORD) + "\"]\n}\n"));
        Await.until(Duration.ofSeconds(10), "nats-server routed", () -> a.cluster().routes().size() == 1);
        ReferenceServer bad = keep(ReferenceServer.startWithConfig("cluster {\n  name: " + TestClusters.NAME
                + "\n  listen: 127.0.0.1:" + FreePorts.find() + "\n  routes: [\"" + TestClusters.routeUrl(a, USER,
                "bad") + "\"]\n}\n"));
        Await.until(Duration.ofSeconds(10), "nats-server saw the refusal",
                () -> bad.logText().contains("Route Error 'Authorization Violation'"));
        assertThat(a.cluster().routes()).hasSize(1);
        assertThat(good.logText()).doesNotContain("Authorization Violation");
    }

    @Test
    void jnatsdLogsInToNatsServer() throws Exception {
        ReferenceServer.assumeAvailable();
        int goRoutes = FreePorts.find();
        ReferenceServer go = keep(ReferenceServer.startWithConfig("cluster {\n  name: " + TestClusters.NAME
                + "\n  listen: 127.0.0.1:" + goRoutes + "\n  authorization { user: " + USER + ", password: "
                + PASSWORD + " }\n}\n"));
        NatsServer j = keep(TestClusters.nodeRoutedTo("nats-route://" + USER + ":" + PASSWORD + "@127.0.0.1:"
                + goRoutes));
        NatsServer wrong = keep(TestClusters.nodeRoutedTo("nats-route://" + USER + ":x@127.0.0.1:" + goRoutes));
        Await.until(Duration.ofSeconds(10), "jnatsd routed to nats-server", () -> j.cluster().routes().size() == 1);
        Connection onJ = keep(JnatsClients.connect(j));
        Connection onGo = keep(io.nats.client.Nats.connect("nats://127.0.0.1:" + go.port()));
        Subscription sub = onGo.subscribe("auth.go");
        JnatsClients.flush(onGo);
        Await.until(Duration.ofSeconds(10), "interest crossed", () -> {
            onJ.publish("auth.go", new byte[] {1});
            try {
                return sub.nextMessage(Duration.ofMillis(100)) != null;
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Await.until(Duration.ofSeconds(10), "nats-server refused the wrong login",
                () -> go.logText().contains("authentication error"));
        assertThat(wrong.cluster().routes()).isEmpty();
    }
}
