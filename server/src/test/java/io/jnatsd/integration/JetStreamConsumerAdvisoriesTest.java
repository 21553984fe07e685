package io.jnatsd.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.Subscription;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.StreamConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Consumer advisories on $JS.EVENT.ADVISORY.CONSUMER.> with nats-server 2.9.10's subjects, types and fields. */
class JetStreamConsumerAdvisoriesTest extends JnatsIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path storeDir;

    private static JsonNode next(Subscription sub, String subject) throws Exception {
        Message m = sub.nextMessage(Duration.ofSeconds(3));
        assertThat(m).as("advisory on " + subject).isNotNull();
        assertThat(m.getSubject()).isEqualTo(subject);
        JsonNode n = JSON.readTree(m.getData());
        assertThat(n.get("id").asText()).hasSize(22);
        assertThat(n.get("stream").asText()).isEqualTo("S");
        assertThat(n.get("consumer").asText()).isEqualTo("P");
        return n;
    }

    @Test
    void createdTerminatedMaxDeliveriesDeleted() throws Exception {
        Connection nc = connect(startServer(b -> b.jetstream(true).storeDir(storeDir.toString())), o -> o);
        Subscription adv = nc.subscribe("$JS.EVENT.ADVISORY.CONSUMER.>");
        nc.flush(Duration.ofSeconds(2));
        JetStreamManagement jsm = nc.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder().name("S").subjects("s.>").build());
        nc.jetStream().publish("s.a", "1".getBytes(StandardCharsets.UTF_8));
        nc.jetStream().publish("s.a", "2".getBytes(StandardCharsets.UTF_8));
        jsm.addOrUpdateConsumer("S", ConsumerConfiguration.builder().durable("P").ackPolicy(AckPolicy.Explicit)
                .ackWait(Duration.ofMillis(200)).maxDeliver(1).build());
        JsonNode created = next(adv, "$JS.EVENT.ADVISORY.CONSUMER.CREATED.S.P");
        assertThat(created.get("type").asText()).isEqualTo("io.nats.jetstream.advisory.v1.consumer_action");
        assertThat(created.get("action").asText()).isEqualTo("create");

        JetStreamSubscription sub = nc.jetStream().subscribe(null, PullSubscribeOptions.bind("S", "P"));
        List<Message> got = sub.fetch(2, Duration.ofSeconds(1));
        got.get(1).term();
        JsonNode term = next(adv, "$JS.EVENT.ADVISORY.CONSUMER.MSG_TERMINATED.S.P");
        assertThat(term.get("type").asText()).isEqualTo("io.nats.jetstream.advisory.v1.terminated");
        assertThat(term.get("stream_seq").asLong()).isEqualTo(2);
        assertThat(term.get("consumer_seq").asLong()).isEqualTo(2);
        assertThat(term.get("deliveries").asInt()).isEqualTo(1);

        Thread.sleep(400); // seq 1 is due again, but max_deliver is 1
        assertThat(sub.fetch(1, Duration.ofMillis(500))).isEmpty();
        JsonNode max = next(adv, "$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.S.P");
        assertThat(max.get("type").asText()).isEqualTo("io.nats.jetstream.advisory.v1.max_deliver");
        assertThat(max.get("stream_seq").asLong()).isEqualTo(1);
        assertThat(max.get("deliveries").asInt()).isEqualTo(1);

        jsm.deleteConsumer("S", "P");
        JsonNode deleted = next(adv, "$JS.EVENT.ADVISORY.CONSUMER.DELETED.S.P");
        assertThat(deleted.get("action").asText()).isEqualTo("delete");
    }
}
