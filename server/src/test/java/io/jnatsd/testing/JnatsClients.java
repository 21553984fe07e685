package io.jnatsd.testing;

import io.jnatsd.NatsServer;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

/** Connects the official jnats client to a jnatsd server with test-friendly defaults. */
public final class JnatsClients {
    /** Generous enough for a loaded CI machine, short enough that a broken server fails the test quickly. */
    public static final Duration WAIT = Duration.ofSeconds(5);

    private JnatsClients() {
    }

    /**
     * Options for {@code server}: its client URL, a bounded connect timeout and no reconnect (a test that wants
     * reconnects asks for them), so a server that goes away surfaces as an error instead of a silent retry loop.
     */
    public static Options.Builder options(NatsServer server) {
        return new Options.Builder()
                .server(server.clientUrl())
                .connectionTimeout(WAIT)
                .noReconnect();
    }

    public static Connection connect(NatsServer server) throws IOException, InterruptedException {
        return connect(server, b -> b);
    }

    public static Connection connect(NatsServer server, UnaryOperator<Options.Builder> customize)
            throws IOException, InterruptedException {
        return Nats.connect(customize.apply(options(server)).build());
    }

    /**
     * Returns every message already queued on a synchronous subscription. Call it after a flush on the subscribing
     * connection: the server writes a connection's messages before the PONG that ends the flush, so what the server
     * sent is then in the client's queue and nothing later can sneak in.
     */
    public static List<Message> queued(Subscription sub) throws InterruptedException {
        List<Message> out = new ArrayList<>();
        long n = sub.getPendingMessageCount();
        for (long i = 0; i < n; i++) {
            Message m = sub.nextMessage(WAIT);
            if (m == null) {
                throw new AssertionError("a queued message vanished from " + sub.getSubject());
            }
            out.add(m);
        }
        return out;
    }

    /** {@link Connection#flush} with the standard wait, rethrowing the timeout as an assertion failure. */
    public static void flush(Connection nc) throws InterruptedException {
        try {
            nc.flush(WAIT);
        } catch (TimeoutException e) {
            throw new AssertionError("flush (PING/PONG round trip) timed out after " + WAIT.toMillis() + " ms", e);
        }
    }
}
