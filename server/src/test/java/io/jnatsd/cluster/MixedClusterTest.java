package io.jnatsd.cluster;

import io.jnatsd.NatsServer;
import io.jnatsd.testing.Await;
import io.jnatsd.testing.FreePorts;
import io.jnatsd.testing.JnatsClients;
import io.jnatsd.testing.ReferenceServer;
import io.jnatsd.testing.TestClusters;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.nats.client.impl.Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A mixed cluster: one jnatsd node and the reference nats-server (2.9.10) routed to each other, with jnats clients
 * on both. Skipped with a message when nats-server is not installed (failed under CI=true).
 */
class MixedClusterTest {
    private NatsServer j;
    private ReferenceServer go;
    private int goRoutePort;
    private final List<Connection> connections = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        ReferenceServer.assumeAvailable();
        j = TestClusters.node();
        goRoutePort = FreePorts.find();
        go = ReferenceServer.startWithConfig("cluster {\n  name: " + TestClusters.NAME + "\n  listen: 127.0.0.1:"
                + goRoutePort + "\n  routes: [\"" + TestClusters.routeUrl(j) + "\"]\n}\n");
        Await.until(Duration.ofSeconds(10), "jnatsd routed to nats-server", () -> j.cluster().routes().size() == 1);
    }

    @AfterEach
    void stop() throws Exception {
        for (Connection nc : connections) {
            nc.close();
        }
        if (go != null) {
            go.close();
        }
        if (j != null) {
            j.close();
        }
    }

    private Connection connect(String url) throws Exception {
        Connection nc = Nats.connect(new Options.Builder().server(url).connectionTimeout(JnatsClients.WAIT)
                .noReconnect().build());
        connections.add(nc);
        return nc;
    }

    private String goUrl() {
        return "nats://127.0.0.1:" + go.port();
    }

    /**
     * Waits until a subscription made on another server is known where {@code onJ} publishes, by a probe message
     * that must arrive (a count of remote interest would not do: nats-server announces its $SYS subscriptions).
     */
    private void awaitInterest(Connection onJ, Subscription goSub, String subject) throws Exception {
        Await.until(Duration.ofSeconds(10), "the interest in " + subject + " crossed", () -> {
            onJ.publish(subject, "probe".getBytes(StandardCharsets.UTF_8));
            try {
                return goSub.nextMessage(Duration.ofMillis(100)) != null;
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        while (goSub.nextMessage(Duration.ofMillis(200)) != null) {
            // drain the probes still under way
        }
    }

    @Test
    void gossipThroughNatsServerMeshesASecondJnatsdNode() throws Exception {
        // j2 knows only nats-server; nats-server tells j about j2 (and j2 about j): they route to each other.
        NatsServer j2 = TestClusters.nodeRoutedTo("nats-route://127.0.0.1:" + goRoutePort);
        try {
            Await.until(Duration.ofSeconds(10), "j and j2 both have 2 routes",
                    () -> j.cluster().peerCount() == 2 && j2.cluster().peerCount() == 2);
            assertThat(j.cluster().routes()).extracting(RouteView::remoteId).contains(j2.serverId());
            Connection onJ = connect(j.clientUrl());
            Connection onJ2 = connect(j2.clientUrl());
            Subscription s2 = onJ2.subscribe("via.mesh");
            JnatsClients.flush(onJ2);
            awaitInterest(onJ, s2, "via.mesh");
            onJ.publish("via.mesh", new byte[] {1});
            assertThat(s2.nextMessage(JnatsClients.WAIT)).isNotNull();
            assertThat(s2.nextMessage(Duration.ofMillis(300))).as("one copy, not one per path").isNull();
            assertThat(go.logText()).doesNotContain("Error").doesNotContain("rror parsing");
        } finally {
            j2.close();
        }
    }

    @Test
    void natsServerFollowsJnatsdsGossipToANewNode() throws Exception {
        // nats-server knows only j; j2 routes to j; j tells nats-server about j2, which connects to it.
        NatsServer j2 = TestClusters.node(j);
        try {
            Await.until(Duration.ofSeconds(10), "j2 routed to j and to nats-server",
                    () -> j2.cluster().peerCount() == 2);
            Connection onGo = connect(goUrl());
            Connection onJ2 = connect(j2.clientUrl());
            Subscription s = onGo.subscribe("from.j2");
            JnatsClients.flush(onGo);
            awaitInterest(onJ2, s, "from.j2");
            onJ2.publish("from.j2", new byte[] {1});
            assertThat(s.nextMessage(JnatsClients.WAIT)).isNotNull();
            assertThat(s.nextMessage(Duration.ofMillis(300))).isNull();
        } finally {
            j2.close();
        }
    }

    @Test
    void theRouteRegistersWithNatsServersIdentity() {
        RouteView r = j.cluster().routes().get(0);
        assertThat(r.remoteId()).startsWith("N").hasSize(56);
    }

    @Test
    void messagesCrossBothWays() throws Exception {
        Connection onJ = connect(j.clientUrl());
        Connection onGo = connect(goUrl());
        Subscription goSub = onGo.subscribe("mixed.to.go");
        JnatsClients.flush(onGo);
        awaitInterest(onJ, goSub, "mixed.to.go");
        Subscription jSub = onJ.subscribe("mixed.to.j");
        JnatsClients.flush(onJ);
        TestClusters.awaitRemoteInterest(j, 1);
        Await.until(Duration.ofSeconds(5), "nats-server learned jnatsd's interest", () -> {
            onGo.publish("mixed.to.j", "probe".getBytes(StandardCharsets.UTF_8));
            return jSub.getPendingMessageCount() > 0;
        });
        while (jSub.nextMessage(Duration.ofMillis(200)) != null) {
            // drain probes
        }
        onJ.publish("mixed.to.go", "hello-go".getBytes(StandardCharsets.UTF_8));
        onGo.publish("mixed.to.j", "hello-j".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(goSub.nextMessage(JnatsClients.WAIT).getData(), StandardCharsets.UTF_8))
                .isEqualTo("hello-go");
        assertThat(new String(jSub.nextMessage(JnatsClients.WAIT).getData(), StandardCharsets.UTF_8))
                .isEqualTo("hello-j");
        assertThat(goSub.nextMessage(Duration.ofMillis(300))).isNull();
        assertThat(jSub.nextMessage(Duration.ofMillis(300))).isNull();
    }

    @Test
    void requestReplyAndHeadersAcrossTheMixedRoute() throws Exception {
        Connection onJ = connect(j.clientUrl());
        Connection onGo = connect(goUrl());
        onGo.createDispatcher(m -> {
            Headers h = new Headers().add("Echo", m.getHeaders() == null ? "none" : m.getHeaders().getFirst("X"));
            onGo.publish(m.getReplyTo(), h, m.getData());
        }).subscribe("mixed.svc");
        JnatsClients.flush(onGo);
        Await.until(Duration.ofSeconds(10), "nats-server's service is reachable", () -> {
            try {
                return onJ.request("mixed.svc", new byte[0], Duration.ofMillis(300)) != null;
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Headers h = new Headers().add("X", "42");
        Message reply = onJ.request(io.nats.client.impl.NatsMessage.builder().subject("mixed.svc").headers(h)
                .data("ping".getBytes(StandardCharsets.UTF_8)).build(), JnatsClients.WAIT);
        assertThat(reply).isNotNull();
        assertThat(new String(reply.getData(), StandardCharsets.UTF_8)).isEqualTo("ping");
        assertThat(reply.getHeaders().getFirst("Echo")).isEqualTo("42");
    }

    @Test
    void queueGroupAcrossJnatsdAndNatsServerGetsEachMessageOnce() throws Exception {
        Connection onGo = connect(goUrl());
        Connection pubJ = connect(j.clientUrl());
        Subscription qGo = onGo.subscribe("mixed.q", "grp");
        JnatsClients.flush(onGo);
        // No local member on jnatsd: every message goes over the route as "RMSG $G mixed.q | grp".
        awaitInterest(pubJ, qGo, "mixed.q");
        for (int i = 0; i < 50; i++) {
            pubJ.publish("mixed.q", new byte[] {1});
        }
        JnatsClients.flush(pubJ);
        Await.until(JnatsClients.WAIT, "50 on nats-server's member", () -> qGo.getPendingMessageCount() >= 50);
        Thread.sleep(300);
        assertThat(qGo.getPendingMessageCount()).isEqualTo(50);
        // A local member now: jnatsd prefers it, nats-server's member gets nothing more.
        Subscription qJ = pubJ.subscribe("mixed.q", "grp");
        JnatsClients.flush(pubJ);
        for (int i = 0; i < 20; i++) {
            pubJ.publish("mixed.q", new byte[] {2});
        }
        JnatsClients.flush(pubJ);
        Await.until(JnatsClients.WAIT, "20 on jnatsd's member", () -> qJ.getPendingMessageCount() == 20);
        JnatsClients.flush(onGo);
        assertThat(qGo.getPendingMessageCount()).isEqualTo(50);
    }

    @Test
    void queueMessagesFromNatsServerReachAJnatsdMember() throws Exception {
        Connection onJ = connect(j.clientUrl());
        Connection pubGo = connect(goUrl());
        Subscription qJ = onJ.subscribe("mixed.q2", "grp");
        JnatsClients.flush(onJ);
        Await.until(Duration.ofSeconds(10), "nats-server learned jnatsd's queue member", () -> {
            pubGo.publish("mixed.q2", new byte[] {0});
            try {
                return qJ.nextMessage(Duration.ofMillis(100)) != null;
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        while (qJ.nextMessage(Duration.ofMillis(200)) != null) {
            // drain probes
        }
        for (int i = 0; i < 30; i++) {
            pubGo.publish("mixed.q2", new byte[] {1});
        }
        JnatsClients.flush(pubGo);
        Await.until(JnatsClients.WAIT, "30 on jnatsd's member", () -> qJ.getPendingMessageCount() >= 30);
        Thread.sleep(300);
        assertThat(qJ.getPendingMessageCount()).isEqualTo(30);
    }

    @Test
    void clientsOfJnatsdLearnNatsServersUrl() throws Exception {
        Connection onJ = connect(j.clientUrl());
        Await.until(JnatsClients.WAIT, "connect_urls include nats-server",
                () -> onJ.getServers().stream().anyMatch(u -> u.contains(":" + go.port())));
    }
}
