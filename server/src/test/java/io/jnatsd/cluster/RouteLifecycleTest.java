package io.jnatsd.cluster;

import io.jnatsd.NatsServer;
import io.jnatsd.config.ClusterSettings;
import io.jnatsd.testing.Await;
import io.jnatsd.testing.FreePorts;
import io.jnatsd.testing.JnatsClients;
import io.jnatsd.testing.RawClient;
import io.jnatsd.testing.TestClusters;
import io.jnatsd.testing.TestServers;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Routes over time: a peer restarting, two servers routing to each other, a client failing over, a wrong port. */
@Timeout(60)
class RouteLifecycleTest {
    private static NatsServer nodeOnRoutePort(int routePort, List<String> routes) {
        return TestServers.start(b -> b.cluster(new ClusterSettings(TestClusters.NAME, "127.0.0.1", routePort,
                routes)));
    }

    @Test
    void theRouteComesBackWhenThePeerRestarts() throws Exception {
        int routePort = FreePorts.find();
        NatsServer a = nodeOnRoutePort(routePort, List.of());
        NatsServer b = TestClusters.nodeRoutedTo("nats-route://127.0.0.1:" + routePort);
        try {
            TestClusters.awaitMesh(a, b);
            a.close();
            Await.until(Duration.ofSeconds(5), "b noticed", () -> b.cluster().routes().isEmpty());
            a = nodeOnRoutePort(routePort, List.of());
            NatsServer restarted = a;
            Await.until(Duration.ofSeconds(10), "b reconnected to the restarted a",
                    () -> b.cluster().peerCount() == 1
                            && b.cluster().routes().get(0).remoteId().equals(restarted.serverId()));
            try (Connection ca = JnatsClients.connect(a); Connection cb = JnatsClients.connect(b)) {
                Subscription s = ca.subscribe("again");
                JnatsClients.flush(ca);
                TestClusters.awaitRemoteInterest(b, 1);
                cb.publish("again", new byte[] {1});
                assertThat(s.nextMessage(JnatsClients.WAIT)).isNotNull();
            }
        } finally {
            b.close();
            a.close();
        }
    }

    @Test
    void threeServersWithTheSameFullRouteListFormOneMesh() throws Exception {
        // The usual production config: every node lists every route, its own included.
        int[] ports = {FreePorts.find(), FreePorts.find(), FreePorts.find()};
        List<String> all = List.of("nats-route://127.0.0.1:" + ports[0], "nats-route://127.0.0.1:" + ports[1],
                "nats-route://127.0.0.1:" + ports[2]);
        NatsServer a = nodeOnRoutePort(ports[0], all);
        NatsServer b = nodeOnRoutePort(ports[1], all);
        NatsServer c = nodeOnRoutePort(ports[2], all);
        try (Connection ca = JnatsClients.connect(a); Connection cc = JnatsClients.connect(c)) {
            TestClusters.awaitMesh(a, b, c);
            Thread.sleep(500); // duplicates and routes to self settle
            assertThat(a.cluster().peerCount()).isEqualTo(2);
            assertThat(b.cluster().peerCount()).isEqualTo(2);
            assertThat(c.cluster().peerCount()).isEqualTo(2);
            Subscription s = cc.subscribe("full");
            JnatsClients.flush(cc);
            TestClusters.awaitRemoteInterest(a, 1);
            ca.publish("full", new byte[] {1});
            assertThat(s.nextMessage(JnatsClients.WAIT)).isNotNull();
            assertThat(s.nextMessage(Duration.ofMillis(300))).isNull();
        } finally {
            c.close();
            b.close();
            a.close();
        }
    }

