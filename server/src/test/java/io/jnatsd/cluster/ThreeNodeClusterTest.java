package io.jnatsd.cluster;

import io.jnatsd.NatsServer;
import io.jnatsd.testing.Await;
import io.jnatsd.testing.JnatsClients;
import io.jnatsd.testing.TestClusters;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three jnatsd nodes, B and C each with one seed route to A: gossip makes the full mesh; messages and queue groups
 * behave as on one server, and the cluster keeps working when a node leaves.
 */
class ThreeNodeClusterTest {
    private NatsServer a;
    private NatsServer b;
    private NatsServer c;
    private final List<Connection> connections = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        a = TestClusters.node();
        b = TestClusters.node(a);
        c = TestClusters.node(a);
        TestClusters.awaitMesh(a, b, c);
    }

    @AfterEach
    void stop() throws Exception {
        for (Connection nc : connections) {
            nc.close();
        }
        c.close();
        b.close();
        a.close();
    }

    private Connection connect(NatsServer s) throws Exception {
        Connection nc = JnatsClients.connect(s);
        connections.add(nc);
        return nc;
    }

    @Test
    void gossipCompletesTheMeshFromOneSeedRoute() {
        // B and C were told only about A; each now routes to the other as well.
        assertThat(b.cluster().routes()).extracting(RouteView::remoteId).contains(c.serverId());
        assertThat(c.cluster().routes()).extracting(RouteView::remoteId).contains(b.serverId());
        assertThat(a.cluster().routes().stream().map(RouteView::remoteId).distinct())
                .containsExactlyInAnyOrder(b.serverId(), c.serverId());
    }

    @Test
    void everySubscriberInTheClusterGetsAMessageOnce() throws Exception {
        Connection pa = connect(a);
        Connection sb = connect(b);
        Connection sc = connect(c);
        Subscription onB = sb.subscribe("news");
        Subscription onC = sc.subscribe("news");
        JnatsClients.flush(sb);
        JnatsClients.flush(sc);
        TestClusters.awaitRemoteInterest(a, 2);
        for (int i = 0; i < 10; i++) {
            pa.publish("news", ("m" + i).getBytes(StandardCharsets.UTF_8));
        }
        for (int i = 0; i < 10; i++) {
            assertThat(new String(onB.nextMessage(JnatsClients.WAIT).getData(), StandardCharsets.UTF_8))
                    .isEqualTo("m" + i);
            assertThat(new String(onC.nextMessage(JnatsClients.WAIT).getData(), StandardCharsets.UTF_8))
                    .isEqualTo("m" + i);
        }
        assertThat(onB.nextMessage(Duration.ofMillis(300))).isNull();
        assertThat(onC.nextMessage(Duration.ofMillis(300))).isNull();
    }

    @Test
    void queueGroupGetsEachMessageExactlyOnceClusterWide() throws Exception {
        Connection pa = connect(a);
        Connection sb = connect(b);
        Connection sc = connect(c);
        Subscription qb1 = sb.subscribe("work", "workers");
        Subscription qb2 = sb.subscribe("work", "workers");
        Subscription qc = sc.subscribe("work", "workers");
        JnatsClients.flush(sb);
        JnatsClients.flush(sc);
        TestClusters.awaitRemoteInterest(a, 2);
        int n = 200;
        for (int i = 0; i < n; i++) {
            pa.publish("work", new byte[] {(byte) i});
        }
        JnatsClients.flush(pa);
        Await.until(JnatsClients.WAIT, "all queue messages delivered",
                () -> qb1.getPendingMessageCount() + qb2.getPendingMessageCount() + qc.getPendingMessageCount() >= n);
        Thread.sleep(300); // room for a duplicate to show up
        long total = qb1.getPendingMessageCount() + qb2.getPendingMessageCount() + qc.getPendingMessageCount();
        assertThat(total).isEqualTo(n);
        // Both servers with members take a share.
        assertThat(qb1.getPendingMessageCount() + qb2.getPendingMessageCount()).isPositive();
        assertThat(qc.getPendingMessageCount()).isPositive();
    }

    @Test
    void aLocalQueueMemberIsPreferred() throws Exception {
        Connection ca = connect(a);
        Connection sb = connect(b);
        Subscription local = ca.subscribe("pref", "g");
        Subscription remote = sb.subscribe("pref", "g");
        JnatsClients.flush(ca);
        JnatsClients.flush(sb);
        TestClusters.awaitRemoteInterest(a, 1);
        for (int i = 0; i < 50; i++) {
            ca.publish("pref", new byte[0]);
        }
        JnatsClients.flush(ca);
        Await.until(JnatsClients.WAIT, "50 on the local member", () -> local.getPendingMessageCount() == 50);
        JnatsClients.flush(sb);
        assertThat(remote.getPendingMessageCount()).isZero();
    }

    @Test
    void plainAndQueueSubscribersOnOneRemoteServerShareOneRmsg() throws Exception {
        Connection pa = connect(a);
        Connection sb = connect(b);
        Subscription plain = sb.subscribe("mix");
        Subscription q = sb.subscribe("mix", "g");
        JnatsClients.flush(sb);
        TestClusters.awaitRemoteInterest(a, 2);
        pa.publish("mix", new byte[] {7});
        assertThat(plain.nextMessage(JnatsClients.WAIT)).isNotNull();
        assertThat(q.nextMessage(JnatsClients.WAIT)).isNotNull();
        long toB = a.cluster().routes().stream().filter(r -> r.remoteId().equals(b.serverId()))
                .mapToLong(RouteView::outMsgs).sum(); // over the pool's connections
        assertThat(toB).isEqualTo(1);
    }

    @Test
    void noRespondersAfterTheOnlyRemoteResponderLeaves() throws Exception {
        Connection ca = connect(a);
        Connection sc = connect(c);
        Subscription svc = sc.subscribe("svc.x");
        JnatsClients.flush(sc);
        TestClusters.awaitRemoteInterest(a, 1);
        var pending = ca.request("svc.x", new byte[0]);
        Message req = svc.nextMessage(JnatsClients.WAIT);
        sc.publish(req.getReplyTo(), "ok".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(pending.get(5, java.util.concurrent.TimeUnit.SECONDS).getData(),
                StandardCharsets.UTF_8)).isEqualTo("ok");
        svc.unsubscribe();
        JnatsClients.flush(sc);
        int inboxInterest = 0; // a's own inbox subscription is local, not remote
        TestClusters.awaitRemoteInterestExactly(a, inboxInterest);
        var none = ca.request("svc.x", new byte[0]);
        Throwable ex = org.assertj.core.api.Assertions.catchThrowable(
                () -> none.get(5, java.util.concurrent.TimeUnit.SECONDS));
        assertThat(ex).isInstanceOf(java.util.concurrent.CancellationException.class);
    }

    @Test
    void theRestContinuesWhenANodeCloses() throws Exception {
        Connection pa = connect(a);
        Connection sb = connect(b);
        Subscription onB = sb.subscribe("after");
        JnatsClients.flush(sb);
        TestClusters.awaitRemoteInterest(a, 1);
        c.close();
        Await.until(JnatsClients.WAIT, "a and b dropped their route to c",
                () -> a.cluster().peerCount() == 1 && b.cluster().peerCount() == 1);
        pa.publish("after", new byte[] {1});
        assertThat(onB.nextMessage(JnatsClients.WAIT)).isNotNull();
    }

    @Test
    void clientsLearnEveryServerOfTheCluster() throws Exception {
        Connection ca = connect(a);
        Await.until(JnatsClients.WAIT, "client knows 3 servers", () -> ca.getServers().size() >= 3);
        assertThat(ca.getServers()).anyMatch(u -> u.contains(":" + b.port()))
                .anyMatch(u -> u.contains(":" + c.port()));
    }
}
