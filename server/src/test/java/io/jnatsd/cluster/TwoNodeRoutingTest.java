package io.jnatsd.cluster;

import io.jnatsd.NatsServer;
import io.jnatsd.testing.JnatsClients;
import io.jnatsd.testing.TestClusters;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import io.nats.client.impl.Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Two jnatsd nodes joined by one explicit route: messages, replies, headers and interest cross it exactly once. */
class TwoNodeRoutingTest {
    private NatsServer a;
    private NatsServer b;
    private Connection ca;
    private Connection cb;

    @BeforeEach
    void start() throws Exception {
        a = TestClusters.node();
        b = TestClusters.node(a);
        TestClusters.awaitMesh(a, b);
        ca = JnatsClients.connect(a);
        cb = JnatsClients.connect(b);
    }

    @AfterEach
    void stop() throws Exception {
        if (ca != null) {
            ca.close();
        }
        if (cb != null) {
            cb.close();
        }
        b.close();
        a.close();
    }

    @Test
    void messagesCrossTheRouteBothWaysOnce() throws Exception {
        Subscription onB = cb.subscribe("x.b");
        Subscription onA = ca.subscribe("x.a");
        JnatsClients.flush(cb);
        JnatsClients.flush(ca);
        TestClusters.awaitRemoteInterest(a, 1);
        TestClusters.awaitRemoteInterest(b, 1);
        ca.publish("x.b", "from-a".getBytes(StandardCharsets.UTF_8));
        cb.publish("x.a", "from-b".getBytes(StandardCharsets.UTF_8));
        Message m1 = onB.nextMessage(JnatsClients.WAIT);
        Message m2 = onA.nextMessage(JnatsClients.WAIT);
        assertThat(new String(m1.getData(), StandardCharsets.UTF_8)).isEqualTo("from-a");
        assertThat(new String(m2.getData(), StandardCharsets.UTF_8)).isEqualTo("from-b");
        assertThat(onB.nextMessage(Duration.ofMillis(200))).as("no duplicate").isNull();
        assertThat(onA.nextMessage(Duration.ofMillis(200))).as("no duplicate").isNull();
    }

    @Test
    void wildcardSubscriptionsMatchRemotePublishes() throws Exception {
        Subscription star = cb.subscribe("w.*.z");
        Subscription full = cb.subscribe("w.>");
        JnatsClients.flush(cb);
        TestClusters.awaitRemoteInterest(a, 2);
        ca.publish("w.y.z", "1".getBytes(StandardCharsets.UTF_8));
        ca.publish("w.q", "2".getBytes(StandardCharsets.UTF_8));
        JnatsClients.flush(ca);
        assertThat(star.nextMessage(JnatsClients.WAIT).getSubject()).isEqualTo("w.y.z");
        assertThat(full.nextMessage(JnatsClients.WAIT).getSubject()).isEqualTo("w.y.z");
        assertThat(full.nextMessage(JnatsClients.WAIT).getSubject()).isEqualTo("w.q");
        assertThat(star.nextMessage(Duration.ofMillis(200))).isNull();
        assertThat(full.nextMessage(Duration.ofMillis(200))).isNull();
    }

    @Test
    void requestReplyAcrossTheRoute() throws Exception {
        cb.createDispatcher(m -> cb.publish(m.getReplyTo(), ("re:" + new String(m.getData(),
                StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8))).subscribe("svc");
        JnatsClients.flush(cb);
        TestClusters.awaitRemoteInterest(a, 1);
        Message reply = ca.request("svc", "q".getBytes(StandardCharsets.UTF_8), JnatsClients.WAIT);
        assertThat(reply).isNotNull();
        assertThat(new String(reply.getData(), StandardCharsets.UTF_8)).isEqualTo("re:q");
    }

    @Test
    void headersAndReplySubjectsArePreserved() throws Exception {
        Subscription sub = cb.subscribe("h");
        JnatsClients.flush(cb);
        TestClusters.awaitRemoteInterest(a, 1);
        Headers h = new Headers().add("K", "v1", "v2");
        ca.publish("h", "rep.1", h, "body".getBytes(StandardCharsets.UTF_8));
        Message m = sub.nextMessage(JnatsClients.WAIT);
        assertThat(m.getReplyTo()).isEqualTo("rep.1");
        assertThat(m.getHeaders().get("K")).containsExactly("v1", "v2");
        assertThat(new String(m.getData(), StandardCharsets.UTF_8)).isEqualTo("body");
    }

    @Test
    void unsubscribeWithdrawsInterest() throws Exception {
        Subscription s1 = cb.subscribe("u");
        Subscription s2 = cb.subscribe("u");
        JnatsClients.flush(cb);
        TestClusters.awaitRemoteInterest(a, 1);
        s1.unsubscribe();
        JnatsClients.flush(cb);
        // One subscription left on b: the subject stays announced.
        assertThat(TestClusters.remoteClientInterest(a)).isEqualTo(1);
        s2.unsubscribe();
        JnatsClients.flush(cb);
        TestClusters.awaitRemoteInterestExactly(a, 0);
    }

    @Test
    void noRespondersWhenNobodyInTheClusterListens() throws Exception {
        Connection nr = JnatsClients.connect(a);
        try {
            assertThat(TestClusters.remoteClientInterest(a)).isZero();
            var future = nr.request("nobody.home", new byte[0]);
            var ex = org.assertj.core.api.Assertions.catchThrowable(() -> future.get(5,
                    java.util.concurrent.TimeUnit.SECONDS));
            // jnats cancels the request's future when the 503 no-responders status arrives.
            assertThat(ex).isInstanceOf(java.util.concurrent.CancellationException.class);
        } finally {
            nr.close();
        }
    }

    @Test
    void messagesFromARouteAreNotSentBack() throws Exception {
        // A subscriber on each side: a publish on a reaches both once; b never returns it to a.
        Subscription sa = ca.subscribe("both");
        Subscription sb = cb.subscribe("both");
        JnatsClients.flush(ca);
        JnatsClients.flush(cb);
        TestClusters.awaitRemoteInterest(a, 1);
        TestClusters.awaitRemoteInterest(b, 1);
        ca.publish("both", new byte[] {1});
        assertThat(sa.nextMessage(JnatsClients.WAIT)).isNotNull();
        assertThat(sb.nextMessage(JnatsClients.WAIT)).isNotNull();
        assertThat(sa.nextMessage(Duration.ofMillis(300))).isNull();
        assertThat(sb.nextMessage(Duration.ofMillis(300))).isNull();
        List<RouteView> routes = a.cluster().routes(); // the connections of the pool to b
        assertThat(routes).extracting(RouteView::remoteId).containsOnly(b.serverId());
        assertThat(routes.stream().mapToLong(RouteView::outMsgs).sum()).isEqualTo(1);
        assertThat(routes.stream().mapToLong(RouteView::inMsgs).sum()).isZero();
    }
}
