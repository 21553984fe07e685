package io.jnatsd.integration;

import io.jnatsd.testing.JnatsClients;
import io.jnatsd.testing.MessageSink;
import io.jnatsd.testing.RawClient;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Subscription;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Auto-unsubscribe ({@code UNSUB <sid> <max>}): the server delivers at most max messages and then drops the
 * subscription. jnats also counts on its side, so to see that the SERVER stops, the tests check jnats' wire counter
 * (statistics in-msgs, counted for every MSG read, before any client-side filtering) and the raw wire.
 */
class AutoUnsubscribeTest extends JnatsIntegrationTest {

    @Test
    void synchronousSubscriptionGetsExactlyMax() throws Exception {
        Connection sub = connect();
        Subscription s = sub.subscribe("auto.sync");
        s.unsubscribe(5);
        JnatsClients.flush(sub);

        Connection pub = connect();
        for (int i = 0; i < 10; i++) {
            pub.publish("auto.sync", new byte[] {(byte) i});
        }
        JnatsClients.flush(pub);
        JnatsClients.flush(sub);

        for (int i = 0; i < 5; i++) {
            assertThat(s.nextMessage(JnatsClients.WAIT).getData()).containsExactly(i);
        }
        assertThat(sub.getStatistics().getInMsgs()).as("MSGs the server sent").isEqualTo(5);
        assertThat(s.isActive()).isFalse();
    }

    @Test
    void dispatcherSubscriptionGetsExactlyMax() throws Exception {
        Connection sub = connect();
        MessageSink sink = new MessageSink();
        Dispatcher d = sub.createDispatcher();
        Subscription s = d.subscribe("auto.dispatch", sink);
        d.unsubscribe(s, 5);
        JnatsClients.flush(sub);

        Connection pub = connect();
        for (int i = 0; i < 10; i++) {
            pub.publish("auto.dispatch", null);
        }
        JnatsClients.flush(pub);
        JnatsClients.flush(sub);
        sink.awaitCount(5, JnatsClients.WAIT);

        assertThat(sub.getStatistics().getInMsgs()).as("MSGs the server sent").isEqualTo(5);
        assertThat(sink.count()).isEqualTo(5);
    }

    @Test
    void afterMaxTheServerHasNoSubscriberLeft() throws Exception {
        // Once the limit is reached the subscription must be gone from the server, not just muted: a request to
        // that subject then gets the no-responders status.
        Connection sub = connect();
        Subscription s = sub.subscribe("auto.gone");
        s.unsubscribe(1);
        JnatsClients.flush(sub);
        Connection pub = connect();
        pub.publish("auto.gone", null);
        JnatsClients.flush(pub);

        assertThat(pub.request("auto.gone", null, Duration.ofSeconds(5))).isNull();
        assertThat(pub.getStatistics().getInMsgs()).as("the 503 status reached the requester").isEqualTo(1);
    }

    @Test
    void serverStopsAtMaxOnTheWire() throws Exception {
        try (RawClient c = RawClient.connect(server().port())) {
            c.readInfo();
            c.send("CONNECT {\"verbose\":false}\r\nSUB auto.raw 7\r\nUNSUB 7 3\r\n");
            StringBuilder pubs = new StringBuilder();
            for (int i = 0; i < 6; i++) {
                pubs.append("PUB auto.raw 1\r\n").append(i).append("\r\n");
            }
            c.send(pubs.append("PING\r\n").toString());

            for (int i = 0; i < 3; i++) {
                assertThat(c.readLineSkippingPings()).isEqualTo("MSG auto.raw 7 1");
                assertThat(c.readLine()).isEqualTo(Integer.toString(i));
            }
            assertThat(c.readLineSkippingPings()).as("after 3 MSGs only the PONG").isEqualTo("PONG");
        }
    }

    @Test
    void unsubscribeWithMaxBelowDeliveredRemovesAtOnce() throws Exception {
        // nats-server: UNSUB with a max not above what was already delivered unsubscribes immediately.
        Connection sub = connect();
        Subscription s = sub.subscribe("auto.late");
        Connection pub = connect();
        JnatsClients.flush(sub);
        for (int i = 0; i < 3; i++) {
            pub.publish("auto.late", null);
        }
        JnatsClients.flush(pub);
        JnatsClients.flush(sub);
        s.unsubscribe(2);
        JnatsClients.flush(sub);
        pub.publish("auto.late", null);
        JnatsClients.flush(pub);
        JnatsClients.flush(sub);

        assertThat(sub.getStatistics().getInMsgs()).isEqualTo(3);
    }
}
