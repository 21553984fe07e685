package io.jnatsd.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jnatsd.NatsServer;
import io.jnatsd.testing.Await;
import io.jnatsd.testing.RawClient;
import io.jnatsd.testing.TestClusters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The route protocol on the wire, with a raw socket playing the peer server: INFO, CONNECT, RS+/RS-, RMSG in the
 * forms nats-server 2.9.10 writes, PING/PONG, and a peer that stops answering.
 */
@Timeout(30)
class RouteWireTest {
    private static final String PEER_ID = "NPEERPEERPEERPEERPEERPEERPEERPEERPEERPEERPEERPEERPEERPEER";

    private NatsServer server;
    private RawClient peer;
    private RawClient client;

    @BeforeEach
    void start() throws Exception {
        server = TestClusters.node();
        client = RawClient.connect(server.port());
        client.readInfo();
        client.send("CONNECT {\"verbose\":false,\"headers\":true}\r\nPING\r\n");
        assertThat(client.readLine()).isEqualTo("PONG");
        peer = RawClient.connect(server.cluster().port());
    }

    @AfterEach
    void stop() throws Exception {
        peer.close();
        client.close();
        server.close();
    }

    /** The next line from the server, past its system services' interest ({@code RS+ $SYS ...}) it announces too. */
    private String routeLine() throws Exception {
        String line = peer.readLine();
        while (line != null && line.startsWith("RS+ $SYS ")) {
            line = peer.readLine();
        }
        return line;
    }

    /** Plays the soliciting peer's side of the handshake; returns the server's route INFO. */
    private JsonNode handshake() throws Exception {
        JsonNode info = new ObjectMapper().readTree(peer.readInfo());
        peer.send("CONNECT {\"echo\":true,\"verbose\":false,\"pedantic\":false,\"tls_required\":false,"
                + "\"headers\":true,\"name\":\"" + PEER_ID + "\",\"cluster\":\"" + TestClusters.NAME + "\"}\r\n"
                + "INFO {\"server_id\":\"" + PEER_ID + "\",\"server_name\":\"peer\",\"version\":\"2.9.10\",\"proto\":2,"
                + "\"host\":\"127.0.0.1\",\"port\":1,\"headers\":true,\"max_payload\":1048576,\"cluster\":\""
                + TestClusters.NAME + "\",\"connect_urls\":[\"127.0.0.1:2\"]}\r\n");
        return info;
    }

    @Test
    void handshakeAnnouncesInterestThenPings() throws Exception {
        client.send("SUB foo 1\r\nSUB bar q1 2\r\nSUB bar q1 3\r\nPING\r\n");
        assertThat(client.readLine()).isEqualTo("PONG");
        JsonNode info = handshake();
        assertThat(info.get("server_id").asText()).isEqualTo(server.serverId());
        assertThat(info.get("proto").asInt()).isEqualTo(2);
        assertThat(info.get("headers").asBoolean()).isTrue();
        assertThat(info.get("cluster").asText()).isEqualTo(TestClusters.NAME);
        assertThat(info.get("port").asInt()).isEqualTo(server.cluster().port());
        assertThat(info.get("connect_urls").get(0).asText()).isEqualTo("127.0.0.1:" + server.port());
        java.util.Set<String> interest = new java.util.HashSet<>();
        interest.add(routeLine());
        interest.add(routeLine());
        assertThat(interest).containsExactlyInAnyOrder("RS+ $G foo", "RS+ $G bar q1 2");
        assertThat(routeLine()).isEqualTo("PING");
        peer.send("PONG\r\n");
        // The peer's client URL reaches this server's clients.
        Await.until(Duration.ofSeconds(5), "connect_urls include the peer's",
                () -> server.cluster().connectUrls().contains("127.0.0.1:2"));
    }

    @Test
    void interestChangesAreSentAsTheyHappen() throws Exception {
        handshake();
        assertThat(routeLine()).isEqualTo("PING");
        peer.send("PONG\r\n");
        client.send("SUB a.* 1\r\nSUB a.* 2\r\nSUB w q 3\r\nSUB w q 4\r\nUNSUB 1\r\nUNSUB 2\r\nUNSUB 3\r\nUNSUB 4\r\n");
        assertThat(routeLine()).isEqualTo("RS+ $G a.*");
        assertThat(routeLine()).isEqualTo("RS+ $G w q 1");
        assertThat(routeLine()).isEqualTo("RS+ $G w q 2");
        assertThat(routeLine()).isEqualTo("RS- $G a.*");
        assertThat(routeLine()).isEqualTo("RS+ $G w q 1");
        assertThat(routeLine()).isEqualTo("RS- $G w q");
    }

    @Test
    void messagesBothWaysInNatsServersForms() throws Exception {
        client.send("SUB in 1\r\nSUB inq grp 2\r\nPING\r\n");
        assertThat(client.readLine()).isEqualTo("PONG");
        handshake();
        routeLine();
        routeLine();
        assertThat(routeLine()).isEqualTo("PING");
        peer.send("PONG\r\n");
        // From the peer: plain, with reply, queue form (only the listed group), headers.
        peer.send("RMSG $G in r.1 2\r\nhi\r\n");
        assertThat(client.readLine()).isEqualTo("MSG in 1 r.1 2");
        assertThat(client.readLine()).isEqualTo("hi");
        peer.send("RMSG $G inq 1\r\nx\r\n"); // no queue names: plain subscribers only, so nobody here
        peer.send("RMSG $G inq | grp 1\r\ny\r\n");
        assertThat(client.readLine()).isEqualTo("MSG inq 2 1");
        assertThat(client.readLine()).isEqualTo("y");
        peer.send("HMSG $G in 12 14\r\nNATS/1.0\r\n\r\nok\r\n");
        assertThat(client.readLine()).isEqualTo("HMSG in 1 12 14");
        assertThat(client.readLine()).isEqualTo("NATS/1.0");
        // To the peer: it asks for interest, a client publishes.
        peer.send("RS+ $G out\r\nRS+ $G outq g 1\r\nPING\r\n");
        assertThat(routeLine()).isEqualTo("PONG");
        client.send("PUB out r.2 2\r\nhi\r\nPUB outq 1\r\nz\r\nHPUB out 12 14\r\nNATS/1.0\r\n\r\nok\r\nPING\r\n");
        assertThat(routeLine()).isEqualTo("RMSG $G out r.2 2");
        assertThat(routeLine()).isEqualTo("hi");
        assertThat(routeLine()).isEqualTo("RMSG $G outq | g 1");
        assertThat(routeLine()).isEqualTo("z");
        assertThat(routeLine()).isEqualTo("HMSG $G out 12 14");
        assertThat(routeLine()).isEqualTo("NATS/1.0");
    }

    @Test
    void aPeerThatStopsAnsweringPingsIsClosed() throws Exception {
        try (NatsServer fast = TestClusters.node(b -> b.pingInterval(Duration.ofMillis(300)).pingMax(2));
                RawClient silent = RawClient.connect(fast.cluster().port())) {
            silent.readInfo();
            silent.send("INFO {\"server_id\":\"" + PEER_ID + "\",\"proto\":2,\"cluster\":\"" + TestClusters.NAME
                    + "\"}\r\n");
            Await.until(Duration.ofSeconds(5), "registered", () -> fast.cluster().routes().size() == 1);
            // Never answer: with ping_interval 300ms and ping_max 2 the route is closed as stale.
            assertThat(silent.closedWithin(5000)).isTrue();
            Await.until(Duration.ofSeconds(5), "route gone", () -> fast.cluster().routes().isEmpty());
        }
    }
}
