package io.jnatsd.cluster;

import io.jnatsd.NatsServer;
import io.jnatsd.testing.Await;
import io.jnatsd.testing.FreePorts;
import io.jnatsd.testing.JnatsClients;
import io.jnatsd.testing.ReferenceServer;
import io.jnatsd.testing.ServerPair;
import io.jnatsd.testing.TestClusters;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
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
 * Imports across a mixed cluster: one jnatsd node and nats-server 2.9.10 with the same accounts, each placement of
 * requester/responder and publisher/importer. What works here is what nats-server does with its own kind.
 */
class MixedClusterAccountsTest {
    private NatsServer j;
    private ReferenceServer go;
    private final List<Connection> connections = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        ReferenceServer.assumeAvailable();
        j = TestClusters.node(b -> ServerPair.load(ClusterImportsTest.ACCOUNTS, b));
        int goRoutePort = FreePorts.find();
        go = ReferenceServer.startWithConfig(ClusterImportsTest.ACCOUNTS + "cluster {\n  name: " + TestClusters.NAME
                + "\n  listen: 127.0.0.1:" + goRoutePort + "\n  routes: [\"" + TestClusters.routeUrl(j) + "\"]\n}\n");
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

    private Connection as(String url, String user) throws Exception {
        Connection nc = Nats.connect(new Options.Builder().server(url).userInfo(user, user)
                .connectionTimeout(JnatsClients.WAIT).noReconnect().build());
        connections.add(nc);
        return nc;
    }

    private String goUrl() {
        return "nats://127.0.0.1:" + go.port();
    }

    private void serviceAcross(String requesterUrl, String responderUrl) throws Exception {
        Connection responder = as(responderUrl, "x");
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        responder.createDispatcher(m -> {
            seen.add(m.getSubject());
            responder.publish(m.getReplyTo(), ("re:" + new String(m.getData(), StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8));
        }).subscribe("svc.>");
        JnatsClients.flush(responder);
        Connection requester = as(requesterUrl, "b");
        ClusterImportsTest.awaitAnswer(requester, "echo");
        seen.clear();
        Message reply = requester.request("echo", "hi".getBytes(StandardCharsets.UTF_8), JnatsClients.WAIT);
        assertThat(reply).isNotNull();
        assertThat(new String(reply.getData(), StandardCharsets.UTF_8)).isEqualTo("re:hi");
        Thread.sleep(300);
        assertThat(seen).containsExactly("svc.echo");
    }

    @Test
    void jnatsdRequesterNatsServerResponder() throws Exception {
        serviceAcross(j.clientUrl(), goUrl());
    }

    @Test
    void natsServerRequesterJnatsdResponder() throws Exception {
        serviceAcross(goUrl(), j.clientUrl());
    }

    private void streamAcross(String publisherUrl, String importerUrl) throws Exception {
        Connection publisher = as(publisherUrl, "x");
        Connection importer = as(importerUrl, "b");
        Subscription sub = importer.subscribe("fromx.>");
        JnatsClients.flush(importer);
        ClusterImportsTest.awaitStream(publisher, "ev.probe", sub);
        for (int i = 0; i < 10; i++) {
            publisher.publish("ev.n", new byte[] {(byte) i});
        }
        JnatsClients.flush(publisher);
        for (int i = 0; i < 10; i++) {
            Message m = sub.nextMessage(JnatsClients.WAIT);
            assertThat(m).as("message " + i).isNotNull();
            assertThat(m.getSubject()).isEqualTo("fromx.ev.n");
            assertThat(m.getData()[0]).isEqualTo((byte) i);
        }
        assertThat(sub.nextMessage(Duration.ofMillis(300))).as("exactly once").isNull();
    }

    @Test
    void natsServerPublisherJnatsdImporter() throws Exception {
        streamAcross(goUrl(), j.clientUrl());
    }

    @Test
    void jnatsdPublisherNatsServerImporter() throws Exception {
        streamAcross(j.clientUrl(), goUrl());
    }
}
