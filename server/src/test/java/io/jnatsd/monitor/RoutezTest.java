package io.jnatsd.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnatsd.NatsServer;
import io.jnatsd.testing.Await;
import io.jnatsd.testing.FreePorts;
import io.jnatsd.testing.RawClient;
import io.jnatsd.testing.ReferenceServer;
import io.jnatsd.testing.TestClusters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * /routez and the route fields of /varz from live state: a two-node jnatsd cluster, and the same shape with
 * nats-server (the second node routes to the first, one subscription on the second), whose fields jnatsd must write
 * with the same JSON types.
 */
@Timeout(60)
class RoutezTest {
    private static void subscribe(RawClient c, String subject) throws Exception {
        c.readInfo();
        c.send("CONNECT {\"verbose\":false}\r\nSUB " + subject + " 1\r\nPING\r\n");
        assertThat(c.readLine()).isEqualTo("PONG");
    }

    @Test
    void routezAndVarzShowTheLiveRoutes() throws Exception {
        try (NatsServer j1 = TestClusters.node(b -> b.httpPort(-1));
                NatsServer j2 = TestClusters.node(j1);
                RawClient c = RawClient.connect(j2.port())) {
            TestClusters.awaitMesh(j1, j2);
            subscribe(c, "routed.subject");
            TestClusters.awaitRemoteInterest(j1, 1);
            Http http = new Http(j1.monitoringPort());
            JsonNode routez = http.json("/routez?subs=1");
            assertThat(routez.get("server_id").asText()).isEqualTo(j1.serverId());
            // Route pooling (default 3 connections per peer): every connection is listed, with its pool_idx.
            assertThat(routez.get("num_routes").asInt()).isEqualTo(3);
            java.util.List<Integer> indexes = new java.util.ArrayList<>();
            java.util.List<String> subs = new java.util.ArrayList<>();
            int subscriptions = 0;
            for (JsonNode r : routez.get("routes")) {
                assertThat(r.get("remote_id").asText()).isEqualTo(j2.serverId());
                assertThat(r.get("did_solicit").asBoolean()).isFalse();
                assertThat(r.get("is_configured").asBoolean()).isFalse();
                assertThat(r.get("ip").asText()).isEqualTo("127.0.0.1");
                assertThat(r.has("account")).isFalse();
                indexes.add(r.get("pool_idx").asInt());
                r.path("subscriptions_list").forEach(x -> subs.add(x.asText()));
                subscriptions += r.get("subscriptions").asInt();
            }
            assertThat(indexes).containsExactlyInAnyOrder(0, 1, 2);
            // The peer's system services count too (announced cluster-wide, as nats-server does).
            assertThat(subs).contains("routed.subject", "$SYS.REQ.SERVER.PING");
            assertThat(subscriptions).isEqualTo(subs.size());
            assertThat(http.json("/routez").get("routes").get(0).has("subscriptions_list")).isFalse();
            JsonNode varz = http.json("/varz");
            assertThat(varz.get("routes").asInt()).isEqualTo(3);
            assertThat(varz.get("cluster").get("name").asText()).isEqualTo(TestClusters.NAME);
            assertThat(varz.get("cluster").get("addr").asText()).isEqualTo("127.0.0.1");
            assertThat(varz.get("cluster").get("cluster_port").asInt()).isEqualTo(j1.cluster().port());
            assertThat(varz.get("connect_urls")).hasSize(2);
            j2.close();
            Await.until(Duration.ofSeconds(5), "the route is gone from /routez",
                    () -> http.json("/routez").get("num_routes").asInt() == 0);
        }
    }

