package io.jnatsd.integration;

import io.jnatsd.NatsServer;
import io.jnatsd.testing.Await;
import io.jnatsd.testing.JnatsClients;
import io.jnatsd.testing.RawClient;
import io.nats.client.Connection;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slow consumer: a subscriber that stops reading must be cut off once its pending output passes max_pending, and
 * must not hold back the publisher or the other subscribers. The stuck subscriber is a raw socket that never reads
 * (deterministic, unlike a client with a blocked callback, whose library keeps reading into memory).
 */
class SlowConsumerTest extends JnatsIntegrationTest {
    private static final int MESSAGES = 20_000;
    private static final int SIZE = 1024;

    /** max_pending 256 KB; max_payload must not exceed it (nats-server refuses to start otherwise). */
    private NatsServer startSmallPendingServer() {
        return startServer(o -> o.maxPending(256 * 1024).maxPayload(64 * 1024));
    }

    /**
     * A raw subscriber on {@code subject} that is never read after its SUB is confirmed. Its small receive buffer
     * makes the backlog reach the server after a few KB instead of the MBs a loopback socket can hold.
     */
    private static RawClient stuckSubscriber(NatsServer server, String subject) throws Exception {
        RawClient stuck = RawClient.connectWithReceiveBuffer(server.port(), 8 * 1024);
        stuck.readInfo();
        stuck.send("CONNECT {\"verbose\":false}\r\nSUB " + subject + " 1\r\nPING\r\n");
        assertThat(stuck.readLineSkippingPings()).as("SUB registered").isEqualTo("PONG");
        return stuck;
    }

    /**
     * Publishes {@code MESSAGES} sequence-numbered 1 KB messages as fast as jnats allows, then flushes. If the
     * server stopped reading from the publisher, jnats' outgoing queue would fill (it throws "Output queue is full")
     * or the flush would time out, so returning at all shows the publisher was not held back.
     */
    private static long publishBurst(Connection pub, String subject) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < MESSAGES; i++) {
            // A fresh array per message: jnats keeps a reference to the payload until its writer thread sends it.
            byte[] payload = new byte[SIZE];
            ByteBuffer.wrap(payload).putInt(0, i);
            pub.publish(subject, payload);
        }
        pub.flush(Duration.ofSeconds(15));
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    @Test
    void stuckSubscriberIsCutOffAndPublisherIsNotBlocked() throws Exception {
        NatsServer server = startSmallPendingServer();
        try (RawClient stuck = stuckSubscriber(server, "firehose")) {
            Connection pub = connect();

            assertThat(publishBurst(pub, "firehose")).as("ms to publish and flush").isLessThan(15_000);

            Await.until(Duration.ofSeconds(5), "slow consumer detected", () -> server.slowConsumerCount() > 0);
            assertThat(server.slowConsumerCount()).isEqualTo(1);
            assertThat(stuck.discardUntilClosed(5000)).as("stuck subscriber's socket closed by the server").isTrue();
            assertThat(pub.getStatus()).isEqualTo(Connection.Status.CONNECTED);
            Await.until(Duration.ofSeconds(5), "only the publisher left", () -> server.connectionCount() == 1);
        }
    }

    @Test
    void stuckSubscriberIsCutOffWhileFastSubscriberGetsEverythingAndPublisherIsNotBlocked() throws Exception {
        NatsServer server = startSmallPendingServer();

        // Fast subscriber: counts messages and checks they come in publish order, none lost, none doubled.
        Connection fast = connect();
        AtomicInteger received = new AtomicInteger();
        AtomicReference<String> orderProblem = new AtomicReference<>();
        fast.createDispatcher(m -> {
            int seq = ByteBuffer.wrap(m.getData()).getInt();
            int expected = received.getAndIncrement();
            if (seq != expected) {
                orderProblem.compareAndSet(null, "expected message " + expected + ", got " + seq);
            }
        }).subscribe("firehose");
        JnatsClients.flush(fast);

        try (RawClient stuck = stuckSubscriber(server, "firehose")) {
            Connection pub = connect();

            assertThat(publishBurst(pub, "firehose")).as("ms to publish and flush").isLessThan(15_000);

            Await.until(Duration.ofSeconds(5), "slow consumer detected", () -> server.slowConsumerCount() > 0);
            assertThat(stuck.discardUntilClosed(5000)).as("stuck subscriber's socket closed by the server").isTrue();

            // The fast subscriber must still be connected and get every message, in order.
            Await.until(Duration.ofSeconds(10), "fast subscriber got all " + MESSAGES + " or was disconnected",
                    () -> received.get() >= MESSAGES || fast.getStatus() != Connection.Status.CONNECTED);
            assertThat(fast.getStatus())
                    .as("fast jnats subscriber after receiving %d of %d messages (server counted %d slow consumers)",
                            received.get(), MESSAGES, server.slowConsumerCount())
                    .isEqualTo(Connection.Status.CONNECTED);
            JnatsClients.flush(fast);
            assertThat(received.get()).isEqualTo(MESSAGES);
            assertThat(orderProblem.get()).isNull();
            assertThat(server.slowConsumerCount()).as("slow consumers: only the stuck raw socket").isEqualTo(1);
            assertThat(pub.getStatus()).isEqualTo(Connection.Status.CONNECTED);
            Await.until(Duration.ofSeconds(5), "only the two jnats connections left", () -> server.connectionCount() == 2);
        }
    }

    @Test
    void readingSubscriberUnderMaxPendingIsNotASlowConsumer() throws Exception {
        // The counterpart: a subscriber that keeps reading is never cut off, however much passes through it, even
        // when the publisher bursts (nats-server 2.9.10 with max_pending 256 KB delivers all of this to jnats).
        NatsServer server = startSmallPendingServer();
        Connection sub = connect();
        AtomicInteger received = new AtomicInteger();
        sub.createDispatcher(m -> received.incrementAndGet()).subscribe("steady");
        JnatsClients.flush(sub);
        Connection pub = connect();

        byte[] payload = new byte[SIZE];
        for (int i = 0; i < 5_000; i++) {
            pub.publish("steady", payload);
        }
        pub.flush(Duration.ofSeconds(10));
        Await.until(Duration.ofSeconds(10), "all 5000 received or subscriber disconnected",
                () -> received.get() == 5_000 || sub.getStatus() != Connection.Status.CONNECTED);

        assertThat(sub.getStatus())
                .as("reading subscriber after %d of 5000 messages (server counted %d slow consumers)",
                        received.get(), server.slowConsumerCount())
                .isEqualTo(Connection.Status.CONNECTED);
        assertThat(received.get()).isEqualTo(5_000);
        assertThat(server.slowConsumerCount()).isZero();
    }
}
