package io.jnatsd.integration;

import io.jnatsd.NatsServer;
import io.jnatsd.testing.Await;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StreamConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Consumer state over a restart, interest and workqueue retention, ephemeral inactivity and backoff, through jnats.
 */
class JetStreamConsumerStateTest extends JnatsIntegrationTest {
    @TempDir
    Path storeDir;

    private NatsServer js(int port) {
        return startServer(b -> b.jetstream(true).storeDir(storeDir.toString()).port(port));
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static long messages(JetStreamManagement jsm, String stream) {
        try {
            return jsm.getStreamInfo(stream).getStreamState().getMsgCount();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ConsumerConfiguration.Builder explicit(String durable) {
        return ConsumerConfiguration.builder().durable(durable).ackPolicy(AckPolicy.Explicit);
    }

    @Test
    void durableConsumerStateSurvivesARestart() throws Exception {
        NatsServer first = js(0);
        Connection nc = connect(first, o -> o);
        JetStreamManagement jsm = nc.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder().name("S").subjects("s.>").build());
        JetStream js = nc.jetStream();
        for (int i = 1; i <= 6; i++) {
            js.publish("s.x", b("m" + i));
        }
        jsm.addOrUpdateConsumer("S", explicit("D").ackWait(Duration.ofSeconds(1)).build());
        JetStreamSubscription sub = js.subscribe(null, PullSubscribeOptions.bind("S", "D"));
        List<Message> got = sub.fetch(4, Duration.ofSeconds(2));
        got.get(0).ackSync(Duration.ofSeconds(2));
        got.get(1).ackSync(Duration.ofSeconds(2));
        got.get(3).ackSync(Duration.ofSeconds(2)); // seq 3 stays pending
        ConsumerInfo before = jsm.getConsumerInfo("S", "D");
        assertThat(Files.isDirectory(storeDir.resolve("jetstream/$G/streams/S/obs/D"))).isTrue();
        nc.close();
        int port = first.port();
        first.close();

        NatsServer second = js(port);
        Connection nc2 = connect(second, o -> o);
        JetStreamManagement jsm2 = nc2.jetStreamManagement();
        ConsumerInfo after = jsm2.getConsumerInfo("S", "D");
        assertThat(after.getDelivered().getStreamSequence()).isEqualTo(4);
        assertThat(after.getDelivered().getConsumerSequence()).isEqualTo(before.getDelivered().getConsumerSequence());
        assertThat(after.getAckFloor().getStreamSequence()).isEqualTo(2);
        assertThat(after.getNumAckPending()).isEqualTo(1);
        assertThat(after.getNumPending()).isEqualTo(2);
        assertThat(after.getConsumerConfiguration().getAckWait()).isEqualTo(Duration.ofSeconds(1));
        assertThat(jsm2.getStreamInfo("S").getStreamState().getConsumerCount()).isEqualTo(1);

        JetStreamSubscription sub2 = nc2.jetStream().subscribe(null, PullSubscribeOptions.bind("S", "D"));
        List<Message> next = sub2.fetch(2, Duration.ofSeconds(2));
        assertThat(next).extracting(m -> new String(m.getData(), StandardCharsets.UTF_8)).containsExactly("m5", "m6");
        next.forEach(Message::ack);
        Message redelivered = sub2.fetch(1, Duration.ofSeconds(3)).get(0); // seq 3, after ack_wait
        assertThat(redelivered.metaData().streamSequence()).isEqualTo(3);
        assertThat(redelivered.metaData().deliveredCount()).isEqualTo(2);
        redelivered.ack();

        jsm2.deleteConsumer("S", "D");
        assertThat(Files.exists(storeDir.resolve("jetstream/$G/streams/S/obs/D"))).isFalse();
    }

    @Test
    void workQueueRemovesAckedMessagesAndPolicesFilters() throws Exception {
        Connection nc = connect(js(0), o -> o);
        JetStreamManagement jsm = nc.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder().name("W").subjects("w.>")
                .retentionPolicy(RetentionPolicy.WorkQueue).build());
        JetStream js = nc.jetStream();
        for (int i = 0; i < 4; i++) {
            js.publish("w.job", b("j" + i));
        }
        assertThatThrownBy(() -> jsm.addOrUpdateConsumer("W", ConsumerConfiguration.builder().durable("N")
                .ackPolicy(AckPolicy.None).build())).isInstanceOf(JetStreamApiException.class)
                .hasMessageContaining("10084");
        jsm.addOrUpdateConsumer("W", explicit("A").build());
        assertThatThrownBy(() -> jsm.addOrUpdateConsumer("W", explicit("B").build()))
                .isInstanceOf(JetStreamApiException.class).hasMessageContaining("10099");
        assertThatThrownBy(() -> jsm.addOrUpdateConsumer("W", explicit("C").filterSubject("w.job").build()))
                .isInstanceOf(JetStreamApiException.class).hasMessageContaining("10100");

        JetStreamSubscription sub = js.subscribe(null, PullSubscribeOptions.bind("W", "A"));
        List<Message> got = sub.fetch(4, Duration.ofSeconds(2));
        got.get(0).ackSync(Duration.ofSeconds(2));
        got.get(1).ackSync(Duration.ofSeconds(2));
        assertThat(jsm.getStreamInfo("W").getStreamState().getMsgCount()).isEqualTo(2);
        got.get(2).ackSync(Duration.ofSeconds(2));
        got.get(3).ackSync(Duration.ofSeconds(2));
        assertThat(jsm.getStreamInfo("W").getStreamState().getMsgCount()).isZero();
    }

    @Test
    void interestRemovesWhatEveryConsumerAcked() throws Exception {
        Connection nc = connect(js(0), o -> o);
        JetStreamManagement jsm = nc.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder().name("I").subjects("i.>")
                .retentionPolicy(RetentionPolicy.Interest).build());
        JetStream js = nc.jetStream();
        js.publish("i.early", b("nobody listens"));
        Await.until(Duration.ofSeconds(2), "the message nobody wants is gone", () -> messages(jsm, "I") == 0);

        jsm.addOrUpdateConsumer("I", explicit("A").build());
        jsm.addOrUpdateConsumer("I", explicit("B").build());
        js.publish("i.x", b("1"));
        js.publish("i.x", b("2"));
        JetStreamSubscription a = js.subscribe(null, PullSubscribeOptions.bind("I", "A"));
        JetStreamSubscription bsub = js.subscribe(null, PullSubscribeOptions.bind("I", "B"));
        for (Message m : a.fetch(2, Duration.ofSeconds(2))) {
            m.ackSync(Duration.ofSeconds(2));
        }
        assertThat(jsm.getStreamInfo("I").getStreamState().getMsgCount()).isEqualTo(2);
        List<Message> fromB = bsub.fetch(2, Duration.ofSeconds(2));
        fromB.get(0).ackSync(Duration.ofSeconds(2));
        assertThat(jsm.getStreamInfo("I").getStreamState().getMsgCount()).isEqualTo(1);
        fromB.get(1).ackSync(Duration.ofSeconds(2));
        assertThat(jsm.getStreamInfo("I").getStreamState().getMsgCount()).isZero();

        js.publish("i.x", b("3"));
        a.fetch(1, Duration.ofSeconds(2)).get(0).ackSync(Duration.ofSeconds(2));
        assertThat(jsm.getStreamInfo("I").getStreamState().getMsgCount()).isEqualTo(1); // B still holds it
        jsm.deleteConsumer("I", "B");
        assertThat(jsm.getStreamInfo("I").getStreamState().getMsgCount()).isZero();
    }