    @Test
    void routePermissionsAndSecurityShowAsNatsServerWritesThem() throws Exception {
        io.jnatsd.config.RouteSecurity s1 = io.jnatsd.config.RouteSecurity.NONE
                .withAuth("ru", "rp", Duration.ofMillis(500))
                .withPermissions(new io.jnatsd.auth.SubjectPermission(java.util.List.of("foo.>"), null),
                        new io.jnatsd.auth.SubjectPermission(java.util.List.of("bar.*"), java.util.List.of("bar.x")));
        io.jnatsd.config.RouteSecurity s2 = io.jnatsd.config.RouteSecurity.NONE
                .withPermissions(new io.jnatsd.auth.SubjectPermission(java.util.List.of("q"), null), null);
        try (NatsServer j1 = io.jnatsd.testing.TestServers.start(b -> b.httpPort(-1).cluster(
                        new io.jnatsd.config.ClusterSettings(TestClusters.NAME, "127.0.0.1", -1, java.util.List.of())
                                .withSecurity(s1)));
                NatsServer j2 = TestClusters.securedNode(s2, TestClusters.routeUrl(j1, "ru", "rp"))) {
            TestClusters.awaitMesh(j1, j2);
            Http http = new Http(j1.monitoringPort());
            JsonNode routez = http.json("/routez");
            assertThat(routez.get("import").toString()).isEqualTo("{\"allow\":[\"foo.>\"]}");
            assertThat(routez.get("export").toString()).isEqualTo("{\"allow\":[\"bar.*\"],\"deny\":[\"bar.x\"]}");
            JsonNode r = routez.get("routes").get(0);
            assertThat(r.get("import").toString()).isEqualTo("{\"allow\":[\"q\"]}"); // the peer's, from its INFO
            assertThat(r.has("export")).isFalse();
            JsonNode cluster = http.json("/varz").get("cluster");
            assertThat(cluster.get("auth_timeout").asDouble()).isEqualTo(0.5);
            assertThat(cluster.get("tls_timeout").asDouble()).isEqualTo(2.0);
            assertThat(cluster.has("tls_required")).isFalse();
        }
    }

    @Test
    void fieldsMatchNatsServer() throws Exception {
        ReferenceServer.assumeAvailable();
        int g1Monitor = FreePorts.find();
        int g1Route = FreePorts.find();
        try (ReferenceServer g1 = ReferenceServer.startWithConfig("cluster { name: " + TestClusters.NAME
                        + ", listen: 127.0.0.1:" + g1Route + " }\n", "-m", Integer.toString(g1Monitor));
                ReferenceServer g2 = ReferenceServer.startWithConfig("cluster { name: " + TestClusters.NAME
                        + ", listen: 127.0.0.1:" + FreePorts.find() + ", routes: [\"nats-route://127.0.0.1:" + g1Route
                        + "\"] }\n");
                NatsServer j1 = TestClusters.node(b -> b.httpPort(-1));
                NatsServer j2 = TestClusters.node(j1);
                RawClient onG2 = RawClient.connect(g2.port());
                RawClient onJ2 = RawClient.connect(j2.port())) {
            TestClusters.awaitMesh(j1, j2);
            subscribe(onG2, "routed.subject");
            subscribe(onJ2, "routed.subject");
            Http theirs = new Http(g1Monitor);
            Http ours = new Http(j1.monitoringPort());
            Await.until(Duration.ofSeconds(10), "nats-server routed",
                    () -> theirs.json("/routez").get("num_routes").asInt() == 1);
            TestClusters.awaitRemoteInterest(j1, 1);
            for (String endpoint : new String[] {"/routez", "/routez?subs=1"}) {
                assertThat(MonitorDifferentialTest.fields(ours.json(endpoint))).as(endpoint)
                        .containsAllEntriesOf(MonitorDifferentialTest.fields(theirs.json(endpoint)));
            }
            Map<String, String> refVarz = clusterFields(MonitorDifferentialTest.fields(theirs.json("/varz")));
            assertThat(clusterFields(MonitorDifferentialTest.fields(ours.json("/varz"))))
                    .containsAllEntriesOf(refVarz);
        }
    }

    /** The route-related fields of /varz: cluster.*, routes, connect_urls. */
    private static Map<String, String> clusterFields(Map<String, String> all) {
        Map<String, String> out = new TreeMap<>();
        all.forEach((k, v) -> {
            if (k.startsWith("cluster") || k.equals("routes") || k.startsWith("connect_urls")) {
                out.put(k, v);
            }
        });
        return out;
    }
}
