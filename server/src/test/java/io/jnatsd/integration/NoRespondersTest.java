package io.jnatsd.integration;

import io.nats.client.Connection;
import io.nats.client.JetStreamStatusException;
import io.nats.client.Message;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * No responders: a request to a subject nobody subscribes to gets an immediate 503 status from the server
 * (HMSG with "NATS/1.0 503"), so the client fails fast instead of waiting out its timeout.
 *
 * <p>What jnats 2.24.0 does with the 503 (read from its bytecode, NatsConnection.deliverReply): by default it
 * cancels the request future (CancellationException; the synchronous {@code request} then returns null); with
 * {@code Options.Builder.reportNoResponders()} it completes the future with a {@link JetStreamStatusException}
 * carrying status 503. There is no NoRespondersAvailableException in this version.
 */
class NoRespondersTest extends JnatsIntegrationTest {
    /** The request timeout, long on purpose: a fast failure must come from the 503, not from this timeout. */
    private static final Duration LONG_TIMEOUT = Duration.ofSeconds(10);
    /** "Fast": well under the timeout; a loopback 503 takes milliseconds. */
    private static final long FAST_MS = 2000;

    @Test
    void asyncRequestIsCancelledAtOnce() throws Exception {
        Connection nc = connect();
        long start = System.nanoTime();
        CompletableFuture<Message> f = nc.requestWithTimeout("nobody.home", new byte[] {1}, LONG_TIMEOUT);

        assertThatThrownBy(() -> f.get(FAST_MS, TimeUnit.MILLISECONDS)).isInstanceOf(CancellationException.class);
        assertThat(elapsedMs(start)).isLessThan(FAST_MS);
        // jnats counts every MSG/HMSG frame it reads: exactly one, the server's 503 status.
        assertThat(nc.getStatistics().getInMsgs()).isEqualTo(1);
    }

    @Test
    void synchronousRequestReturnsNullLongBeforeTheTimeout() throws Exception {
        Connection nc = connect();
        long start = System.nanoTime();

        Message reply = nc.request("nobody.home", new byte[] {1}, LONG_TIMEOUT);

        assertThat(reply).isNull();
        assertThat(elapsedMs(start)).as("ms until request gave up").isLessThan(FAST_MS);
    }

    @Test
    void reportNoRespondersGivesStatus503() throws Exception {
        Connection nc = connect(o -> o.reportNoResponders());
        long start = System.nanoTime();
        CompletableFuture<Message> f = nc.requestWithTimeout("nobody.home", new byte[] {1}, LONG_TIMEOUT);

        assertThatThrownBy(() -> f.get(FAST_MS, TimeUnit.MILLISECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(JetStreamStatusException.class)
                .satisfies(e -> assertThat(((JetStreamStatusException) e).getStatus().getCode()).isEqualTo(503));
        assertThat(elapsedMs(start)).isLessThan(FAST_MS);
    }

    @Test
    void oldStyleRequestAlsoFailsFast() throws Exception {
        // Old-style requests use a literal inbox with its own SUB; the server must find it for the 503 too.
        Connection nc = connect(o -> o.oldRequestStyle().reportNoResponders());
        long start = System.nanoTime();
        CompletableFuture<Message> f = nc.requestWithTimeout("nobody.home", new byte[] {1}, LONG_TIMEOUT);

        assertThatThrownBy(() -> f.get(FAST_MS, TimeUnit.MILLISECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(JetStreamStatusException.class);
        assertThat(elapsedMs(start)).isLessThan(FAST_MS);
    }

    @Test
    void noStatusWhenTheClientOptedOut() throws Exception {
        // noNoResponders(): the client did not ask for the status, so the server must stay silent and the request
        // simply times out.
        Connection nc = connect(o -> o.noNoResponders());
        long start = System.nanoTime();

        Message reply = nc.request("nobody.home", new byte[] {1}, Duration.ofMillis(400));

        assertThat(reply).isNull();
        assertThat(elapsedMs(start)).as("ms until request gave up (its own timeout, not a 503)")
                .isGreaterThanOrEqualTo(350);
        assertThat(nc.getStatistics().getInMsgs()).as("messages the server sent").isZero();
    }

    @Test
    void aRespondingSubscriberMeansNo503() throws Exception {
        Connection responder = connect();
        responder.createDispatcher(m -> responder.publish(m.getReplyTo(), new byte[] {2})).subscribe("somebody.home");
        responder.flush(Duration.ofSeconds(5));
        Connection nc = connect(o -> o.reportNoResponders());

        Message reply = nc.requestWithTimeout("somebody.home", new byte[] {1}, LONG_TIMEOUT)
                .get(FAST_MS, TimeUnit.MILLISECONDS);

        assertThat(reply.isStatusMessage()).isFalse();
        assertThat(reply.getData()).containsExactly(2);
    }

    private static long elapsedMs(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
