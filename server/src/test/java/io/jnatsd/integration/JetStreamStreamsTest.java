package io.jnatsd.integration;

import io.jnatsd.NatsServer;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.PublishOptions;
import io.nats.client.api.DiscardPolicy;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Streams through jnats's JetStream management and publish APIs (consumers are not built yet). */
class JetStreamStreamsTest extends JnatsIntegrationTest {
    @TempDir
    Path storeDir;

    private NatsServer js() {
        return startServer(b -> b.jetstream(true).storeDir(storeDir.toString()));
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void createPublishWithAcksGetAndDelete() throws Exception {
        Connection nc = connect(js(), o -> o);
        JetStreamManagement jsm = nc.jetStreamManagement();
        StreamInfo created = jsm.addStream(StreamConfiguration.builder().name("ORDERS").subjects("orders.>")
                .storageType(StorageType.File).build());
        assertThat(created.getConfiguration().getName()).isEqualTo("ORDERS");
        assertThat(created.getStreamState().getMsgCount()).isZero();

        JetStream js = nc.jetStream();
        PublishAck a1 = js.publish("orders.new", b("one"));
        PublishAck a2 = js.publish("orders.new", b("two"));
        assertThat(a1.getStream()).isEqualTo("ORDERS");
        assertThat(a1.getSeqno()).isEqualTo(1);
        assertThat(a2.getSeqno()).isEqualTo(2);

        StreamInfo info = jsm.getStreamInfo("ORDERS");
        assertThat(info.getStreamState().getMsgCount()).isEqualTo(2);
        assertThat(info.getStreamState().getLastSequence()).isEqualTo(2);
        MessageInfo m = jsm.getMessage("ORDERS", 2);
        assertThat(new String(m.getData(), StandardCharsets.UTF_8)).isEqualTo("two");
        assertThat(m.getSubject()).isEqualTo("orders.new");
        assertThat(jsm.getLastMessage("ORDERS", "orders.new").getSeq()).isEqualTo(2);

        assertThat(jsm.deleteMessage("ORDERS", 1)).isTrue();
        assertThat(jsm.getStreamInfo("ORDERS").getStreamState().getMsgCount()).isEqualTo(1);
        assertThat(jsm.getStreamNames()).containsExactly("ORDERS");
        assertThat(jsm.purgeStream("ORDERS").getPurged()).isEqualTo(1);
        assertThat(jsm.deleteStream("ORDERS")).isTrue();
        assertThatThrownBy(() -> jsm.getStreamInfo("ORDERS")).isInstanceOf(JetStreamApiException.class)
                .hasMessageContaining("10059");
    }

    @Test
    void exactlyOncePublishAndExpectations() throws Exception {
        Connection nc = connect(js(), o -> o);
        nc.jetStreamManagement().addStream(StreamConfiguration.builder().name("E").subjects("e.*")
                .storageType(StorageType.Memory).build());
        JetStream js = nc.jetStream();
        PublishAck first = js.publish("e.a", b("x"), PublishOptions.builder().messageId("id-1").build());
        PublishAck again = js.publish("e.a", b("x"), PublishOptions.builder().messageId("id-1").build());
        assertThat(again.isDuplicate()).isTrue();
        assertThat(again.getSeqno()).isEqualTo(first.getSeqno());
        assertThat(js.publish("e.b", b("y"), PublishOptions.builder().expectedLastSequence(1).build()).getSeqno())
                .isEqualTo(2);
        assertThatThrownBy(() -> js.publish("e.b", b("z"), PublishOptions.builder().expectedLastSequence(1).build()))
                .isInstanceOf(JetStreamApiException.class).hasMessageContaining("wrong last sequence: 2");
        assertThatThrownBy(() -> js.publish("e.b", b("z"), PublishOptions.builder().expectedStream("OTHER").build()))
                .isInstanceOf(JetStreamApiException.class).hasMessageContaining("expected stream does not match");
    }

    @Test
    void discardNewRefusesWhenFull() throws Exception {
        Connection nc = connect(js(), o -> o);
        nc.jetStreamManagement().addStream(StreamConfiguration.builder().name("F").subjects("f")
                .maxMessages(1).discardPolicy(DiscardPolicy.New).build());
        JetStream js = nc.jetStream();
        js.publish("f", b("1"));
        assertThatThrownBy(() -> js.publish("f", b("2"))).isInstanceOf(JetStreamApiException.class)
                .hasMessageContaining("maximum messages exceeded");
    }

    @Test
    void headersAreStoredAndStreamsSurviveARestart() throws Exception {
        NatsServer first = js();
        Connection nc = connect(first, o -> o);
        nc.jetStreamManagement().addStream(StreamConfiguration.builder().name("KEEP").subjects("keep.>").build());
        Headers h = new Headers().add("X-Trace", "t1");
        nc.jetStream().publish(NatsMessage.builder().subject("keep.a").headers(h).data(b("kept")).build());
        nc.close();
        int port = first.port();
        first.close();

        NatsServer second = startServer(b -> b.jetstream(true).storeDir(storeDir.toString()).port(port));
        Connection nc2 = connect(second, o -> o);
        JetStreamManagement jsm = nc2.jetStreamManagement();
        assertThat(jsm.getStreamInfo("KEEP").getStreamState().getMsgCount()).isEqualTo(1);
        MessageInfo m = jsm.getMessage("KEEP", 1);
        assertThat(m.getHeaders().getFirst("X-Trace")).isEqualTo("t1");
        assertThat(new String(m.getData(), StandardCharsets.UTF_8)).isEqualTo("kept");
        assertThat(nc2.jetStream().publish("keep.b", b("more")).getSeqno()).isEqualTo(2);
    }

    @Test
    void badRequestsGetErrorsAndChangeNothing() throws Exception {
        Connection nc = connect(js(), o -> o);
        Message r = nc.request("$JS.API.STREAM.CREATE.BAD", b("not json"), java.time.Duration.ofSeconds(5));
        assertThat(new String(r.getData(), StandardCharsets.UTF_8)).contains("\"err_code\":10025");
        Message mismatch = nc.request("$JS.API.STREAM.CREATE.A", b("{\"name\":\"B\"}"),
                java.time.Duration.ofSeconds(5));
        assertThat(new String(mismatch.getData(), StandardCharsets.UTF_8)).contains("\"err_code\":10056");
        JetStreamManagement jsm = nc.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder().name("ONE").subjects("x.>").build());
        assertThatThrownBy(() -> jsm.addStream(StreamConfiguration.builder().name("TWO").subjects("x.y").build()))
                .isInstanceOf(JetStreamApiException.class).hasMessageContaining("subjects overlap");
        assertThat(jsm.getStreamNames()).containsExactly("ONE");
    }

