package io.jnatsd.cluster;

import io.jnatsd.NatsServer;
import io.jnatsd.config.ClusterSettings;
import io.jnatsd.testing.Await;
import io.jnatsd.testing.JnatsClients;
import io.jnatsd.testing.TestClusters;
import io.jnatsd.testing.TestServers;
import io.nats.client.Connection;
import io.nats.client.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A route whose peer stops reading, as nats-server 2.9.10 treats it (checked against it: max_pending does not apply
 * to routes): closed as a slow consumer once a whole write_deadline passes with nothing written, then redialled;
 * local clients and the other routes go on.
 */
class RouteSlowConsumerTest {
    private static final String PEER_ID = "NSTALLSTALLSTALLSTALLSTALLSTALLSTALLSTALLSTALLSTALLSTALL";

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

    /** Plays the accepting side of a route handshake, announces interest in "big", then never reads again. */
    private static void handshake(Socket s) throws Exception {
        s.setSoTimeout(10_000);
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = s.getOutputStream();
        out.write(("INFO {\"server_id\":\"" + PEER_ID + "\",\"proto\":2,\"host\":\"127.0.0.1\",\"port\":1,"
                + "\"headers\":true,\"cluster\":\"" + TestClusters.NAME + "\"}\r\nRS+ $G big\r\n")
                .getBytes(StandardCharsets.UTF_8));
        out.flush();
        for (String l = in.readLine(); l != null && !l.startsWith("INFO "); l = in.readLine()) {
            // the CONNECT first
        }
    }

    @Test
    void aStalledRouteIsClosedAndRedialledWhileTheRestGoesOn() throws Exception {
        ServerSocket fake = keep(new ServerSocket());
        fake.setReceiveBufferSize(4096);
        fake.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        NatsServer a = keep(TestServers.start(b -> b.writeDeadline(Duration.ofSeconds(1))
                .cluster(new ClusterSettings(TestClusters.NAME, "127.0.0.1", -1,
                        List.of("nats-route://127.0.0.1:" + fake.getLocalPort())))));
        NatsServer b = keep(TestClusters.node(a));
        Socket first = keep(fake.accept());
        handshake(first);
        Await.until(Duration.ofSeconds(10), "a routed to the fake peer and to b", () -> a.cluster().peerCount() == 2);

        Connection pub = keep(JnatsClients.connect(a));
        Connection local = keep(JnatsClients.connect(a));
        Connection onB = keep(JnatsClients.connect(b));
        Subscription localSub = local.subscribe("big");
        Subscription bSub = onB.subscribe("big");
        JnatsClients.flush(local);
        JnatsClients.flush(onB);
        TestClusters.awaitRemoteInterest(a, 2);
        byte[] payload = new byte[64 * 1024];
        int count = 200; // 12.8 MB: far more than the peer's socket buffers take
        for (int i = 0; i < count; i++) {
            pub.publish("big", payload);
        }
        JnatsClients.flush(pub);
        for (int i = 0; i < count; i++) {
            assertThat(localSub.nextMessage(JnatsClients.WAIT)).as("local message %d", i).isNotNull();
            assertThat(bSub.nextMessage(JnatsClients.WAIT)).as("message %d through the healthy route", i).isNotNull();
        }
        Await.until(Duration.ofSeconds(10), "the stalled route closed",
                () -> a.cluster().routes().stream().noneMatch(r -> PEER_ID.equals(r.remoteId())));
        assertThat(a.cluster().routes()).extracting(RouteView::remoteId).containsOnly(b.serverId());
        fake.setSoTimeout(10_000);
        Socket second = keep(fake.accept()); // the solicitor dials again
        handshake(second);
        Await.until(Duration.ofSeconds(10), "the route is back", () -> a.cluster().peerCount() == 2);
    }
}
