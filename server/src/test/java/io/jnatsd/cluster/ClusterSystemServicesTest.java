package io.jnatsd.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jnatsd.NatsServer;
import io.jnatsd.testing.Await;
import io.jnatsd.testing.JnatsClients;
import io.jnatsd.testing.ServerPair;
import io.jnatsd.testing.SystemRequests;
import io.jnatsd.testing.TestClusters;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The system account across three jnatsd nodes: every server answers {@code $SYS.REQ.SERVER.PING}, a request to
 * one server's id reaches it from any node, and client events reach a system subscriber on another node.
 */
class ClusterSystemServicesTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private NatsServer one;
    private NatsServer two;
    private NatsServer three;
    private final List<Connection> connections = new ArrayList<>();

    @BeforeEach
    void start() throws InterruptedException {
        one = TestClusters.node(b -> ServerPair.load(ClusterImportsTest.ACCOUNTS, b));
        two = TestClusters.node(b -> ServerPair.load(ClusterImportsTest.ACCOUNTS, b), one);
        three = TestClusters.node(b -> ServerPair.load(ClusterImportsTest.ACCOUNTS, b), one);
        TestClusters.awaitMesh(one, two, three);
    }

    @AfterEach
    void stop() throws InterruptedException {
        for (Connection c : connections) {
            c.close();
        }
        three.close();
        two.close();
        one.close();
    }

    private Connection as(NatsServer s, String user) throws Exception {
        Connection c = JnatsClients.connect(s, o -> o.userInfo(user, user));
        connections.add(c);
        return c;
    }

    /** Repeats the request until all answer: the servers' interest may still be crossing the routes. */
    private Map<String, List<JsonNode>> everyServerAnswers(Connection sys, String subject) throws Exception {
        List<Map<String, List<JsonNode>>> last = new ArrayList<>();
        Await.until(WAIT, "3 servers answered " + subject, () -> {
            try {
                last.add(0, SystemRequests.collect(sys, subject, 3, Duration.ofSeconds(2)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return last.get(0).size() == 3;
        });
        return last.get(0);
    }

    @Test
    void pingIsAnsweredByEveryServerOnce() throws Exception {
        Connection sys = as(one, "sys");
        Map<String, List<JsonNode>> statsz = everyServerAnswers(sys, "$SYS.REQ.SERVER.PING");
        assertThat(statsz).containsOnlyKeys(one.serverId(), two.serverId(), three.serverId());
        statsz.values().forEach(a -> assertThat(a).hasSize(1));
        JsonNode twoStats = statsz.get(two.serverId()).get(0).path("statsz");
        assertThat(twoStats.has("connections")).isTrue();
        assertThat(twoStats.path("active_servers").asInt()).isEqualTo(3);
        List<String> peers = new ArrayList<>();
        twoStats.path("routes").forEach(r -> peers.add(r.path("name").asText()));
        // one entry per route connection (a pool of 3 per peer)
        assertThat(peers).hasSize(6).containsOnly(one.serverName(), three.serverName());

        Map<String, List<JsonNode>> varz = everyServerAnswers(as(three, "sys"), "$SYS.REQ.SERVER.PING.VARZ");
        assertThat(varz).containsOnlyKeys(one.serverId(), two.serverId(), three.serverId());
        varz.forEach((id, a) -> {
            assertThat(a).hasSize(1);
            assertThat(a.get(0).path("data").path("server_id").asText()).isEqualTo(id);
        });
    }

    @Test
    void aServerIdRequestReachesThatServerFromAnyNode() throws Exception {
        Connection sys = as(one, "sys");
        Message[] got = new Message[1];
        Await.until(WAIT, "three answered its VARZ", () -> {
            try {
                got[0] = sys.request("$SYS.REQ.SERVER." + three.serverId() + ".VARZ", new byte[0],
                        Duration.ofMillis(500));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return got[0] != null;
        });
        JsonNode varz = new ObjectMapper().readTree(got[0].getData());
        assertThat(varz.path("data").path("server_id").asText()).isEqualTo(three.serverId());
        assertThat(varz.path("server").path("id").asText()).isEqualTo(three.serverId());
    }

    @Test
    void connectAndDisconnectEventsReachASystemSubscriberOnAnotherServer() throws Exception {
        Connection sys = as(one, "sys");
        Subscription connects = sys.subscribe("$SYS.ACCOUNT.B.CONNECT");
        Subscription disconnects = sys.subscribe("$SYS.ACCOUNT.B.DISCONNECT");
        JnatsClients.flush(sys);
        Await.until(WAIT, "two knows the system subscriber's interest", () -> two.cluster().routes().stream()
                .filter(r -> r.remoteId().equals(one.serverId()))
                .anyMatch(r -> r.subjects().contains("$SYS.ACCOUNT.B.DISCONNECT")));
        Connection b = as(two, "b");
        Message connect = connects.nextMessage(WAIT);
        assertThat(connect).isNotNull();
        JsonNode e = new ObjectMapper().readTree(connect.getData());
        assertThat(e.path("type").asText()).isEqualTo("io.nats.server.advisory.v1.client_connect");
        assertThat(e.path("server").path("id").asText()).isEqualTo(two.serverId());
        b.close();
        Message disconnect = disconnects.nextMessage(WAIT);
        assertThat(disconnect).isNotNull();
        assertThat(new ObjectMapper().readTree(disconnect.getData()).path("server").path("id").asText())
                .isEqualTo(two.serverId());
        assertThat(connects.nextMessage(Duration.ofMillis(300))).as("one event per connect").isNull();
        assertThat(disconnects.nextMessage(Duration.ofMillis(100))).isNull();
    }

    @Test
    void anAccountsConnzPingIsAnsweredByTheServersWithItsClients() throws Exception {
        Connection elsewhere = as(two, "b");
        Connection requester = as(one, "b");
        JnatsClients.flush(elsewhere);
        Map<String, List<JsonNode>>[] last = new Map[1];
        Await.until(WAIT, "one and two answered", () -> {
            try {
                last[0] = SystemRequests.collect(requester, "$SYS.REQ.ACCOUNT.PING.CONNZ", 2, Duration.ofSeconds(2));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return last[0].containsKey(one.serverId()) && last[0].containsKey(two.serverId());
        });
        for (String id : List.of(one.serverId(), two.serverId())) {
            List<JsonNode> answers = last[0].get(id);
            assertThat(answers).as("answers of " + id).hasSize(1);
            assertThat(answers.get(0).path("data").path("num_connections").asInt()).isEqualTo(1);
        }
    }
}