    @Test
    void ephemeralGoesAwayAfterInactiveThreshold() throws Exception {
        Connection nc = connect(js(0), o -> o);
        JetStreamManagement jsm = nc.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder().name("E").subjects("e.>").build());
        ConsumerInfo ci = jsm.addOrUpdateConsumer("E", ConsumerConfiguration.builder()
                .ackPolicy(AckPolicy.Explicit).inactiveThreshold(Duration.ofMillis(300)).build());
        assertThat(jsm.getConsumerNames("E")).containsExactly(ci.getName());
        Await.until(Duration.ofSeconds(3), "the ephemeral is deleted", () -> {
            try {
                return jsm.getConsumerNames("E").isEmpty();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void backoffSpacesRedeliveries() throws Exception {
        Connection nc = connect(js(0), o -> o);
        JetStreamManagement jsm = nc.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder().name("B").subjects("b.>").build());
        nc.jetStream().publish("b.x", b("x"));
        jsm.addOrUpdateConsumer("B", explicit("D").backoff(Duration.ofMillis(200), Duration.ofMillis(900))
                .maxDeliver(4).build());
        JetStreamSubscription sub = nc.jetStream().subscribe(null, PullSubscribeOptions.bind("B", "D"));
        sub.fetch(1, Duration.ofSeconds(1));
        long t0 = System.nanoTime();
        assertThat(sub.fetch(1, Duration.ofSeconds(2))).hasSize(1); // after 200 ms
        long first = System.nanoTime() - t0;
        assertThat(sub.fetch(1, Duration.ofMillis(600))).isEmpty(); // the second wait is 900 ms
        assertThat(sub.fetch(1, Duration.ofSeconds(2))).hasSize(1);
        assertThat(first).isLessThan(Duration.ofMillis(800).toNanos());
    }

    @Test
    void purgeReleasesPendingMessages() throws Exception {
        Connection nc = connect(js(0), o -> o);
        JetStreamManagement jsm = nc.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder().name("P").subjects("p.>").build());
        for (int i = 0; i < 3; i++) {
            nc.jetStream().publish("p.x", b("x" + i));
        }
        jsm.addOrUpdateConsumer("P", explicit("D").build());
        JetStreamSubscription sub = nc.jetStream().subscribe(null, PullSubscribeOptions.bind("P", "D"));
        assertThat(sub.fetch(2, Duration.ofSeconds(1))).hasSize(2);
        jsm.purgeStream("P");
        Await.until(Duration.ofSeconds(2), "purged messages are no longer pending", () -> {
            try {
                ConsumerInfo ci = jsm.getConsumerInfo("P", "D");
                return ci.getNumAckPending() == 0 && ci.getNumPending() == 0;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        ConsumerInfo ci = jsm.getConsumerInfo("P", "D");
        assertThat(ci.getDelivered().getStreamSequence()).isEqualTo(3);
        assertThat(ci.getAckFloor().getStreamSequence()).isEqualTo(3);
        nc.jetStream().publish("p.x", b("after"));
        Message m = sub.fetch(1, Duration.ofSeconds(1)).get(0);
        assertThat(m.metaData().streamSequence()).isEqualTo(4);
    }
}
