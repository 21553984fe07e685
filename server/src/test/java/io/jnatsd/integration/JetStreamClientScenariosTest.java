package io.jnatsd.integration;

import io.jnatsd.NatsServer;
import io.jnatsd.testing.Await;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PushSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The client scenarios not covered elsewhere: bulk async publish, push with flow control and heartbeats. */
class JetStreamClientScenariosTest extends JnatsIntegrationTest {
    @TempDir
    Path storeDir;

    private Connection nc;
    private JetStreamManagement jsm;
    private JetStream js;
    private final AtomicInteger flowControlAnswers = new AtomicInteger();
    private final AtomicInteger heartbeatAlarms = new AtomicInteger();

    private void setUp(StorageType storage) throws Exception {
        NatsServer s = startServer(b -> b.jetstream(true).storeDir(storeDir.toString()));
        nc = connect(s, o -> o.errorListener(new ErrorListener() {
            @Override
            public void flowControlProcessed(Connection conn, JetStreamSubscription sub, String subject,
                    FlowControlSource source) {
                flowControlAnswers.incrementAndGet();
            }

            @Override
            public void heartbeatAlarm(Connection conn, JetStreamSubscription sub, long lastStreamSequence,
                    long lastConsumerSequence) {
                heartbeatAlarms.incrementAndGet();
            }
        }));
        jsm = nc.jetStreamManagement();
        js = nc.jetStream();
        jsm.addStream(StreamConfiguration.builder().name("BULK").subjects("bulk.>").storageType(storage).build());
    }

    @Test
    @Timeout(120)
    void asyncPublishOfHundredThousandMessagesGetsEveryAck() throws Exception {
        setUp(StorageType.File);
        int n = 100_000;
        byte[] payload = new byte[64];
        List<CompletableFuture<PublishAck>> acks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            acks.add(js.publishAsync("bulk." + (i % 10), payload));
        }
        long expected = 1;
        for (CompletableFuture<PublishAck> f : acks) {
            PublishAck ack = f.get(30, TimeUnit.SECONDS);
            assertThat(ack.getStream()).isEqualTo("BULK");
            assertThat(ack.getSeqno()).isEqualTo(expected++); // one connection: stored in publish order
        }
        assertThat(jsm.getStreamInfo("BULK").getStreamState().getMsgCount()).isEqualTo(n);
    }

    @Test
    @Timeout(60)
    void durablePushWithFlowControlAndIdleHeartbeats() throws Exception {
        setUp(StorageType.Memory);
        int n = 5000; // several flow control requests (one per 1024 messages or 256 KB)
        byte[] payload = new byte[512];
        for (int i = 0; i < n; i++) {
            js.publishAsync("bulk.x", payload);
        }
        Await.until(Duration.ofSeconds(20), "all stored", () -> messages() == n);
        ConsumerConfiguration cc = ConsumerConfiguration.builder().durable("PUSH").ackPolicy(AckPolicy.Explicit)
                .flowControl(Duration.ofMillis(500)).build(); // flowControl(d) = flow control + idle heartbeat d
        JetStreamSubscription sub = js.subscribe("bulk.>", PushSubscribeOptions.builder().configuration(cc).build());
        for (int i = 1; i <= n; i++) {
            Message m = sub.nextMessage(Duration.ofSeconds(5));
            assertThat(m).as("message %d", i).isNotNull();
            assertThat(m.metaData().streamSequence()).isEqualTo(i);
            m.ack();
        }
        assertThat(flowControlAnswers.get()).isPositive();
        // idle for 4 heartbeat intervals: jnats raises an alarm after 3 intervals without one
        assertThat(sub.nextMessage(Duration.ofMillis(2000))).isNull();
        assertThat(heartbeatAlarms.get()).isZero();
        Await.until(Duration.ofSeconds(5), "all acked", () -> ackFloor("PUSH") == n);
        js.publish("bulk.y", payload);
        assertThat(sub.nextMessage(Duration.ofSeconds(5)).metaData().streamSequence()).isEqualTo(n + 1);
    }

    private long messages() {
        try {
            return jsm.getStreamInfo("BULK").getStreamState().getMsgCount();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private long ackFloor(String consumer) {
        try {
            return jsm.getConsumerInfo("BULK", consumer).getAckFloor().getStreamSequence();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