    @Test
    void twoServersRoutingToEachOtherKeepOneRoute() throws Exception {
        int portA = FreePorts.find();
        int portB = FreePorts.find();
        NatsServer a = nodeOnRoutePort(portA, List.of("nats-route://127.0.0.1:" + portB));
        NatsServer b = nodeOnRoutePort(portB, List.of("nats-route://127.0.0.1:" + portA));
        try (Connection ca = JnatsClients.connect(a); Connection cb = JnatsClients.connect(b)) {
            TestClusters.awaitMesh(a, b);
            Thread.sleep(500); // let a duplicate settle
            // one connection per place of the pool (default 3), not one per direction
            assertThat(a.cluster().routes()).extracting(RouteView::poolIdx).containsExactlyInAnyOrder(0, 1, 2);
            assertThat(b.cluster().routes()).extracting(RouteView::poolIdx).containsExactlyInAnyOrder(0, 1, 2);
            Subscription s = cb.subscribe("dup");
            JnatsClients.flush(cb);
            TestClusters.awaitRemoteInterest(a, 1);
            for (int i = 0; i < 5; i++) {
                ca.publish("dup", new byte[] {(byte) i});
            }
            JnatsClients.flush(ca);
            for (int i = 0; i < 5; i++) {
                assertThat(s.nextMessage(JnatsClients.WAIT)).isNotNull();
            }
            assertThat(s.nextMessage(Duration.ofMillis(300))).as("each message once").isNull();
        } finally {
            b.close();
            a.close();
        }
    }

    @Test
    void aClientFailsOverToAServerItLearnedFromConnectUrls() throws Exception {
        NatsServer a = TestClusters.node();
        NatsServer b = TestClusters.node(a);
        try {
            TestClusters.awaitMesh(a, b);
            // Only a's URL is given: b's comes from INFO connect_urls.
            Connection nc = Nats.connect(new Options.Builder().server(a.clientUrl())
                    .connectionTimeout(JnatsClients.WAIT).reconnectWait(Duration.ofMillis(50))
                    .maxReconnects(60).build());
            try {
                Await.until(JnatsClients.WAIT, "client learned b", () -> nc.getServers().size() >= 2);
                Subscription s = nc.subscribe("after.failover");
                JnatsClients.flush(nc);
                a.close();
                Await.until(Duration.ofSeconds(10), "client reconnected to b",
                        () -> nc.getStatus() == Connection.Status.CONNECTED
                                && nc.getConnectedUrl() != null && nc.getConnectedUrl().contains(":" + b.port()));
                JnatsClients.flush(nc);
                try (Connection other = JnatsClients.connect(b)) {
                    other.publish("after.failover", new byte[] {1});
                    assertThat(s.nextMessage(JnatsClients.WAIT)).isNotNull();
                }
            } finally {
                nc.close();
            }
        } finally {
            b.close();
            a.close();
        }
    }

    @Test
    void aClientOnTheRoutePortIsTurnedAway() throws Exception {
        NatsServer a = TestClusters.node();
        try (RawClient c = RawClient.connect(a.cluster().port())) {
            assertThat(c.readInfo()).contains("\"cluster\":\"" + TestClusters.NAME + "\"");
            c.send("CONNECT {\"lang\":\"java\",\"verbose\":false}\r\n");
            assertThat(c.readLine()).isEqualTo("-ERR 'attempted to connect to route port'");
            assertThat(c.closedWithin(2000)).isTrue();
        } finally {
            a.close();
        }
    }

    @Test
    void aPeerInLameDuckModeLeavesTheClientsConnectUrls() throws Exception {
        NatsServer a = TestClusters.node();
        NatsServer b = TestClusters.node(a);
        try {
            TestClusters.awaitMesh(a, b);
            Await.until(Duration.ofSeconds(5), "a advertises b", () -> a.cluster().connectUrls().size() == 2);
            b.enterLameDuckMode();
            Await.until(Duration.ofSeconds(5), "a stopped advertising b",
                    () -> a.cluster().connectUrls().equals(List.of("127.0.0.1:" + a.port())));
        } finally {
            b.close();
            a.close();
        }
    }
}