    @Test
    void keyValueBasicsThroughJnats() throws Exception {
        Connection nc = connect(js(), o -> o);
        io.nats.client.KeyValueManagement kvm = nc.keyValueManagement();
        kvm.create(io.nats.client.api.KeyValueConfiguration.builder().name("CONF").maxHistoryPerKey(3).build());
        io.nats.client.KeyValue kv = nc.keyValue("CONF");
        long r1 = kv.put("color", "red");
        long r2 = kv.put("color", "blue");
        assertThat(r2).isEqualTo(r1 + 1);
        io.nats.client.api.KeyValueEntry e = kv.get("color");
        assertThat(e.getValueAsString()).isEqualTo("blue");
        assertThat(e.getRevision()).isEqualTo(r2);
        assertThat(kv.get("missing")).isNull();
        assertThatThrownBy(() -> kv.create("color", b("green"))).isInstanceOf(JetStreamApiException.class);
        assertThat(kv.update("color", b("green"), r2)).isEqualTo(r2 + 1);
        assertThatThrownBy(() -> kv.update("color", b("old"), r1)).isInstanceOf(JetStreamApiException.class)
                .hasMessageContaining("wrong last sequence");
        kv.delete("color");
        assertThat(kv.get("color")).as("a delete marker reads as no key").isNull();
        kv.put("size", "L");
        kv.purge("size");
        assertThat(kv.get("size")).isNull();
        assertThat(nc.jetStreamManagement().getStreamInfo("KV_CONF").getStreamState().getSubjectCount())
                .as("the purge rolled up the subject to its marker").isEqualTo(2);
    }

    @Test
    void maxAgeRemovesOldMessagesWhileTheServerRuns() throws Exception {
        Connection nc = connect(js(), o -> o);
        JetStreamManagement jsm = nc.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder().name("AGE").subjects("age")
                .maxAge(java.time.Duration.ofMillis(300)).build());
        nc.jetStream().publish("age", b("short-lived"));
        assertThat(jsm.getStreamInfo("AGE").getStreamState().getMsgCount()).isEqualTo(1);
        io.jnatsd.testing.Await.until(java.time.Duration.ofSeconds(5), "the message expires", () -> {
            try {
                return jsm.getStreamInfo("AGE").getStreamState().getMsgCount() == 0;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void aSealedStreamRefusesPublishesDeletesAndPurges() throws Exception {
        Connection nc = connect(js(), o -> o);
        Message r = nc.request("$JS.API.STREAM.CREATE.SEAL",
                b("{\"name\":\"SEAL\",\"subjects\":[\"seal\"],\"sealed\":true}"), java.time.Duration.ofSeconds(5));
        assertThat(new String(r.getData(), StandardCharsets.UTF_8)).contains("\"sealed\":true");
        assertThatThrownBy(() -> nc.jetStream().publish("seal", b("x"))).isInstanceOf(JetStreamApiException.class)
                .hasMessageContaining("invalid operation on sealed stream");
        assertThatThrownBy(() -> nc.jetStreamManagement().purgeStream("SEAL"))
                .isInstanceOf(JetStreamApiException.class).hasMessageContaining("10109");
    }
}
