package io.jnatsd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jnatsd.testing.Await;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;
import io.nats.client.Options;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three bin/jnatsd processes in a full mesh with jnats clients across them (plain subscribers, a queue group, a
 * publisher). One node is killed with SIGKILL: its clients fail over to the others through the connect_urls they
 * learned, their subscriptions resume and the rest keep routing. Restarted on the same ports, the node rejoins the
 * mesh (/routez on every node) and carries traffic again. Every step waits on a condition, with generous limits for
 * a loaded two-core machine.
 */
@Timeout(300)
class ClusterFailoverProcessTest {
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Duration CONVERGE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Node[] nodes = new Node[3];
    private final List<Connection> clients = new ArrayList<>();

    /** One cluster member: fixed ports, so a restart comes back where its peers and clients look for it. */
    private static final class Node {
        final String name;
        final int clientPort;
        final int routePort;
        final int httpPort;
        JnatsdProcess process;

        Node(String name) throws IOException {
            this.name = name;
            this.clientPort = freePort();
            this.routePort = freePort();
            this.httpPort = freePort();
        }

        String url() {
            return "nats://127.0.0.1:" + clientPort;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void start(int i) throws Exception {
        Node n = nodes[i];
        List<String> routes = new ArrayList<>();
        for (Node other : nodes) {
            if (other != n) {
                routes.add("nats://127.0.0.1:" + other.routePort);
            }
        }
        n.process = JnatsdProcess.start("-a", "127.0.0.1", "-p", Integer.toString(n.clientPort), "-m",
                Integer.toString(n.httpPort), "-n", n.name, "--cluster", "nats://127.0.0.1:" + n.routePort,
                "--cluster_name", "failover", "--routes", String.join(",", routes));
        assertThat(n.process.awaitErr(l -> l.endsWith("[INF] Server is ready"), STARTUP))
                .as("%s stderr: %s", n.name, n.process.err()).isNotNull();
    }

    @AfterEach
    void stop() throws Exception {
        for (Connection c : clients) {
            c.close();
        }
        for (Node n : nodes) {
            if (n != null && n.process != null) {
                n.process.close();
            }
        }
    }

    private static JsonNode routez(Node n) {
        try {
            HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + n.httpPort + "/routez")
                    .openConnection();
            c.setConnectTimeout(2000);
            c.setReadTimeout(5000);
            try (InputStream in = c.getInputStream()) {
                return JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            return null; // not up (yet)
        }
    }

    /** Every node's /routez lists the other two (by their current server ids), once each. */
    private void awaitFullMesh() throws InterruptedException {
        Map<Node, String> ids = new java.util.HashMap<>();
        for (Node n : nodes) {
            Await.until(CONVERGE, n.name + " serves /routez", () -> {
                JsonNode r = routez(n);
                if (r != null) {
                    ids.put(n, r.path("server_id").asText());
                }
                return r != null;
            });
        }
        for (Node n : nodes) {
            Set<String> expected = new HashSet<>();
            for (Node other : nodes) {
                if (other != n) {
                    expected.add(ids.get(other));
                }
            }
            Await.until(CONVERGE, n.name + " routes to the two others", () -> {
                JsonNode r = routez(n);
                if (r == null) {
                    return false;
                }
                // num_routes counts connections: 3 per peer with the default route pool
                Set<String> peers = new HashSet<>();
                r.path("routes").forEach(route -> peers.add(route.path("remote_id").asText()));
                return peers.equals(expected);
            });
        }
    }

    private Connection client(Node n, String name) throws Exception {
        // Only this node's URL: the others must come from the connect_urls the server sends.
        Connection c = Nats.connect(new Options.Builder().server(n.url()).connectionName(name)
                .connectionTimeout(Duration.ofSeconds(10)).reconnectWait(Duration.ofMillis(250))
                .maxReconnects(-1).pingInterval(Duration.ofSeconds(2)).build());
        clients.add(c);
        return c;
    }

    /** Counts what a subscriber received, by payload, so duplicates show. */
    private static final class Received {
        final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

        void add(byte[] data) {
            String payload = new String(data, StandardCharsets.UTF_8);
            counts.computeIfAbsent(payload, k -> new AtomicInteger()).incrementAndGet();
        }

        boolean has(String payload) {
            return counts.containsKey(payload);
        }

        int of(String payload) {
            AtomicInteger n = counts.get(payload);
            return n == null ? 0 : n.get();
        }
    }

    /**
     * Publishes {@code tag}-numbered messages until {@code until} holds (interest may still be crossing routes),
     * returning how many were sent.
     */
    private static int publishUntil(Connection pub, String subject, String tag, BooleanSupplier until)
            throws InterruptedException {
        int[] sent = {0};
        Await.until(CONVERGE, subject + " " + tag + " arrives", () -> {
            pub.publish(subject, (tag + "-probe-" + sent[0]++).getBytes(StandardCharsets.UTF_8));
            try {
                pub.flush(Duration.ofSeconds(2));
                Thread.sleep(50);
            } catch (Exception e) {
                return false; // reconnecting: try again
            }
            return until.getAsBoolean();
        });
        return sent[0];
    }

    /** A batch after convergence: every plain subscriber gets each message once, the queue group each once in all. */
    private static void batchDeliveredExactlyOnce(Connection pub, String tag, List<Received> plain,
            List<Received> queue) throws Exception {
        int n = 50;
        for (int i = 0; i < n; i++) {
            byte[] data = (tag + "-" + i).getBytes(StandardCharsets.UTF_8);
            pub.publish("fo.all", data);
            pub.publish("fo.work", data);
        }
        pub.flush(Duration.ofSeconds(10));
        Await.until(CONVERGE, tag + " batch delivered", () -> {
            for (int i = 0; i < n; i++) {
                String p = tag + "-" + i;
                for (Received r : plain) {
                    if (!r.has(p)) {
                        return false;
                    }
                }
                if (queue.stream().mapToInt(r -> r.of(p)).sum() < 1) {
                    return false;
                }
            }
            return true;
        });
        Thread.sleep(500); // a late duplicate would show now
        for (int i = 0; i < n; i++) {
            String p = tag + "-" + i;
            for (Received r : plain) {
                assertThat(r.of(p)).as("plain copies of %s", p).isEqualTo(1);
            }
            assertThat(queue.stream().mapToInt(r -> r.of(p)).sum()).as("queue copies of %s", p).isEqualTo(1);
        }
    }

    @Test
    void killNineOneNodeClientsFailOverAndTheRestartedNodeRejoins() throws Exception {
        for (int i = 0; i < 3; i++) {
            nodes[i] = new Node("n" + (i + 1));
        }
        for (int i = 0; i < 3; i++) {
            start(i);
        }
        awaitFullMesh();

        // On n1 (to be killed): a plain subscriber and a queue member. On n2: a queue member. On n3: the publisher.
        Received onN1 = new Received();
        Received q1 = new Received();
        Received q2 = new Received();
        Received onN3 = new Received();
        Connection c1 = client(nodes[0], "victim");
        Dispatcher d1 = c1.createDispatcher();
        d1.subscribe("fo.all", m -> onN1.add(m.getData()));
        d1.subscribe("fo.work", "workers", m -> q1.add(m.getData()));
        Connection c2 = client(nodes[1], "worker2");
        c2.createDispatcher().subscribe("fo.work", "workers", m -> q2.add(m.getData()));
        Connection c3 = client(nodes[2], "publisher");
        c3.createDispatcher().subscribe("fo.all", m -> onN3.add(m.getData()));
        c1.flush(Duration.ofSeconds(10));
        c2.flush(Duration.ofSeconds(10));
        Await.until(CONVERGE, "the victim learned the other servers", () -> c1.getServers().size() >= 3);

        publishUntil(c3, "fo.all", "warm", () -> onN1.counts.size() > 0 && onN3.counts.size() > 0);
        publishUntil(c3, "fo.work", "warmq", () -> q1.counts.size() > 0 || q2.counts.size() > 0);
        batchDeliveredExactlyOnce(c3, "before", List.of(onN1, onN3), List.of(q1, q2));

        // kill -9 n1: no goodbye to clients or routes.
        nodes[0].process.signal("KILL");
        nodes[0].process.awaitExit(Duration.ofSeconds(30));
        Await.until(CONVERGE, "the victim reconnected elsewhere", () -> {
            String url = c1.getConnectedUrl(); // null while it reconnects
            return c1.getStatus() == Connection.Status.CONNECTED && url != null
                    && !url.contains(":" + nodes[0].clientPort);
        });
        for (Node n : List.of(nodes[1], nodes[2])) {
            Await.until(CONVERGE, n.name + " dropped its route to n1",
                    () -> {
                        JsonNode r = routez(n);
                        if (r == null) {
                            return false;
                        }
                        Set<String> peers = new HashSet<>();
                        r.path("routes").forEach(route -> peers.add(route.path("remote_id").asText()));
                        return peers.size() == 1; // its peer's pooled connections only
                    });
        }
        // The victim's subscriptions are back (re-sent on reconnect, announced to the other node).
        onN1.counts.clear();
        publishUntil(c3, "fo.all", "resume", () -> !onN1.counts.isEmpty());
        publishUntil(c3, "fo.work", "resumeq",
                () -> q1.counts.keySet().stream().anyMatch(k -> k.startsWith("resumeq")));
        q1.counts.clear();
        q2.counts.clear();
        onN3.counts.clear();
        batchDeliveredExactlyOnce(c3, "during", List.of(onN1, onN3), List.of(q1, q2));

        // Restart n1 on the same ports: the mesh heals and traffic flows through it again.
        start(0);
        awaitFullMesh();
        Received viaRestarted = new Received();
        Connection again = client(nodes[0], "back");
        again.createDispatcher().subscribe("fo.all", m -> viaRestarted.add(m.getData()));
        again.flush(Duration.ofSeconds(10));
        publishUntil(c3, "fo.all", "healed", () -> !viaRestarted.counts.isEmpty());
        Received fromRestarted = new Received();
        c2.createDispatcher().subscribe("fo.back", m -> fromRestarted.add(m.getData()));
        c2.flush(Duration.ofSeconds(10));
        publishUntil(again, "fo.back", "outbound", () -> !fromRestarted.counts.isEmpty());
        onN1.counts.clear();
        onN3.counts.clear();
        q1.counts.clear();
        q2.counts.clear();
        batchDeliveredExactlyOnce(again, "after", List.of(onN1, onN3, viaRestarted), List.of(q1, q2));
        assertThat(nodes[1].process.isAlive()).isTrue();
        assertThat(nodes[2].process.isAlive()).isTrue();
    }
}
