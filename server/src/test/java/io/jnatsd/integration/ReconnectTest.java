package io.jnatsd.integration;

import io.jnatsd.NatsServer;
import io.jnatsd.testing.FreePorts;
import io.jnatsd.testing.JnatsClients;
import io.jnatsd.testing.MessageSink;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener.Events;
import io.nats.client.Message;
import io.nats.client.Options;
import io.nats.client.Subscription;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static io.jnatsd.testing.JnatsClients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client survives a server restart on the same port: jnats reconnects, re-sends its subscriptions, and traffic
 * flows again. The new server knows nothing of the old one, so everything after the restart depends on the client's
 * re-subscription being processed correctly.
 */
class ReconnectTest extends JnatsIntegrationTest {
    private final BlockingQueue<Events> events = new LinkedBlockingQueue<>();

    /**
     * Reconnect forever, 100 ms apart. The jitter stays at a small non-zero value on purpose: jnats 2.24.0 computes
     * it with ThreadLocalRandom.nextLong(jitterNanos), which throws for 0 and silently ends the reconnect loop.
     */
    private UnaryOperator<Options.Builder> reconnecting() {
        return o -> o.maxReconnects(-1)
                .reconnectWait(Duration.ofMillis(100))
                .reconnectJitter(Duration.ofMillis(10))
                .connectionListener((conn, type) -> events.add(type));
    }

    /** Waits for {@code wanted}, skipping other events; fails if it does not come in time. */
    private void awaitEvent(Events wanted) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Events e = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (e == null) {
                throw new AssertionError("no " + wanted + " event within " + WAIT.toMillis() + " ms");
            }
            if (e == wanted) {
                return;
            }
        }
    }

    @Test
    void reconnectsToServerRestartedOnSamePortAndResubscribes() throws Exception {
        int port = FreePorts.find();
        NatsServer first = startServer(o -> o.port(port));
        Connection nc = connect(first, reconnecting());
        awaitEvent(Events.CONNECTED);
        Subscription sync = nc.subscribe("restart.sync");
        MessageSink sink = new MessageSink();
        nc.createDispatcher(sink).subscribe("restart.>");
        JnatsClients.flush(nc);

        first.close();
        awaitEvent(Events.DISCONNECTED);
        NatsServer second = startServer(o -> o.port(port));
        assertThat(second.port()).isEqualTo(port);

        awaitEvent(Events.RECONNECTED);
        awaitEvent(Events.RESUBSCRIBED);
        assertThat(nc.getStatus()).isEqualTo(Connection.Status.CONNECTED);
        assertThat(nc.getServerInfo().getServerId()).isEqualTo(second.serverId());
        // The PONG of this flush comes after the server processed the re-sent SUBs (same connection, in order).
        JnatsClients.flush(nc);

        Connection other = connect(second, o -> o);
        other.publish("restart.sync", "after restart".getBytes(StandardCharsets.UTF_8));
        JnatsClients.flush(other);

        Message m = sync.nextMessage(WAIT);
        assertThat(m).as("message published after reconnect").isNotNull();
        assertThat(new String(m.getData(), StandardCharsets.UTF_8)).isEqualTo("after restart");
        assertThat(sink.awaitCount(1, WAIT).get(0).getSubject()).isEqualTo("restart.sync");
        assertThat(nc.getStatistics().getReconnects()).isEqualTo(1);
    }

    @Test
    void requestsWorkAgainAfterRestart() throws Exception {
        // The shared request inbox is a subscription too: it must be re-established for replies to come back.
        int port = FreePorts.find();
        NatsServer first = startServer(o -> o.port(port));
        Connection requester = connect(first, reconnecting());
        awaitEvent(Events.CONNECTED);
        Connection responder1 = connect(first, o -> o);
        responder1.createDispatcher(msg -> responder1.publish(msg.getReplyTo(), new byte[] {1})).subscribe("svc");
        JnatsClients.flush(responder1);
        assertThat(requester.request("svc", null, WAIT)).isNotNull();
        // jnats reconnects by default: the first responder would come back on the new server and could answer first.
        responder1.close();

        first.close();
        awaitEvent(Events.DISCONNECTED);
        NatsServer second = startServer(o -> o.port(port));
        awaitEvent(Events.RECONNECTED);
        // jnats re-sends its subscriptions (the request inbox among them) after RECONNECTED: a request before that
        // gets its reply while nobody listens (failed once on a quiet machine).
        awaitEvent(Events.RESUBSCRIBED);
        JnatsClients.flush(requester);
        Connection responder2 = connect(second, o -> o);
        responder2.createDispatcher(msg -> responder2.publish(msg.getReplyTo(), new byte[] {2})).subscribe("svc");
        JnatsClients.flush(responder2);

        Message reply = requester.request("svc", null, WAIT);
        assertThat(reply).as("reply after restart").isNotNull();
        assertThat(reply.getData()).containsExactly(2);
    }
}
