package io.jnatsd.integration;

import io.jnatsd.NatsServer;
import io.jnatsd.testing.RawClient;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.Subscription;
import io.nats.client.api.DiscardPolicy;
import io.nats.client.api.Republish;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import io.nats.client.api.StreamInfoOptions;
import io.nats.client.api.SubjectTransform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Stream features beyond the core: republish, subject_transform, first_seq, metadata, discard_new_per_subject,
 * subject changes through STREAM.UPDATE, deleted_details and the stream advisories.
 */
class JetStreamStreamFeaturesTest extends JnatsIntegrationTest {
    @TempDir
    Path storeDir;

    private NatsServer js() {
        return startServer(b -> b.jetstream(true).storeDir(storeDir.toString()));
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void republishSendsTheStoredMessageWithStreamHeaders() throws Exception {
        NatsServer server = js();
        Connection nc = connect(server, o -> o);
        nc.jetStreamManagement().addStream(StreamConfiguration.builder().name("R").subjects("r.>")
                .storageType(StorageType.Memory).republish(new Republish("r.>", "rp.>", false)).build());
        nc.jetStreamManagement().addStream(StreamConfiguration.builder().name("H").subjects("h.>")
                .storageType(StorageType.Memory).republish(new Republish("h.>", "hp.>", true)).build());
        try (RawClient c = RawClient.connect(server.port())) {
            c.timeout(5000);
            c.readInfo();
            c.send("CONNECT {\"verbose\":false,\"headers\":true}\r\nSUB rp.> 1\r\nSUB hp.> 2\r\nSUB _R 3\r\n"
                    + "PUB r.a _R 5\r\nhello\r\n");
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                lines.add(c.readLineSkippingPings());
            }
            assertThat(lines).containsExactly("HMSG rp.a 1 88 93", "NATS/1.0", "Nats-Stream: R", "Nats-Subject: r.a",
                    "Nats-Sequence: 1", "Nats-Last-Sequence: 0", "", "hello", "MSG _R 3 23");
            assertThat(c.readLine()).isEqualTo("{\"stream\":\"R\", \"seq\":1}");
            c.send("PUB h.x 3\r\nabc\r\n");
            lines.clear();
            for (int i = 0; i < 9; i++) {
                lines.add(c.readLineSkippingPings());
            }
            assertThat(lines).containsExactly("HMSG hp.x 2 106 106", "NATS/1.0", "Nats-Stream: H",
                    "Nats-Subject: h.x", "Nats-Sequence: 1", "Nats-Last-Sequence: 0", "Nats-Msg-Size: 3", "", "");
        }
    }

    @Test
    void transformFirstSeqMetadataAndDiscardNewPerSubject() throws Exception {
        Connection nc = connect(js(), o -> o);
        JetStreamManagement jsm = nc.jetStreamManagement();
        StreamInfo created = jsm.addStream(StreamConfiguration.builder().name("T").subjects("in.>")
                .subjectTransform(new SubjectTransform("in.>", "stored.>")).firstSequence(100)
                .metadata(Map.of("owner", "team-a")).discardPolicy(DiscardPolicy.New).maxMessagesPerSubject(1)
                .discardNewPerSubject(true).build());
        assertThat(created.getConfiguration().getMetadata()).containsEntry("owner", "team-a");
        assertThat(created.getConfiguration().getFirstSequence()).isEqualTo(100);
        assertThat(created.getConfiguration().getSubjectTransform().getDestination()).isEqualTo("stored.>");
        JetStream js = nc.jetStream();
        assertThat(js.publish("in.a", b("1")).getSeqno()).isEqualTo(100);
        assertThat(jsm.getMessage("T", 100).getSubject()).isEqualTo("stored.a");
        assertThatThrownBy(() -> js.publish("in.a", b("2"))).isInstanceOf(JetStreamApiException.class)
                .hasMessageContaining("maximum messages per subject exceeded");
        assertThat(js.publish("in.b", b("3")).getSeqno()).isEqualTo(101);
        assertThat(jsm.getStreamInfo("T").getConfiguration().isDiscardNewPerSubject()).isTrue();
    }

