package io.jnatsd.integration;

import io.jnatsd.NatsServer;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.KeyValue;
import io.nats.client.KeyValueManagement;
import io.nats.client.Message;
import io.nats.client.OrderedConsumerContext;
import io.nats.client.PushSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import io.nats.client.api.KeyValueWatcher;
import io.nats.client.api.OrderedConsumerConfiguration;
import io.nats.client.api.ReplayPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Push and ordered consumers, deliver policies, and KV watch/keys/history through jnats. */
class JetStreamPushConsumersTest extends JnatsIntegrationTest {
    @TempDir
    Path storeDir;

    private Connection nc;
    private JetStreamManagement jsm;
    private JetStream js;

    private void setUp(int messages) throws Exception {
        NatsServer s = startServer(b -> b.jetstream(true).storeDir(storeDir.toString()));
        nc = connect(s, o -> o);
        jsm = nc.jetStreamManagement();
        js = nc.jetStream();
        jsm.addStream(StreamConfiguration.builder().name("EV").subjects("ev.>").storageType(StorageType.Memory)
                .build());
        for (int i = 1; i <= messages; i++) {
            publish("ev." + (char) ('a' + (i - 1) % 3), "m" + i);
        }
    }

    private void publish(String subject, String data) throws Exception {
        js.publish(subject, data.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(Message m) {
        return new String(m.getData(), StandardCharsets.UTF_8);
    }

    private static List<String> drain(JetStreamSubscription sub, int max, Duration wait) throws Exception {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < max; i++) {
            Message m = sub.nextMessage(wait);
            if (m == null) {
                break;
            }
            out.add(text(m));
            if (m.isJetStream() && m.metaData() != null) {
                m.ack();
            }
        }
        return out;
    }

    private List<String> withPolicy(ConsumerConfiguration.Builder cc) throws Exception {
        JetStreamSubscription sub = js.subscribe(null, PushSubscribeOptions.builder().stream("EV")
                .configuration(cc.build()).build());
        return drain(sub, 20, Duration.ofMillis(400));
    }

    @Test
    void pushEphemeralGetsEverythingThenNewMessages() throws Exception {
        setUp(3);
        JetStreamSubscription sub = js.subscribe("ev.>");
        assertThat(drain(sub, 3, Duration.ofSeconds(2))).containsExactly("m1", "m2", "m3");
        publish("ev.z", "later");
        Message m = sub.nextMessage(Duration.ofSeconds(2));
        assertThat(m.getSubject()).isEqualTo("ev.z");
        assertThat(m.metaData().streamSequence()).isEqualTo(4);
        m.ack();
    }

    @Test
    void deliverPolicies() throws Exception {
        setUp(6); // a b c a b c
        assertThat(withPolicy(ConsumerConfiguration.builder().deliverPolicy(DeliverPolicy.Last)))
                .containsExactly("m6");
        assertThat(withPolicy(ConsumerConfiguration.builder().deliverPolicy(DeliverPolicy.New))).isEmpty();
        assertThat(withPolicy(ConsumerConfiguration.builder().deliverPolicy(DeliverPolicy.ByStartSequence)
                .startSequence(4))).containsExactly("m4", "m5", "m6");
        assertThat(withPolicy(ConsumerConfiguration.builder().deliverPolicy(DeliverPolicy.LastPerSubject)))
                .containsExactly("m4", "m5", "m6");
        assertThat(withPolicy(ConsumerConfiguration.builder().deliverPolicy(DeliverPolicy.LastPerSubject)
                .filterSubject("ev.a"))).containsExactly("m4");
        assertThat(withPolicy(ConsumerConfiguration.builder().deliverPolicy(DeliverPolicy.ByStartTime)
                .startTime(ZonedDateTime.now().plusHours(1)))).isEmpty();
        assertThat(withPolicy(ConsumerConfiguration.builder().deliverPolicy(DeliverPolicy.ByStartTime)
                .startTime(ZonedDateTime.now().minusHours(1)))).hasSize(6);
        assertThat(withPolicy(ConsumerConfiguration.builder().filterSubject("ev.b")))
                .containsExactly("m2", "m5");
    }

    @Test
    void headersOnlyAndMaxAckPending() throws Exception {
        setUp(5);
        JetStreamSubscription sub = js.subscribe(null, PushSubscribeOptions.builder().stream("EV")
                .configuration(ConsumerConfiguration.builder().headersOnly(true).ackPolicy(AckPolicy.Explicit)
                        .maxAckPending(2).build()).build());
        Message a = sub.nextMessage(Duration.ofSeconds(2));
        Message b = sub.nextMessage(Duration.ofSeconds(2));
        assertThat(a.getData()).isEmpty();
        assertThat(a.getHeaders().getFirst("Nats-Msg-Size")).isEqualTo("2");
        assertThat(sub.nextMessage(Duration.ofMillis(300))).isNull(); // two unacked: max_ack_pending
        a.ack();
        Message c = sub.nextMessage(Duration.ofSeconds(2));
        assertThat(c.metaData().streamSequence()).isEqualTo(3);
        b.ack();
        c.ack();
    }

    @Test
    void queueGroupDeliversEachMessageOnce() throws Exception {
        setUp(0);
        ConsumerConfiguration cc = ConsumerConfiguration.builder().durable("Q").deliverGroup("workers")
                .deliverSubject("deliver.q").ackPolicy(AckPolicy.Explicit).build();
        jsm.addOrUpdateConsumer("EV", cc);
        List<String> got = new CopyOnWriteArrayList<>();
        CountDownLatch all = new CountDownLatch(20);
        var d = nc.createDispatcher();
        for (int i = 0; i < 2; i++) {
            js.subscribe(null, "workers", d, m -> {
                got.add(text(m));
                m.ack();
                all.countDown();
            }, false, PushSubscribeOptions.bind("EV", "Q"));
        }
        for (int i = 0; i < 20; i++) {
            publish("ev.q", "q" + i);
        }
        assertThat(all.await(5, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(200);
        assertThat(got).hasSize(20).doesNotHaveDuplicates();
    }

    @Test
    void replayOriginalKeepsTheGaps() throws Exception {
        setUp(0);
        publish("ev.r", "r1");
        Thread.sleep(600);
        publish("ev.r", "r2");
        JetStreamSubscription sub = js.subscribe(null, PushSubscribeOptions.builder().stream("EV")
                .configuration(ConsumerConfiguration.builder().replayPolicy(ReplayPolicy.Original).build())
                .build());
        long t0 = System.nanoTime();
        assertThat(text(sub.nextMessage(Duration.ofSeconds(2)))).isEqualTo("r1");
        assertThat(text(sub.nextMessage(Duration.ofSeconds(2)))).isEqualTo("r2");
        assertThat(System.nanoTime() - t0).isGreaterThan(Duration.ofMillis(450).toNanos());
    }

    @Test
    void idleHeartbeatsAndFlowControlOnOrderedPush() throws Exception {
        setUp(0);
        JetStreamSubscription sub = js.subscribe("ev.>", PushSubscribeOptions.builder().ordered(true).build());
        for (int i = 0; i < 1500; i++) {
            publish("ev.o", "o" + i);
        }
        List<String> got = drain(sub, 1500, Duration.ofSeconds(3));
        assertThat(got).hasSize(1500);
        assertThat(got.get(1499)).isEqualTo("o1499");
    }

    @Test
    void orderedConsumerContext() throws Exception {
        setUp(10);
        OrderedConsumerContext oc = js.getStreamContext("EV")
                .createOrderedConsumer(new OrderedConsumerConfiguration().filterSubject("ev.a"));
        List<String> got = new ArrayList<>();
        try (var it = oc.iterate()) {
            for (int i = 0; i < 4; i++) {
                got.add(text(it.nextMessage(Duration.ofSeconds(2))));
            }
        }
        assertThat(got).containsExactly("m1", "m4", "m7", "m10");
    }

    @Test
    void keyValueWatchKeysAndHistory() throws Exception {
        setUp(0);
        KeyValueManagement kvm = nc.keyValueManagement();
        kvm.create(KeyValueConfiguration.builder().name("cfg").maxHistoryPerKey(5).build());
        KeyValue kv = nc.keyValue("cfg");
        kv.put("a", "1");
        kv.put("b", "1");
        kv.put("a", "2");
        kv.delete("b");
        kv.put("c", "1");
        assertThat(kv.keys()).containsExactlyInAnyOrder("a", "c");
        assertThat(kv.history("a")).extracting(e -> e.getValueAsString()).containsExactly("1", "2");
        assertThat(kv.history("b")).extracting(KeyValueEntry::getOperation)
                .containsExactly(KeyValueOperation.PUT, KeyValueOperation.DELETE);

        List<String> seen = new CopyOnWriteArrayList<>();
        CountDownLatch initial = new CountDownLatch(1);
        CountDownLatch update = new CountDownLatch(1);
        KeyValueWatcher w = new KeyValueWatcher() {
            @Override
            public void watch(KeyValueEntry e) {
                seen.add(e.getKey() + "=" + e.getValueAsString() + ":" + e.getOperation());
                if (e.getKey().equals("d")) {
                    update.countDown();
                }
            }

            @Override
            public void endOfData() {
                initial.countDown();
            }
        };
        try (var sub = kv.watchAll(w)) {
            assertThat(initial.await(3, TimeUnit.SECONDS)).isTrue();
            // the last entry per key, in stream order
            assertThat(seen).containsExactly("a=2:PUT", "b=null:DELETE", "c=1:PUT");
            kv.put("d", "9");
            assertThat(update.await(3, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void rateLimitPacesDeliveries() throws Exception {
        setUp(0);
        String payload = "x".repeat(200);
        for (int i = 0; i < 6; i++) {
            publish("ev.rate", payload);
        }
        // 8000 bits/s = 1000 bytes/s: six ~210 byte messages take over a second
        JetStreamSubscription sub = js.subscribe(null, PushSubscribeOptions.builder().stream("EV")
                .configuration(ConsumerConfiguration.builder().rateLimit(8000).build()).build());
        long t0 = System.nanoTime();
        assertThat(drain(sub, 6, Duration.ofSeconds(3))).hasSize(6);
        assertThat(System.nanoTime() - t0).isGreaterThan(Duration.ofMillis(900).toNanos());
    }
}
