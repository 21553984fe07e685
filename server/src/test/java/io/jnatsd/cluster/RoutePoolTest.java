package io.jnatsd.cluster;

import io.jnatsd.NatsServer;
import io.jnatsd.testing.Await;
import io.jnatsd.testing.FreePorts;
import io.jnatsd.testing.JnatsClients;
import io.jnatsd.testing.ReferenceServer;
import io.jnatsd.testing.ServerPair;
import io.jnatsd.testing.TcpProxy;
import io.jnatsd.testing.TestClusters;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Route pooling (nats-server 2.10 {@code pool_size}) and dedicated account routes ({@code accounts}) between jnatsd
 * nodes: N connections per peer, each account's interest and messages on the connection its name hashes to,
 * per-account order under load, recovery of one cut pooled connection, and one plain route with a 2.9.10 peer.
 */
class RoutePoolTest {
    /** Pool indexes with 3 connections (FNV-1a): A, D -> 0; C, E -> 1; G -> 2. */
    private static final List<String> ACCOUNT_NAMES = List.of("A", "C", "D", "E", "G");
    private static final String ACCOUNTS = """
            accounts {
              A: { users: [ {user: a, password: a} ] }
              C: { users: [ {user: c, password: c} ] }
              D: { users: [ {user: d, password: d} ] }
              E: { users: [ {user: e, password: e} ] }
              G: { users: [ {user: g, password: g} ] }
            }
            """;
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final UnaryOperator<io.jnatsd.config.ServerOptions.Builder> LOAD = b -> ServerPair.load(ACCOUNTS, b);

    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
    }

    private <T extends AutoCloseable> T keep(T c) {
        closeables.add(c);
        return c;
    }

    private NatsServer node(int poolSize, List<String> accounts, String... routes) {
        return keep(TestClusters.pooledNode(poolSize, accounts, LOAD, routes));
    }

    private Connection as(NatsServer s, String account) throws Exception {
        String user = account.toLowerCase();
        return keep(JnatsClients.connect(s, o -> o.userInfo(user, user)));
    }

    private static void awaitConnections(int n, NatsServer... nodes) throws InterruptedException {
        for (NatsServer s : nodes) {
            Await.until(WAIT, s.serverName() + " has " + n + " route connections",
                    () -> s.cluster().routes().size() == n);
        }
    }

    private static RouteView byIndex(NatsServer s, int idx) {
        return s.cluster().routes().stream().filter(r -> r.poolIdx() == idx && r.account() == null).findFirst()
                .orElseThrow();
    }

    @Test
    void threeConnectionsPerPeerAndEachAccountOnTheOneItsNameHashesTo() throws Exception {
        NatsServer one = node(0, List.of()); // 0 = the default, 3
        NatsServer two = node(3, List.of(), TestClusters.routeUrl(one));
        awaitConnections(3, one, two);
        for (NatsServer s : List.of(one, two)) {
            assertThat(s.cluster().routes()).extracting(RouteView::poolIdx).containsExactlyInAnyOrder(0, 1, 2);
            assertThat(s.cluster().peerCount()).isEqualTo(1);
        }
        List<Subscription> subs = new ArrayList<>();
        for (String acc : ACCOUNT_NAMES) {
            Connection c = as(two, acc);
            subs.add(c.subscribe("pin." + acc));
            JnatsClients.flush(c);
        }
        TestClusters.awaitRemoteInterest(one, ACCOUNT_NAMES.size());
        for (String acc : ACCOUNT_NAMES) {
            int idx = RoutePool.indexOf(acc, 3);
            for (RouteView r : one.cluster().routes()) {
                assertThat(r.subjects().contains("pin." + acc)).as(acc + " on index " + r.poolIdx())
                        .isEqualTo(r.poolIdx() == idx);
            }
        }
        for (String acc : ACCOUNT_NAMES) {
            Connection p = as(one, acc);
            p.publish("pin." + acc, new byte[] {1});
            JnatsClients.flush(p);
        }
        for (Subscription s : subs) {
            assertThat(s.nextMessage(JnatsClients.WAIT)).isNotNull();
        }
        // One message per account, each on its pinned connection: A, D on 0; C, E on 1; G on 2.
        assertThat(byIndex(one, 0).outMsgs()).isEqualTo(2);
        assertThat(byIndex(one, 1).outMsgs()).isEqualTo(2);
        assertThat(byIndex(one, 2).outMsgs()).isEqualTo(1);
        assertThat(byIndex(two, 0).inMsgs()).isEqualTo(2);
        assertThat(byIndex(two, 2).inMsgs()).isEqualTo(1);
    }

    @Test
    void poolSizeOneIsOneConnection() throws Exception {
        NatsServer one = node(1, List.of());
        NatsServer two = node(1, List.of(), TestClusters.routeUrl(one));
        awaitConnections(1, one, two);
        Thread.sleep(300);
        assertThat(one.cluster().routes()).extracting(RouteView::poolIdx).containsExactly(0);
        assertThat(two.cluster().routes()).hasSize(1);
        assertThat(routeInfo(one)).contains("\"route_pool_size\":1");
    }

    @Test
    void poolingOffOnEitherSideIsOneRouteAsBefore() throws Exception {
        NatsServer one = node(-1, List.of("A"));
        NatsServer two = node(3, List.of(), TestClusters.routeUrl(one));
        awaitConnections(1, one, two);
        Thread.sleep(300);
        assertThat(one.cluster().routes()).hasSize(1);
        assertThat(two.cluster().routes()).extracting(RouteView::poolIdx).containsExactly(-1);
        assertThat(routeInfo(one)).doesNotContain("route_pool_size");
        assertThat(routeInfo(two)).contains("\"route_pool_size\":3");
        Connection sub = as(one, "G");
        Subscription s = sub.subscribe("all.on.one");
        JnatsClients.flush(sub);
        TestClusters.awaitRemoteInterest(two, 1);
        as(two, "G").publish("all.on.one", new byte[] {1});
        assertThat(s.nextMessage(JnatsClients.WAIT)).isNotNull();
    }

    /** The route INFO a server sends to whoever connects to its route port. */
    private static String routeInfo(NatsServer s) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), s.cluster().port())) {
            socket.setSoTimeout(5000);
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
        }
    }

    @Test
    void perAccountOrderHoldsUnderLoadAcrossThePool() throws Exception {
        NatsServer one = node(3, List.of());
        NatsServer two = node(3, List.of(), TestClusters.routeUrl(one));
        awaitConnections(3, one, two);
        int count = 5000;
        List<Subscription> subs = new ArrayList<>();
        for (String acc : ACCOUNT_NAMES) {
            Connection c = as(two, acc);
            subs.add(c.subscribe("seq"));
            JnatsClients.flush(c);
        }
        TestClusters.awaitRemoteInterest(one, ACCOUNT_NAMES.size());
        List<Thread> publishers = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (String acc : ACCOUNT_NAMES) {
            Connection p = as(one, acc);
            Thread t = new Thread(() -> {
                try {
                    for (int i = 0; i < count; i++) {
                        p.publish("seq", Integer.toString(i).getBytes(StandardCharsets.US_ASCII));
                    }
                    JnatsClients.flush(p);
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            publishers.add(t);
            t.start();
        }
        for (Thread t : publishers) {
            t.join();
        }
        assertThat(failure.get()).isNull();
        for (int a = 0; a < subs.size(); a++) {
            Subscription s = subs.get(a);
            for (int i = 0; i < count; i++) {
                Message m = s.nextMessage(JnatsClients.WAIT);
                assertThat(m).as(ACCOUNT_NAMES.get(a) + " message " + i).isNotNull();
                assertThat(new String(m.getData(), StandardCharsets.US_ASCII)).as(ACCOUNT_NAMES.get(a))
                        .isEqualTo(Integer.toString(i));
            }
        }
        Set<Integer> used = one.cluster().routes().stream().filter(r -> r.outMsgs() > 0).map(RouteView::poolIdx)
                .collect(Collectors.toSet());
        assertThat(used).containsExactlyInAnyOrder(0, 1, 2);
    }

    @Test
    void aListedAccountGetsItsOwnConnection() throws Exception {
        NatsServer one = node(2, List.of("A"));
        NatsServer two = node(2, List.of("A"), TestClusters.routeUrl(one));
        awaitConnections(3, one, two);
        for (NatsServer s : List.of(one, two)) {
            assertThat(s.cluster().routes()).extracting(RouteView::account).containsExactlyInAnyOrder("A", null,
                    null);
            assertThat(s.cluster().routes()).filteredOn(r -> "A".equals(r.account())).extracting(RouteView::poolIdx)
                    .containsExactly(-1);
        }
        Connection subA = as(two, "A");
        Subscription sa = subA.subscribe("own.a");
        JnatsClients.flush(subA);
        Connection subD = as(two, "D"); // index 0 of 2, on the pool like A would be without its own route
        Subscription sd = subD.subscribe("own.d");
        JnatsClients.flush(subD);
        TestClusters.awaitRemoteInterest(one, 2);
        RouteView dedicated = one.cluster().routes().stream().filter(r -> "A".equals(r.account())).findFirst()
                .orElseThrow();
        assertThat(dedicated.subjects()).containsExactly("own.a");
        assertThat(one.cluster().routes()).filteredOn(r -> r.account() == null)
                .allSatisfy(r -> assertThat(r.subjects()).doesNotContain("own.a"));
        as(one, "A").publish("own.a", new byte[] {1});
        as(one, "D").publish("own.d", new byte[] {1});
        assertThat(sa.nextMessage(JnatsClients.WAIT)).isNotNull();
        assertThat(sd.nextMessage(JnatsClients.WAIT)).isNotNull();
        Await.until(WAIT, "A's message went over A's route",
                () -> one.cluster().routes().stream().filter(r -> "A".equals(r.account())).findFirst()
                        .orElseThrow().outMsgs() == 1);
    }

    @Test
    void aCutPooledConnectionComesBackWithItsAccountsInterest() throws Exception {
        NatsServer one = node(3, List.of());
        TcpProxy proxy = keep(new TcpProxy(one.cluster().port()));
        NatsServer two = node(3, List.of(), "nats-route://127.0.0.1:" + proxy.port());
        awaitConnections(3, one, two);
        List<Subscription> onTwo = new ArrayList<>();
        for (String acc : ACCOUNT_NAMES) {
            Connection c = as(two, acc);
            onTwo.add(c.subscribe("fo"));
            JnatsClients.flush(c);
        }
        TestClusters.awaitRemoteInterest(one, ACCOUNT_NAMES.size());
        Set<Long> before = one.cluster().routes().stream().map(RouteView::rid).collect(Collectors.toSet());
        proxy.cut(1); // one of the pool's connections, not the first one opened
        Await.until(WAIT, "one lost a pooled connection", () -> !one.cluster().routes().stream()
                .map(RouteView::rid).collect(Collectors.toSet()).equals(before));
        awaitConnections(3, one, two);
        TestClusters.awaitRemoteInterest(one, ACCOUNT_NAMES.size());
        int replaced = one.cluster().routes().stream().filter(r -> !before.contains(r.rid())).findFirst()
                .orElseThrow().poolIdx();
        assertThat(one.cluster().routes()).extracting(RouteView::poolIdx).containsExactlyInAnyOrder(0, 1, 2);
        for (String acc : ACCOUNT_NAMES) {
            Connection p = as(one, acc);
            p.publish("fo", acc.getBytes(StandardCharsets.US_ASCII));
            JnatsClients.flush(p);
        }
        for (int i = 0; i < onTwo.size(); i++) {
            Message m = onTwo.get(i).nextMessage(JnatsClients.WAIT);
            assertThat(m).as(ACCOUNT_NAMES.get(i) + " after index " + replaced + " was cut").isNotNull();
        }
        assertThat(ACCOUNT_NAMES.stream().filter(a -> RoutePool.indexOf(a, 3) == replaced)).isNotEmpty();
    }

    @Test
    void threePooledNodesMeshAndDeliverEverywhereOnce() throws Exception {
        NatsServer a = node(3, List.of());
        NatsServer b = node(3, List.of(), TestClusters.routeUrl(a));
        NatsServer c = node(3, List.of(), TestClusters.routeUrl(a));
        TestClusters.awaitMesh(a, b, c);
        awaitConnections(6, a, b, c);
        List<Subscription> subs = new ArrayList<>();
        for (NatsServer s : List.of(b, c)) {
            for (String acc : ACCOUNT_NAMES) {
                Connection conn = as(s, acc);
                subs.add(conn.subscribe("mesh"));
                JnatsClients.flush(conn);
            }
        }
        TestClusters.awaitRemoteInterest(a, 2 * ACCOUNT_NAMES.size());
        for (String acc : ACCOUNT_NAMES) {
            as(a, acc).publish("mesh", new byte[] {1});
        }
        for (Subscription s : subs) {
            assertThat(s.nextMessage(JnatsClients.WAIT)).isNotNull();
            assertThat(s.nextMessage(Duration.ofMillis(100))).isNull();
        }
    }

    @Test
    void aNatsServer2910PeerGetsOneRoute() throws Exception {
        ReferenceServer.assumeAvailable();
        NatsServer j = node(3, List.of("A"));
        int goRoutePort = FreePorts.find();
        ReferenceServer go = keep(ReferenceServer.startWithConfig("cluster {\n  name: " + TestClusters.NAME
                + "\n  listen: 127.0.0.1:" + goRoutePort + "\n  routes: [\"" + TestClusters.routeUrl(j) + "\"]\n}\n"
                + ACCOUNTS));
        NatsServer j2 = node(3, List.of("A"), "nats-route://127.0.0.1:" + goRoutePort);
        Await.until(WAIT, "j routed to nats-server and j2", () -> j.cluster().peerCount() == 2);
        awaitConnections(5, j, j2); // 1 to nats-server, 3 pooled + 1 for A to the other jnatsd
        assertThat(j.cluster().routes()).filteredOn(r -> r.poolIdx() == -1 && r.account() == null).hasSize(1);
        Connection onGo = keep(io.nats.client.Nats.connect(new io.nats.client.Options.Builder()
                .server("nats://127.0.0.1:" + go.port()).userInfo("a", "a").build()));
        Subscription s = onGo.subscribe("to.go");
        onGo.flush(JnatsClients.WAIT);
        Connection p = as(j, "A");
        Await.until(WAIT, "interest from nats-server", () -> {
            try {
                p.publish("to.go", new byte[] {1});
                JnatsClients.flush(p);
                return s.nextMessage(Duration.ofMillis(200)) != null;
            } catch (Exception e) {
                return false;
            }
        });
        assertThat(go.logText()).doesNotContain("rror parsing");
    }

    @Test
    void theClusterBlockTakesPoolSizeAndAccounts() {
        io.jnatsd.config.ClusterSettings set = ServerPair.load(
                "cluster {\n  port: -1\n  pool_size: 5\n  accounts: [A, C]\n}\n" + ACCOUNTS,
                io.jnatsd.config.ServerOptions.builder()).build().cluster();
        assertThat(set.poolSize()).isEqualTo(5);
        assertThat(set.effectivePoolSize()).isEqualTo(5);
        assertThat(set.accounts()).containsExactly("A", "C");
        io.jnatsd.config.ClusterSettings off = ServerPair.load("cluster {\n  port: -1\n  pool_size: -1\n}\n",
                io.jnatsd.config.ServerOptions.builder()).build().cluster();
        assertThat(off.effectivePoolSize()).isZero();
        io.jnatsd.config.ClusterSettings dflt = ServerPair.load("cluster {\n  port: -1\n}\n",
                io.jnatsd.config.ServerOptions.builder()).build().cluster();
        assertThat(dflt.effectivePoolSize()).isEqualTo(3);
        assertThat(dflt.accounts()).isEmpty();
    }
}