    @Test
    void updateChangesSubjectsAndInfoListsDeletedSequences() throws Exception {
        Connection nc = connect(js(), o -> o);
        JetStreamManagement jsm = nc.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder().name("U").subjects("a.>").storageType(StorageType.File).build());
        JetStream js = nc.jetStream();
        for (int i = 0; i < 5; i++) {
            js.publish("a.x", b("m" + i));
        }
        jsm.updateStream(StreamConfiguration.builder().name("U").subjects("b.>").storageType(StorageType.File)
                .build());
        assertThat(js.publish("b.y", b("new")).getSeqno()).isEqualTo(6);
        assertThatThrownBy(() -> js.publish("a.x", b("old"), io.nats.client.PublishOptions.builder()
                .expectedStream("U").build())).isInstanceOf(Exception.class);
        jsm.deleteMessage("U", 2);
        jsm.deleteMessage("U", 4);
        StreamInfo info = jsm.getStreamInfo("U", StreamInfoOptions.builder().deletedDetails().build());
        assertThat(info.getStreamState().getDeleted()).containsExactly(2L, 4L);
        assertThat(jsm.getStreamInfo("U").getConfiguration().getSubjects()).containsExactly("b.>");
        assertThatThrownBy(() -> jsm.updateStream(StreamConfiguration.builder().name("U").subjects("b.>")
                .storageType(StorageType.Memory).build())).isInstanceOf(JetStreamApiException.class)
                .hasMessageContaining("10052");
    }

    @Test
    void streamAdvisoriesForCreateUpdateDelete() throws Exception {
        Connection nc = connect(js(), o -> o);
        Subscription sub = nc.subscribe("$JS.EVENT.ADVISORY.STREAM.>");
        nc.flush(Duration.ofSeconds(5));
        JetStreamManagement jsm = nc.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder().name("ADV").subjects("adv").storageType(StorageType.Memory)
                .build());
        jsm.updateStream(StreamConfiguration.builder().name("ADV").subjects("adv").maxMessages(10)
                .storageType(StorageType.Memory).build());
        jsm.deleteStream("ADV");
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Message m = sub.nextMessage(Duration.ofSeconds(5));
            assertThat(m).isNotNull();
            String json = new String(m.getData(), StandardCharsets.UTF_8);
            assertThat(json).contains("\"type\":\"io.nats.jetstream.advisory.v1.stream_action\"", "\"stream\":\"ADV\"");
            seen.add(m.getSubject() + " " + json.replaceAll(".*\"action\":\"([a-z]+)\".*", "$1"));
        }
        assertThat(seen).containsExactly("$JS.EVENT.ADVISORY.STREAM.CREATED.ADV create",
                "$JS.EVENT.ADVISORY.STREAM.UPDATED.ADV modify", "$JS.EVENT.ADVISORY.STREAM.DELETED.ADV delete");
    }

    @Test
    void batchedDirectGetAndMultiLast() throws Exception {
        NatsServer server = js();
        Connection nc = connect(server, o -> o);
        nc.jetStreamManagement().addStream(StreamConfiguration.builder().name("D").subjects("d.*")
                .storageType(StorageType.Memory).allowDirect(true).build());
        JetStream js = nc.jetStream();
        for (String[] m : new String[][] {{"d.a", "1"}, {"d.b", "2"}, {"d.a", "3"}, {"d.c", "4"}}) {
            js.publish(m[0], b(m[1]));
        }
        try (RawClient c = RawClient.connect(server.port())) {
            c.timeout(5000);
            c.readInfo();
            c.send("CONNECT {\"verbose\":false,\"headers\":true}\r\nSUB _R 1\r\n");
            assertThat(directBatch(c, "{\"batch\":2,\"seq\":1}")).containsExactly(
                    "d.a seq 1 pending 3 last 0 data 1", "d.b seq 2 pending 2 last 1 data 2", "EOB pending 2 last 2");
            assertThat(directBatch(c, "{\"batch\":5,\"seq\":2,\"next_by_subj\":\"d.a\"}")).containsExactly(
                    "d.a seq 3 pending 0 last 0 data 3", "EOB pending 0 last 3");
            assertThat(directBatch(c, "{\"multi_last\":[\"d.*\"]}")).containsExactly(
                    "d.b seq 2 pending 2 last 0 data 2", "d.a seq 3 pending 1 last 2 data 3",
                    "d.c seq 4 pending 0 last 3 data 4", "EOB pending 0 last 4");
            assertThat(directBatch(c, "{\"multi_last\":[\"d.a\",\"d.b\"],\"up_to_seq\":2}")).containsExactly(
                    "d.a seq 1 pending 1 last 0 data 1", "d.b seq 2 pending 0 last 1 data 2", "EOB pending 0 last 2");
        }
    }

    /** One batched direct get: each reply as "subject seq n pending n last n data x", then the EOB status. */
    private static List<String> directBatch(RawClient c, String request) throws Exception {
        c.send("PUB $JS.API.DIRECT.GET.D _R " + request.length() + "\r\n" + request + "\r\n");
        List<String> out = new ArrayList<>();
        while (true) {
            String hmsg = c.readLineSkippingPings();
            assertThat(hmsg).startsWith("HMSG _R 1 ");
            Map<String, String> h = new java.util.HashMap<>();
            String status = c.readLine();
            for (String l = c.readLine(); !l.isEmpty(); l = c.readLine()) {
                h.put(l.substring(0, l.indexOf(':')), l.substring(l.indexOf(':') + 2));
            }
            String data = c.readLine();
            if (status.equals("NATS/1.0 204 EOB")) {
                out.add("EOB pending " + h.get("Nats-Num-Pending") + " last " + h.get("Nats-Last-Sequence"));
                return out;
            }
            out.add(h.get("Nats-Subject") + " seq " + h.get("Nats-Sequence") + " pending "
                    + h.get("Nats-Num-Pending") + " last " + h.get("Nats-Last-Sequence") + " data " + data);
        }
    }

    @Test
    void apiAuditAdvisoryCarriesRequestAndResponse() throws Exception {
        Connection nc = connect(js(), o -> o);
        Subscription sub = nc.subscribe("$JS.EVENT.ADVISORY.API");
        nc.flush(Duration.ofSeconds(5));
        assertThatThrownBy(() -> nc.jetStreamManagement().getStreamInfo("NOPE"))
                .isInstanceOf(JetStreamApiException.class);
        Message m = sub.nextMessage(Duration.ofSeconds(5));
        assertThat(m).isNotNull();
        var event = new com.fasterxml.jackson.databind.ObjectMapper().readTree(m.getData());
        assertThat(event.get("type").asText()).isEqualTo("io.nats.jetstream.advisory.v1.api_audit");
        assertThat(event.get("subject").asText()).isEqualTo("$JS.API.STREAM.INFO.NOPE");
        assertThat(event.get("client").get("acc").asText()).isEqualTo("$G");
        assertThat(event.get("response").asText()).contains("\"err_code\":10059");
    }
}
