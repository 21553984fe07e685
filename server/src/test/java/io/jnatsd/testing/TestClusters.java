package io.jnatsd.testing;

import io.jnatsd.NatsServer;
import io.jnatsd.account.Account;
import io.jnatsd.config.ClusterSettings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import io.jnatsd.config.ServerOptions;

/** Starts jnatsd cluster nodes for tests (loopback, free client and route ports) and waits for routes and interest. */
public final class TestClusters {
    public static final String NAME = "test-cluster";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private TestClusters() {
    }

    /** A node of cluster {@value #NAME} with explicit routes to {@code seeds}. */
    public static NatsServer node(NatsServer... seeds) {
        return node(b -> b, seeds);
    }

    public static NatsServer node(UnaryOperator<ServerOptions.Builder> customize, NatsServer... seeds) {
        List<String> routes = new ArrayList<>();
        for (NatsServer s : seeds) {
            routes.add(routeUrl(s));
        }
        return TestServers.start(b -> customize.apply(
                b.cluster(new ClusterSettings(NAME, "127.0.0.1", -1, routes))));
    }

    /**
     * A node with route pooling ({@code pool_size}, -1 = off) and dedicated account routes, routed to these URLs;
     * {@code customize} runs after the cluster block is set (e.g. to load accounts).
     */
    public static NatsServer pooledNode(int poolSize, List<String> accounts,
            UnaryOperator<ServerOptions.Builder> customize, String... routeUrls) {
        return TestServers.start(b -> customize.apply(b.cluster(
                new ClusterSettings(NAME, "127.0.0.1", -1, List.of(routeUrls)).withPool(poolSize, accounts))));
    }

    /** A node of cluster {@value #NAME} with explicit routes to these URLs (e.g. a nats-server's route port). */
    public static NatsServer nodeRoutedTo(String... routeUrls) {
        return TestServers.start(b -> b.cluster(new ClusterSettings(NAME, "127.0.0.1", -1, List.of(routeUrls))));
    }

    /** A node of cluster {@value #NAME} whose routes are protected by {@code security}, routed to these URLs. */
    public static NatsServer securedNode(io.jnatsd.config.RouteSecurity security, String... routeUrls) {
        return TestServers.start(b -> b.cluster(new ClusterSettings(NAME, "127.0.0.1", -1, List.of(routeUrls))
                .withSecurity(security)));
    }

    /** The route URL of {@code s} with credentials ({@code nats-route://user:password@127.0.0.1:port}). */
    public static String routeUrl(NatsServer s, String user, String password) {
        return "nats-route://" + user + ":" + password + "@127.0.0.1:" + s.cluster().port();
    }

    public static String routeUrl(NatsServer s) {
        return "nats-route://127.0.0.1:" + s.cluster().port();
    }

    /** Waits until every node has a route to every other one. */
    public static void awaitMesh(NatsServer... nodes) throws InterruptedException {
        for (NatsServer n : nodes) {
            Await.until(WAIT, n.serverName() + " routed to " + (nodes.length - 1) + " peers",
                    () -> n.cluster().peerCount() == nodes.length - 1);
        }
    }

    /**
     * Waits until {@code node} knows at least {@code count} subscriptions of its peers (RS+ arrived), not counting
     * the system services the peers announce in {@code $SYS}.
     */
    public static void awaitRemoteInterest(NatsServer node, int count) throws InterruptedException {
        Await.until(WAIT, n(node) + " knows " + count + " remote subscriptions",
                () -> remoteClientInterest(node) >= count);
    }

    /** Waits until {@code node} knows exactly {@code count} subscriptions of its peers (RS- arrived), $SYS aside. */
    public static void awaitRemoteInterestExactly(NatsServer node, int count) throws InterruptedException {
        Await.until(WAIT, n(node) + " knows exactly " + count + " remote subscriptions",
                () -> remoteClientInterest(node) == count);
    }

    /** The peers' subscriptions {@code node} knows, without those in the default system account {@code $SYS}. */
    public static int remoteClientInterest(NatsServer node) {
        return node.cluster().remoteInterestCount() - node.cluster().remoteInterestCount(Account.SYSTEM);
    }

    private static String n(NatsServer s) {
        return s.serverName();
    }
}
