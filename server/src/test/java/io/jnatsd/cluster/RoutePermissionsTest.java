package io.jnatsd.cluster;

import io.jnatsd.NatsServer;
import io.jnatsd.auth.SubjectPermission;
import io.jnatsd.config.RouteSecurity;
import io.jnatsd.testing.Await;
import io.jnatsd.testing.FreePorts;
import io.jnatsd.testing.JnatsClients;
import io.jnatsd.testing.RawClient;
import io.jnatsd.testing.ReferenceServer;
import io.jnatsd.testing.TestClusters;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code cluster { permissions { import, export } }}, as nats-server: local interest outside import is not announced
 * (so those messages never come), a route's RS+ outside export is ignored (so those messages are never sent).
 */
class RoutePermissionsTest {
    private static final String PEER_ID = "NPEERPEERPEERPEERPEERPEERPEERPEERPEERPEERPEERPEERPEERPEE";
    private static final RouteSecurity PERMISSIONS = RouteSecurity.NONE.withPermissions(
            new SubjectPermission(List.of("foo.>"), null), new SubjectPermission(List.of("bar.*"), List.of("bar.x")));

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

    @Test
    void onTheWire() throws Exception {
        NatsServer a = keep(TestClusters.securedNode(PERMISSIONS));
        RawClient client = keep(RawClient.connect(a.port()));
        client.readInfo();
        client.send("CONNECT {\"verbose\":false}\r\nSUB foo.x 1\r\nSUB baz 2\r\nSUB foo.> 3\r\nPING\r\n");
        assertThat(client.readLine()).isEqualTo("PONG");
        RawClient peer = keep(RawClient.connect(a.cluster().port()));
        JsonNode info = new ObjectMapper().readTree(peer.readInfo());
        assertThat(info.get("import").toString()).isEqualTo("{\"allow\":[\"foo.>\"]}");
        assertThat(info.get("export").toString()).isEqualTo("{\"allow\":[\"bar.*\"],\"deny\":[\"bar.x\"]}");
        peer.send("CONNECT {\"echo\":true,\"verbose\":false,\"pedantic\":false,\"name\":\"" + PEER_ID
                + "\",\"cluster\":\"" + TestClusters.NAME + "\"}\r\nINFO {\"server_id\":\"" + PEER_ID
                + "\",\"proto\":2,\"host\":\"127.0.0.1\",\"port\":1,\"headers\":true,\"cluster\":\""
                + TestClusters.NAME + "\"}\r\n");
        List<String> announced = new ArrayList<>();
        for (String l = peer.readLine(); !l.equals("PING"); l = peer.readLine()) {
            announced.add(l);
        }
        assertThat(announced).containsExactlyInAnyOrder("RS+ $G foo.x", "RS+ $G foo.>"); // not baz
        peer.send("PONG\r\nRS+ $G qux\r\nRS+ $G bar.x\r\nRS+ $G bar.1\r\nPING\r\n");
        assertThat(peer.readLine()).isEqualTo("PONG");
        client.send("PUB qux 1\r\na\r\nPUB bar.x 1\r\nb\r\nPUB bar.1 1\r\nc\r\nPING\r\n");
        assertThat(client.readLine()).isEqualTo("PONG");
        assertThat(peer.readLineSkippingPings()).isEqualTo("RMSG $G bar.1 1");
        assertThat(peer.readLine()).isEqualTo("c");
        client.send("SUB baz.more 4\r\nUNSUB 2\r\nSUB foo.y 5\r\nPING\r\n");
        assertThat(client.readLine()).isEqualTo("PONG");
        assertThat(peer.readLineSkippingPings()).isEqualTo("RS+ $G foo.y"); // baz.more and baz's RS- never sent
    }

    @Test
    void withANatsServerPeer() throws Exception {
        ReferenceServer.assumeAvailable();
        NatsServer j = keep(TestClusters.securedNode(PERMISSIONS));
        ReferenceServer go = keep(ReferenceServer.startWithConfig("cluster {\n  name: " + TestClusters.NAME
                + "\n  listen: 127.0.0.1:" + FreePorts.find() + "\n  routes: [\"" + TestClusters.routeUrl(j)
                + "\"]\n}\n"));
        Await.until(Duration.ofSeconds(10), "routed", () -> j.cluster().routes().size() == 1);
        Connection onJ = keep(JnatsClients.connect(j));
        Connection onGo = keep(Nats.connect("nats://127.0.0.1:" + go.port()));
        // Import: foo.> reaches j's subscriber, baz does not.
        Subscription jFoo = onJ.subscribe("foo.a");
        Subscription jBaz = onJ.subscribe("baz");
        JnatsClients.flush(onJ);
        Await.until(Duration.ofSeconds(10), "foo.a imported", () -> {
            onGo.publish("foo.a", new byte[] {1});
            try {
                return jFoo.nextMessage(Duration.ofMillis(100)) != null;
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        onGo.publish("baz", new byte[] {1});
        // Export: bar.1 reaches nats-server's subscriber, qux does not.
        Subscription goBar = onGo.subscribe("bar.1");
        Subscription goQux = onGo.subscribe("qux");
        JnatsClients.flush(onGo);
        Await.until(Duration.ofSeconds(10), "bar.1 exported", () -> {
            onJ.publish("bar.1", new byte[] {1});
            try {
                return goBar.nextMessage(Duration.ofMillis(100)) != null;
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        onJ.publish("qux", new byte[] {1});
        JnatsClients.flush(onJ);
        assertThat(jBaz.nextMessage(Duration.ofMillis(500))).isNull();
        assertThat(goQux.nextMessage(Duration.ofMillis(500))).isNull();
    }
}
