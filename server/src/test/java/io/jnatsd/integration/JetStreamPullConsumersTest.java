package io.jnatsd.integration;

import io.jnatsd.NatsServer;
import io.nats.client.Connection;
import io.nats.client.ConsumerContext;
import io.nats.client.FetchConsumeOptions;
import io.nats.client.FetchConsumer;
import io.nats.client.IterableConsumer;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.MessageConsumer;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.StreamConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pull consumers through jnats: create/info/names/list/delete, fetch, iterate, consume, every ack kind. */
class JetStreamPullConsumersTest extends JnatsIntegrationTest {
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
        jsm.addStream(StreamConfiguration.builder().name("ORDERS").subjects("orders.>").build());
        for (int i = 1; i <= messages; i++) {
            js.publish("orders." + (i % 2 == 0 ? "even" : "odd"), ("m" + i).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String text(Message m) {
        return new String(m.getData(), StandardCharsets.UTF_8);
    }

    private ConsumerConfiguration.Builder durable(String name) {
        return ConsumerConfiguration.builder().durable(name).ackPolicy(AckPolicy.Explicit);
    }

    @Test
    void manageConsumers() throws Exception {
        setUp(4);
        ConsumerInfo ci = jsm.addOrUpdateConsumer("ORDERS", durable("D1").build());
        assertThat(ci.getName()).isEqualTo("D1");
        assertThat(ci.getNumPending()).isEqualTo(4);
        assertThat(ci.getConsumerConfiguration().getAckWait()).isEqualTo(Duration.ofSeconds(30));
        assertThat(ci.getConsumerConfiguration().getMaxAckPending()).isEqualTo(1000);
        jsm.addOrUpdateConsumer("ORDERS", durable("EVEN").filterSubject("orders.even").build());
        assertThat(jsm.getConsumerInfo("ORDERS", "EVEN").getNumPending()).isEqualTo(2);
        assertThat(jsm.getConsumerNames("ORDERS")).containsExactly("D1", "EVEN");
        assertThat(jsm.getConsumers("ORDERS")).hasSize(2);
        assertThat(jsm.getStreamInfo("ORDERS").getStreamState().getConsumerCount()).isEqualTo(2);
        assertThat(jsm.deleteConsumer("ORDERS", "EVEN")).isTrue();
        assertThatThrownBy(() -> jsm.getConsumerInfo("ORDERS", "EVEN"))
                .isInstanceOf(JetStreamApiException.class).hasMessageContaining("10014");
        assertThatThrownBy(() -> jsm.addOrUpdateConsumer("NOPE", durable("X").build()))
                .isInstanceOf(JetStreamApiException.class).hasMessageContaining("10059");

        jsm.addStream(StreamConfiguration.builder().name("ONE").subjects("one").maxConsumers(1).build());
        jsm.addOrUpdateConsumer("ONE", durable("FIRST").build());
        assertThatThrownBy(() -> jsm.addOrUpdateConsumer("ONE", durable("SECOND").build()))
                .isInstanceOf(JetStreamApiException.class).hasMessageContaining("10026");
        jsm.addOrUpdateConsumer("ONE", durable("FIRST").description("an update is not a new consumer").build());
    }

    @Test
    void fetchAckAndInfoCounters() throws Exception {
        setUp(10);
        jsm.addOrUpdateConsumer("ORDERS", durable("D").build());
        JetStreamSubscription sub = js.subscribe(null, PullSubscribeOptions.bind("ORDERS", "D"));
        List<Message> got = sub.fetch(4, Duration.ofSeconds(2));
        assertThat(got).extracting(JetStreamPullConsumersTest::text).containsExactly("m1", "m2", "m3", "m4");
        assertThat(got.get(0).metaData().streamSequence()).isEqualTo(1);
        assertThat(got.get(3).metaData().consumerSequence()).isEqualTo(4);
        assertThat(got.get(3).metaData().pendingCount()).isEqualTo(6);
        assertThat(got.get(0).getSubject()).isEqualTo("orders.odd");
        got.get(0).ack();
        got.get(2).ackSync(Duration.ofSeconds(2));
        ConsumerInfo ci = jsm.getConsumerInfo("ORDERS", "D");
        assertThat(ci.getDelivered().getStreamSequence()).isEqualTo(4);
        assertThat(ci.getDelivered().getConsumerSequence()).isEqualTo(4);
        assertThat(ci.getAckFloor().getStreamSequence()).isEqualTo(1);
        assertThat(ci.getNumAckPending()).isEqualTo(2);
        assertThat(ci.getNumPending()).isEqualTo(6);
        got.get(1).ack();
        got.get(3).term();
        ci = jsm.getConsumerInfo("ORDERS", "D");
        assertThat(ci.getAckFloor().getStreamSequence()).isEqualTo(4);
        assertThat(ci.getNumAckPending()).isZero();

        List<Message> rest = sub.fetch(100, Duration.ofMillis(500));
        assertThat(rest).hasSize(6);
        rest.forEach(Message::ack);
        assertThat(sub.fetch(1, Duration.ofMillis(300))).isEmpty();
    }

    @Test
    void ackWaitRedeliversAndMaxDeliverStops() throws Exception {
        setUp(1);
        jsm.addOrUpdateConsumer("ORDERS", durable("R").ackWait(Duration.ofMillis(300)).maxDeliver(2).build());
        JetStreamSubscription sub = js.subscribe(null, PullSubscribeOptions.bind("ORDERS", "R"));
        Message first = sub.fetch(1, Duration.ofSeconds(1)).get(0);
        assertThat(first.metaData().deliveredCount()).isEqualTo(1);
        Message again = sub.fetch(1, Duration.ofSeconds(2)).get(0);
        assertThat(again.metaData().deliveredCount()).isEqualTo(2);
        assertThat(again.metaData().streamSequence()).isEqualTo(1);
        assertThat(again.metaData().consumerSequence()).isEqualTo(2);
        ConsumerInfo ci = jsm.getConsumerInfo("ORDERS", "R");
        assertThat(ci.getRedelivered()).isEqualTo(1);
        assertThat(sub.fetch(1, Duration.ofMillis(900))).isEmpty(); // max_deliver 2 reached
    }

    @Test
    void nakRedeliversAtOnceOrAfterDelayAndWpiExtends() throws Exception {
        setUp(2);
        jsm.addOrUpdateConsumer("ORDERS", durable("N").ackWait(Duration.ofMillis(600)).build());
        JetStreamSubscription sub = js.subscribe(null, PullSubscribeOptions.bind("ORDERS", "N"));
        Message m1 = sub.fetch(1, Duration.ofSeconds(1)).get(0);
        m1.nak();
        Message r1 = sub.fetch(1, Duration.ofSeconds(1)).get(0);
        assertThat(r1.metaData().streamSequence()).isEqualTo(1);
        assertThat(r1.metaData().deliveredCount()).isEqualTo(2);
        long t0 = System.nanoTime();
        r1.nakWithDelay(Duration.ofMillis(400));
        Message m2 = sub.fetch(1, Duration.ofSeconds(1)).get(0);
        assertThat(m2.metaData().streamSequence()).isEqualTo(2);
        for (int i = 0; i < 4; i++) {
            Thread.sleep(250);
            m2.inProgress(); // keeps seq 2 from coming back
        }
        Message r2 = sub.fetch(1, Duration.ofSeconds(1)).get(0);
        assertThat(r2.metaData().streamSequence()).isEqualTo(1);
        assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(Duration.ofMillis(400).toNanos());
        m2.ack();
        r2.ack();
        assertThat(sub.fetch(1, Duration.ofMillis(800))).isEmpty();
    }

    @Test
    void ackAllAndAckNone() throws Exception {
        setUp(5);
        jsm.addOrUpdateConsumer("ORDERS", ConsumerConfiguration.builder().durable("ALL").ackPolicy(AckPolicy.All)
                .build());
        JetStreamSubscription sub = js.subscribe(null, PullSubscribeOptions.bind("ORDERS", "ALL"));
        List<Message> got = sub.fetch(5, Duration.ofSeconds(1));
        assertThat(got).hasSize(5);
        got.get(2).ack();
        ConsumerInfo ci = jsm.getConsumerInfo("ORDERS", "ALL");
        assertThat(ci.getNumAckPending()).isEqualTo(2);
        assertThat(ci.getAckFloor().getStreamSequence()).isEqualTo(3);

        jsm.addOrUpdateConsumer("ORDERS", ConsumerConfiguration.builder().durable("NONE").ackPolicy(AckPolicy.None)
                .build());
        JetStreamSubscription none = js.subscribe(null, PullSubscribeOptions.bind("ORDERS", "NONE"));
        assertThat(none.fetch(5, Duration.ofSeconds(1))).hasSize(5);
        ci = jsm.getConsumerInfo("ORDERS", "NONE");
        assertThat(ci.getNumAckPending()).isZero();
        assertThat(ci.getAckFloor().getStreamSequence()).isEqualTo(5);
        assertThat(ci.getConsumerConfiguration().getAckPolicy()).isEqualTo(AckPolicy.None);
    }

    @Test
    void simplifiedFetchIterateAndConsume() throws Exception {
        setUp(30);
        // iterate() pulls more than it reads: what it left unacked comes back to consume() after ack_wait
        jsm.addOrUpdateConsumer("ORDERS", durable("S").ackWait(Duration.ofSeconds(1)).build());
        ConsumerContext cc = js.getStreamContext("ORDERS").getConsumerContext("S");
        List<String> fetched = new ArrayList<>();
        try (FetchConsumer fc = cc.fetch(FetchConsumeOptions.builder().maxMessages(10)
                .expiresIn(1000).build())) {
            Message m;
            while ((m = fc.nextMessage()) != null) {
                fetched.add(text(m));
                m.ack();
            }
        }
        assertThat(fetched).hasSize(10).startsWith("m1");

        List<String> iterated = new ArrayList<>();
        try (IterableConsumer it = cc.iterate()) {
            for (int i = 0; i < 10; i++) {
                Message m = it.nextMessage(Duration.ofSeconds(2));
                assertThat(m).isNotNull();
                iterated.add(text(m));
                m.ack();
            }
        }
        assertThat(iterated).startsWith("m11").endsWith("m20");

        List<String> consumed = new CopyOnWriteArrayList<>();
        try (MessageConsumer mc = cc.consume(m -> {
            consumed.add(text(m));
            m.ack();
        })) {
            long end = System.currentTimeMillis() + 8000;
            while (consumed.size() < 10 && System.currentTimeMillis() < end) {
                Thread.sleep(20);
            }
            mc.stop();
        }
        assertThat(consumed).contains("m21", "m30");
    }

    @Test
    void ephemeralPullWithFilter() throws Exception {
        setUp(6);
        JetStreamSubscription sub = js.subscribe("orders.even", PullSubscribeOptions.builder().build());
        List<Message> got = sub.fetch(10, Duration.ofMillis(500));
        assertThat(got).extracting(JetStreamPullConsumersTest::text).containsExactly("m2", "m4", "m6");
        got.forEach(Message::ack);
    }

    @Test
    void filterSubjectsSelectSeveralSubjects() throws Exception {
        setUp(4);
        jsm.addStream(StreamConfiguration.builder().name("MULTI").subjects("a.>", "b.>", "c.>").build());
        for (String subject : new String[] {"a.1", "b.1", "c.1", "a.2"}) {
            js.publish(subject, subject.getBytes(StandardCharsets.UTF_8));
        }
        // jnats sends filter_subjects only to 2.10 servers: the create request is written by hand
        String create = "{\"stream_name\":\"MULTI\",\"config\":{\"durable_name\":\"MF\",\"ack_policy\":"
                + "\"explicit\",\"filter_subjects\":[\"a.>\",\"c.1\"]}}";
        Message r = nc.request("$JS.API.CONSUMER.DURABLE.CREATE.MULTI.MF", create.getBytes(StandardCharsets.UTF_8),
                Duration.ofSeconds(2));
        assertThat(new String(r.getData(), StandardCharsets.UTF_8)).contains("\"num_pending\":3");
        JetStreamSubscription sub = js.subscribe(null, PullSubscribeOptions.bind("MULTI", "MF"));
        assertThat(sub.fetch(10, Duration.ofMillis(500))).extracting(JetStreamPullConsumersTest::text)
                .containsExactly("a.1", "c.1", "a.2");
        String overlapping = create.replace("\"MF\"", "\"MO\"").replace("\"c.1\"", "\"a.1\"");
        Message bad = nc.request("$JS.API.CONSUMER.DURABLE.CREATE.MULTI.MO",
                overlapping.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(2));
        assertThat(new String(bad.getData(), StandardCharsets.UTF_8)).contains("10138");
    }
}
