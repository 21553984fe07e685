package io.jnatsd.cluster;

import io.jnatsd.NatsServer;
import io.jnatsd.testing.Await;
import io.jnatsd.testing.FreePorts;
import io.jnatsd.testing.JnatsClients;
import io.jnatsd.testing.ReferenceServer;
import io.jnatsd.testing.ServerPair;
import io.jnatsd.testing.SystemRequests;
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

    private String goId() {
        return j.cluster().routes().get(0).remoteId();
    }

    private void pingAnsweredByBoth(String url) throws Exception {
        Connection sys = as(url, "sys");
        java.util.Map<String, List<com.fasterxml.jackson.databind.JsonNode>>[] last = new java.util.Map[1];
        Await.until(Duration.ofSeconds(10), "both servers answered the PING", () -> {
            try {
                last[0] = SystemRequests.collect(sys, "$SYS.REQ.SERVER.PING.VARZ", 2, Duration.ofSeconds(2));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return last[0].size() == 2;
        });
        assertThat(last[0]).containsOnlyKeys(j.serverId(), goId());
        last[0].forEach((id, answers) -> {
            assertThat(answers).as("answers of " + id).hasSize(1);
            assertThat(answers.get(0).path("data").path("server_id").asText()).isEqualTo(id);
        });
    }

    @Test
    void pingFromAJnatsdClientIsAnsweredByBothServers() throws Exception {
        pingAnsweredByBoth(j.clientUrl());
    }

    @Test
    void pingFromANatsServerClientIsAnsweredByBothServers() throws Exception {
        pingAnsweredByBoth(goUrl());
    }

    private void serverRequestAcross(String url, String id) throws Exception {
        Connection sys = as(url, "sys");
        Message[] got = new Message[1];
        Await.until(Duration.ofSeconds(10), id + " answered its VARZ", () -> {
            try {
                got[0] = sys.request("$SYS.REQ.SERVER." + id + ".VARZ", new byte[0], Duration.ofMillis(500));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return got[0] != null;
        });
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(got[0].getData()).path("data")
                .path("server_id").asText()).isEqualTo(id);
    }

    @Test
    void aServerIdRequestCrossesBothWays() throws Exception {
        serverRequestAcross(j.clientUrl(), goId());
        serverRequestAcross(goUrl(), j.serverId());
    }

    private void connectEventAcross(String subscriberUrl, String clientUrl, String clientServerId) throws Exception {
        Connection sys = as(subscriberUrl, "sys");
        Subscription connects = sys.subscribe("$SYS.ACCOUNT.B.CONNECT");
        JnatsClients.flush(sys);
        // The subscription's interest crosses the route asynchronously: connect until an event arrives.
        Message e = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (e == null && System.nanoTime() < deadline) {
            as(clientUrl, "b").close();
            e = connects.nextMessage(Duration.ofMillis(500));
        }
        assertThat(e).as("a CONNECT event from the other server").isNotNull();
        com.fasterxml.jackson.databind.JsonNode event = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(e.getData());
        assertThat(event.path("type").asText()).isEqualTo("io.nats.server.advisory.v1.client_connect");
        assertThat(event.path("server").path("id").asText()).isEqualTo(clientServerId);
        assertThat(event.path("client").path("acc").asText()).isEqualTo("B");
    }

    @Test
    void connectEventsOfNatsServerClientsReachAJnatsdSubscriber() throws Exception {
        connectEventAcross(j.clientUrl(), goUrl(), goId());
    }

    @Test
    void connectEventsOfJnatsdClientsReachANatsServerSubscriber() throws Exception {
        connectEventAcross(goUrl(), j.clientUrl(), j.serverId());
    }

    private void accountConnzFrom(String requesterUrl, String otherUrl) throws Exception {
        as(otherUrl, "b");
        Connection requester = as(requesterUrl, "b");
        java.util.Map<String, List<com.fasterxml.jackson.databind.JsonNode>>[] last = new java.util.Map[1];
        Await.until(Duration.ofSeconds(10), "both servers answered the account's CONNZ", () -> {
            try {
                last[0] = SystemRequests.collect(requester, "$SYS.REQ.ACCOUNT.PING.CONNZ", 2, Duration.ofSeconds(2));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return last[0].size() == 2;
        });
        assertThat(last[0]).containsOnlyKeys(j.serverId(), goId());
        last[0].values().forEach(a -> assertThat(a).hasSize(1));
    }

    @Test
    void anAccountsConnzPingFromJnatsdIsAnsweredByBothServers() throws Exception {
        accountConnzFrom(j.clientUrl(), goUrl());
    }

    @Test
    void anAccountsConnzPingFromNatsServerIsAnsweredByBothServers() throws Exception {
        accountConnzFrom(goUrl(), j.clientUrl());
    }

    @Test
    void statszCountsTheRouteAsNatsServerDoes() throws Exception {
        Connection sys = as(j.clientUrl(), "sys");
        java.util.Map<String, List<com.fasterxml.jackson.databind.JsonNode>>[] last = new java.util.Map[1];
        // nats-server counts a peer once it has heard from it (its STATSZ), a moment after the route is up.
        Await.until(Duration.ofSeconds(20), "both servers answered the PING, nats-server counting 2 servers", () -> {
            try {
                last[0] = SystemRequests.collect(sys, "$SYS.REQ.SERVER.PING", 2, Duration.ofSeconds(2));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return last[0].size() == 2
                    && last[0].get(goId()).get(0).path("statsz").path("active_servers").asInt() == 2;
        });
        com.fasterxml.jackson.databind.JsonNode mine = last[0].get(j.serverId()).get(0).path("statsz");
        com.fasterxml.jackson.databind.JsonNode theirs = last[0].get(goId()).get(0).path("statsz");
        assertThat(mine.path("active_servers").asInt()).isEqualTo(theirs.path("active_servers").asInt())
                .isEqualTo(2);
        List<String> keys = new ArrayList<>();
        mine.path("routes").get(0).fieldNames().forEachRemaining(keys::add);
        List<String> goKeys = new ArrayList<>();
        theirs.path("routes").get(0).fieldNames().forEachRemaining(goKeys::add);
        assertThat(keys).isEqualTo(goKeys);
    }

    @Test
    void aQueueGroupUnderAStreamImportSpreadOverBothServersGetsEachMessageOnce() throws Exception {
        // Shadow queue interest both ways: nats-server and jnatsd agree on one member per message.
        List<Subscription> members = new ArrayList<>();
        List<Subscription> plain = new ArrayList<>();
        for (String url : List.of(j.clientUrl(), goUrl())) {
            Connection c = as(url, "b");
            members.add(c.subscribe("fromx.ev.q", "workers"));
            plain.add(c.subscribe("fromx.ev.q"));
            c.flush(JnatsClients.WAIT);
        }
        Connection onJ = as(j.clientUrl(), "x");
        Connection onGo = as(goUrl(), "x");
        ClusterImportsTest.awaitStream(onJ, "ev.q", plain.get(1));
        ClusterImportsTest.awaitStream(onGo, "ev.q", plain.get(0));
        Thread.sleep(300);
        for (Subscription s : members) {
            while (s.nextMessage(Duration.ofMillis(100)) != null) {
                // probes
            }
        }
        for (Subscription s : plain) {
            while (s.nextMessage(Duration.ofMillis(100)) != null) {
                // probes
            }
        }
        int n = 40;
        for (int i = 0; i < n; i++) {
            (i % 2 == 0 ? onJ : onGo).publish("ev.q", new byte[] {(byte) i});
        }
        onJ.flush(JnatsClients.WAIT);
        onGo.flush(JnatsClients.WAIT);
        for (Subscription s : plain) {
            for (int i = 0; i < n; i++) {
                assertThat(s.nextMessage(JnatsClients.WAIT)).as("plain message " + i).isNotNull();
            }
        }
        int got = 0;
        for (Subscription s : members) {
            while (s.nextMessage(Duration.ofMillis(300)) != null) {
                got++;
            }
        }
        assertThat(got).as("each message once to the group").isEqualTo(n);
    }
}
