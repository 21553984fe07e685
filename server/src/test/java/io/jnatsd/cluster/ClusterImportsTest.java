package io.jnatsd.cluster;

import io.jnatsd.NatsServer;
import io.jnatsd.testing.Await;
import io.jnatsd.testing.JnatsClients;
import io.jnatsd.testing.ServerPair;
import io.jnatsd.testing.TestClusters;
import io.nats.client.Connection;
import io.nats.client.Message;
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
 * Imports across two jnatsd nodes with the same accounts: a service import whose responder is on the other server
 * (request forwarded into the exporter's account over the route, the {@code _R_} reply back over it), and stream
 * imports whose publisher is on the other server; each message arrives exactly once.
 */
class ClusterImportsTest {
    static final String ACCOUNTS = """
            accounts {
              X: { users: [ {user: x, password: x} ]
                   exports: [ {stream: "ev.>"}, {service: "svc.>"} ] }
              B: { users: [ {user: b, password: b} ]
                   imports: [ {stream: {account: X, subject: "ev.>"}, prefix: "fromx"},
                              {service: {account: X, subject: "svc.echo"}, to: "echo"} ] }
              SYS: { users: [ {user: sys, password: sys} ] }
            }
            system_account: SYS
            """;

    private NatsServer one;
    private NatsServer two;
    private final List<Connection> connections = new ArrayList<>();

    @BeforeEach
    void start() throws InterruptedException {
        one = TestClusters.node(b -> ServerPair.load(ACCOUNTS, b));
        two = TestClusters.node(b -> ServerPair.load(ACCOUNTS, b), one);
        TestClusters.awaitMesh(one, two);
    }

    @AfterEach
    void stop() throws InterruptedException {
        for (Connection c : connections) {
            c.close();
        }
        two.close();
        one.close();
    }

    private Connection as(NatsServer s, String user) throws Exception {
        Connection c = JnatsClients.connect(s, o -> o.userInfo(user, user));
        connections.add(c);
        return c;
    }

    /** Sends requests until one is answered: the responder's interest has crossed the route. */
    static Message awaitAnswer(Connection requester, String subject) throws InterruptedException {
        Message[] got = new Message[1];
        Await.until(Duration.ofSeconds(10), "an answer on " + subject, () -> {
            try {
                got[0] = requester.request(subject, "q".getBytes(StandardCharsets.UTF_8), Duration.ofMillis(500));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return got[0] != null;
        });
        return got[0];
    }

    /** Publishes probes until one arrives, then drains the rest: the importer's interest has crossed the route. */
    static void awaitStream(Connection publisher, String subject, Subscription sub) throws InterruptedException {
        Await.until(Duration.ofSeconds(10), "a probe on " + subject + " arrived", () -> {
            publisher.publish(subject, "probe".getBytes(StandardCharsets.UTF_8));
            try {
                return sub.nextMessage(Duration.ofMillis(100)) != null;
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        while (sub.nextMessage(Duration.ofMillis(300)) != null) {
            // probes still under way
        }
    }

    @Test
    void aServiceImportReachesAResponderOnTheOtherServer() throws Exception {
        Connection responder = as(two, "x");
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        responder.createDispatcher(m -> {
            seen.add(m.getSubject() + " " + m.getHeaders().getFirst("Nats-Request-Info"));
            responder.publish(m.getReplyTo(), ("re:" + new String(m.getData(), StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8));
        }).subscribe("svc.>");
        JnatsClients.flush(responder);
        Connection requester = as(one, "b");
        awaitAnswer(requester, "echo");
        seen.clear();

        Message reply = requester.request("echo", "hi".getBytes(StandardCharsets.UTF_8), JnatsClients.WAIT);
        assertThat(reply).isNotNull();
        assertThat(new String(reply.getData(), StandardCharsets.UTF_8)).isEqualTo("re:hi");
        Await.until(JnatsClients.WAIT, "the responder saw the request", () -> !seen.isEmpty());
        assertThat(seen.get(0)).startsWith("svc.echo {\"acc\":\"B\"");
        Thread.sleep(300);
        assertThat(seen).as("forwarded by the requester's server only").hasSize(1);
    }

    @Test
    void aRequesterOnTheResponderServerIsAnsweredLocallyOnce() throws Exception {
        Connection responder = as(one, "x");
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        responder.createDispatcher(m -> {
            seen.add(m.getSubject());
            responder.publish(m.getReplyTo(), m.getData());
        }).subscribe("svc.>");
        JnatsClients.flush(responder);
        Connection requester = as(one, "b");
        as(two, "b").subscribe("echo"); // a plain subscriber in B elsewhere must not pull the request across
        assertThat(requester.request("echo", "1".getBytes(StandardCharsets.UTF_8), JnatsClients.WAIT)).isNotNull();
        Thread.sleep(300);
        assertThat(seen).hasSize(1);
    }

    @Test
    void aStreamImportDeliversMessagesPublishedOnTheOtherServerOnce() throws Exception {
        Connection publisher = as(two, "x");
        Connection remoteImporter = as(one, "b");
        Connection localImporter = as(two, "b");
        Subscription remote = remoteImporter.subscribe("fromx.>");
        Subscription local = localImporter.subscribe("fromx.>");
        JnatsClients.flush(remoteImporter);
        JnatsClients.flush(localImporter);
        awaitStream(publisher, "ev.probe", remote);
        while (local.nextMessage(Duration.ofMillis(100)) != null) {
            // probes
        }
        for (int i = 0; i < 20; i++) {
            publisher.publish("ev.n", "r", new byte[] {(byte) i});
        }
        JnatsClients.flush(publisher);
        for (Subscription s : List.of(remote, local)) {
            for (int i = 0; i < 20; i++) {
                Message m = s.nextMessage(JnatsClients.WAIT);
                assertThat(m).as("message " + i).isNotNull();
                assertThat(m.getSubject()).isEqualTo("fromx.ev.n");
                assertThat(m.getReplyTo()).isEqualTo("r");
                assertThat(m.getData()[0]).isEqualTo((byte) i);
            }
        }
        assertThat(remote.nextMessage(Duration.ofMillis(300))).as("exactly once").isNull();
        assertThat(local.nextMessage(Duration.ofMillis(100))).as("exactly once").isNull();
    }

    @Test
    void aResponderQueueGroupSpreadOverBothServersAnswersEachRequestOnce() throws Exception {
        java.util.concurrent.atomic.AtomicInteger handled = new java.util.concurrent.atomic.AtomicInteger();
        for (NatsServer s : List.of(one, two)) {
            Connection responder = as(s, "x");
            responder.createDispatcher(m -> {
                handled.incrementAndGet();
                responder.publish(m.getReplyTo(), m.getData());
            }).subscribe("svc.>", "responders");
            JnatsClients.flush(responder);
        }
        Connection requester = as(two, "b");
        awaitAnswer(requester, "echo");
        Thread.sleep(300);
        handled.set(0);
        for (int i = 0; i < 20; i++) {
            Message reply = requester.request("echo", new byte[] {(byte) i}, JnatsClients.WAIT);
            assertThat(reply).as("reply " + i).isNotNull();
            assertThat(reply.getData()[0]).isEqualTo((byte) i);
        }
        Thread.sleep(300);
        assertThat(handled.get()).as("one member of the group per request").isEqualTo(20);
    }

    @Test
    void aQueueGroupUnderAStreamImportGetsEachMessageOnceClusterWide() throws Exception {
        // Members of B's group on both servers, publishers in X on both: each message reaches one member in all,
        // (nats-server's shadow queue interest), while a plain subscriber in B on each server gets every one.
        List<Subscription> members = new ArrayList<>();
        List<Subscription> plain = new ArrayList<>();
        for (NatsServer s : List.of(one, two)) {
            Connection c = as(s, "b");
            members.add(c.subscribe("fromx.ev.q", "workers"));
            plain.add(c.subscribe("fromx.ev.q"));
            JnatsClients.flush(c);
        }
        Connection onOne = as(one, "x");
        Connection onTwo = as(two, "x");
        awaitStream(onOne, "ev.q", plain.get(1));
        awaitStream(onTwo, "ev.q", plain.get(0));
        Thread.sleep(200); // the shadow interest of the far members has arrived with the plain one
        for (Subscription m : members) {
            while (m.nextMessage(Duration.ofMillis(100)) != null) {
                // probes
            }
        }
        for (Subscription p : plain) {
            while (p.nextMessage(Duration.ofMillis(100)) != null) {
                // probes
            }
        }
        int n = 50;
        for (int i = 0; i < n; i++) {
            (i % 2 == 0 ? onOne : onTwo).publish("ev.q", new byte[] {(byte) i});
        }
        JnatsClients.flush(onOne);
        JnatsClients.flush(onTwo);
        for (Subscription p : plain) {
            for (int i = 0; i < n; i++) {
                assertThat(p.nextMessage(JnatsClients.WAIT)).as("plain message " + i).isNotNull();
            }
            assertThat(p.nextMessage(Duration.ofMillis(200))).as("plain exactly once").isNull();
        }
        int got = 0;
        for (Subscription m : members) {
            while (m.nextMessage(Duration.ofMillis(300)) != null) {
                got++;
            }
        }
        assertThat(got).as("each message once to the group").isEqualTo(n);
    }

    @Test
    void aQueueGroupWithMembersOnlyOnTheOtherServerStillGetsStreamImportedMessages() throws Exception {
        Connection member = as(two, "b");
        Subscription q = member.subscribe("fromx.ev.far", "workers");
        JnatsClients.flush(member);
        Connection publisher = as(one, "x");
        awaitStream(publisher, "ev.far", q);
        for (int i = 0; i < 20; i++) {
            publisher.publish("ev.far", new byte[] {(byte) i});
        }
        JnatsClients.flush(publisher);
        for (int i = 0; i < 20; i++) {
            assertThat(q.nextMessage(JnatsClients.WAIT)).as("message " + i).isNotNull();
        }
        assertThat(q.nextMessage(Duration.ofMillis(300))).isNull();
    }
}
