package io.jnatsd.integration;

import io.jnatsd.testing.JnatsClients;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Subscription;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.jnatsd.testing.JnatsClients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/** flush (PING/PONG round trip) and drain (unsubscribe, process what is pending, close). */
class FlushDrainTest extends JnatsIntegrationTest {

    @Test
    void flushReturnsAfterTheServerProcessedEverythingBeforeIt() throws Exception {
        // The PONG comes after the server handled all earlier PUBs; on the same connection, the MSGs they caused
        // are written before that PONG, so once flush returns they are all in the client.
        Connection nc = connect();
        Subscription s = nc.subscribe("flush.test");
        for (int i = 0; i < 500; i++) {
            nc.publish("flush.test", new byte[100]);
        }
        nc.flush(WAIT);

        assertThat(s.getPendingMessageCount()).isEqualTo(500);
    }

    @Test
    void flushSurvivesManyRoundTrips() throws Exception {
        Connection nc = connect();
        long start = System.nanoTime();
        for (int i = 0; i < 200; i++) {
            nc.flush(WAIT);
        }
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("200 round trips, ms")
                .isLessThan(5000);
    }

    @Test
    void drainProcessesPendingMessagesThenCloses() throws Exception {
        Connection sub = connect();
        AtomicInteger handled = new AtomicInteger();
        Dispatcher d = sub.createDispatcher(m -> {
            try {
                Thread.sleep(2); // slow handler: messages pile up in the client when drain starts
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            handled.incrementAndGet();
        });
        d.subscribe("drain.test");
        JnatsClients.flush(sub);

        Connection pub = connect();
        for (int i = 0; i < 300; i++) {
            pub.publish("drain.test", new byte[10]);
        }
        JnatsClients.flush(pub); // all 300 are routed to sub before it starts draining
        assertThat(handled.get()).as("still pending when drain starts").isLessThan(300);

        CompletableFuture<Boolean> drained = sub.drain(Duration.ofSeconds(10));

        assertThat(drained.get(15, TimeUnit.SECONDS)).as("drain completed in time").isTrue();
        assertThat(handled.get()).isEqualTo(300);
        assertThat(sub.getStatus()).isEqualTo(Connection.Status.CLOSED);
    }

    @Test
    void drainedSubscriberGetsNothingPublishedAfterDrain() throws Exception {
        // After drain's UNSUB the server must stop routing to that subscription.
        Connection sub = connect();
        AtomicInteger handled = new AtomicInteger();
        sub.createDispatcher(m -> handled.incrementAndGet()).subscribe("drain.after");
        JnatsClients.flush(sub);
        Connection pub = connect();

        assertThat(sub.drain(WAIT).get(10, TimeUnit.SECONDS)).isTrue();
        pub.publish("drain.after", null);
        JnatsClients.flush(pub);

        assertThat(handled.get()).isZero();
        // the server dropped the closed connection's subscription: a request now gets no responders at once
        assertThat(pub.request("drain.after", null, WAIT)).isNull();
        assertThat(pub.getStatistics().getInMsgs()).isEqualTo(1);
    }
}
