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
import io.nats.client.api.MessageInfo;
import io.nats.client.api.Mirror;
import io.nats.client.api.MirrorInfo;
import io.nats.client.api.Source;
import io.nats.client.api.SourceInfo;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import io.nats.client.api.SubjectTransform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Mirrors and sources through jnats's JetStreamManagement: copying, following, restarts, config errors. */
class JetStreamMirrorsTest extends JnatsIntegrationTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path storeDir;

    private NatsServer js() {
        return startServer(b -> b.jetstream(true).storeDir(storeDir.toString()));
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

    @Test
    void mirrorCopiesWithOriginSequencesAndKeepsFollowing() throws Exception {
        Connection nc = connect(js(), o -> o);
        JetStreamManagement jsm = nc.jetStreamManagement();
        JetStream js = nc.jetStream();
        jsm.addStream(StreamConfiguration.builder().name("O").subjects("o.>").storageType(StorageType.File).build());
        for (int i = 1; i <= 5; i++) {
            js.publish("o." + i, b("m" + i));
        }
        jsm.deleteMessage("O", 2); // a gap the mirror keeps as a deleted sequence
        StreamInfo created = jsm.addStream(StreamConfiguration.builder().name("M").mirror(Mirror.builder()
                .sourceName("O").build()).allowDirect(true).mirrorDirect(true).build());
        assertThat(created.getConfiguration().getMirror().getSourceName()).isEqualTo("O");
        assertThat(created.getConfiguration().getSubjects()).isEmpty();

        Await.until(WAIT, "the mirror has the origin's 4 messages", () -> messages(jsm, "M") == 4);
        StreamInfo info = jsm.getStreamInfo("M");
        assertThat(info.getStreamState().getFirstSequence()).isEqualTo(1);
        assertThat(info.getStreamState().getLastSequence()).isEqualTo(5);
        MirrorInfo mirror = info.getMirrorInfo();
        assertThat(mirror.getName()).isEqualTo("O");
        assertThat(mirror.getLag()).isZero();
        assertThat(mirror.getError()).isNull();
        MessageInfo m3 = jsm.getMessage("M", 3);
        assertThat(m3.getSubject()).isEqualTo("o.3");
        assertThat(new String(m3.getData(), StandardCharsets.UTF_8)).isEqualTo("m3");
        assertThat(m3.getTime()).isEqualTo(jsm.getMessage("O", 3).getTime()); // the origin's timestamp
        assertThatThrownBy(() -> jsm.getMessage("M", 2)).isInstanceOf(JetStreamApiException.class);

        js.publish("o.6", b("m6"));
        Await.until(WAIT, "the mirror follows", () -> messages(jsm, "M") == 5);
        assertThat(new String(jsm.getMessage("M", 6).getData(), StandardCharsets.UTF_8)).isEqualTo("m6");

        // direct get and a consumer on the mirror
        Message direct = nc.request("$JS.API.DIRECT.GET.M", b("{\"seq\":4}"), Duration.ofSeconds(2));
        assertThat(new String(direct.getData(), StandardCharsets.UTF_8)).isEqualTo("m4");
        JetStreamSubscription sub = js.subscribe("o.>", PullSubscribeOptions.builder().stream("M").build());
        List<String> read = new ArrayList<>();
        for (Message msg : sub.fetch(10, Duration.ofSeconds(2))) {
            read.add(new String(msg.getData(), StandardCharsets.UTF_8));
            assertThat(msg.metaData().streamSequence()).isEqualTo(Long.parseLong(msg.getSubject().substring(2)));
        }
        assertThat(read).containsExactly("m1", "m3", "m4", "m5", "m6");
    }

    @Test
    void mirrorConfigErrorsAsNatsServer() throws Exception {
        Connection nc = connect(js(), o -> o);
        JetStreamManagement jsm = nc.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder().name("O").subjects("o.>").build());
        jsm.addStream(StreamConfiguration.builder().name("P").subjects("p.>").build());
        assertThatThrownBy(() -> jsm.addStream(StreamConfiguration.builder().name("M").subjects("m.>")
                .mirror(Mirror.builder().sourceName("O").build()).build()))
                .isInstanceOf(JetStreamApiException.class).hasMessageContaining("10034")
                .hasMessageContaining("stream mirrors can not contain subjects");
        assertThatThrownBy(() -> jsm.addStream(StreamConfiguration.builder().name("M")
                .mirror(Mirror.builder().sourceName("O").build()).sources(Source.builder().sourceName("P").build())
                .build()))
                .isInstanceOf(JetStreamApiException.class).hasMessageContaining("10031");
        jsm.addStream(StreamConfiguration.builder().name("M").mirror(Mirror.builder().sourceName("O").build())
                .build());
        assertThatThrownBy(() -> jsm.updateStream(StreamConfiguration.builder().name("M")
                .mirror(Mirror.builder().sourceName("P").build()).build()))
                .isInstanceOf(JetStreamApiException.class).hasMessageContaining("10055");
    }

    @Test
    void sourcesMergeWithTheSourceHeaderAndFollowUpdates() throws Exception {
        Connection nc = connect(js(), o -> o);
        JetStreamManagement jsm = nc.jetStreamManagement();
        JetStream js = nc.jetStream();
        jsm.addStream(StreamConfiguration.builder().name("A").subjects("a.>").build());
        jsm.addStream(StreamConfiguration.builder().name("B").subjects("b.>").build());
        jsm.addStream(StreamConfiguration.builder().name("C").subjects("c.>").build());
        js.publish("a.1", b("a1"));
        js.publish("a.2", b("a2"));
        js.publish("b.1", b("b1"));
        js.publish("c.1", b("c1"));
        jsm.addStream(StreamConfiguration.builder().name("S").sources(Source.builder().sourceName("A").build(),
                Source.builder().sourceName("B").build()).build());
        Await.until(WAIT, "S has A's and B's messages", () -> messages(jsm, "S") == 3);
        List<String> sourceHeaders = new ArrayList<>();
        for (long q = 1; q <= 3; q++) {
            MessageInfo m = jsm.getMessage("S", q);
            sourceHeaders.add(m.getSubject() + "=" + m.getHeaders().getFirst("Nats-Stream-Source"));
        }
        assertThat(sourceHeaders).containsExactlyInAnyOrder("a.1=A 1", "a.2=A 2", "b.1=B 1");
        StreamInfo info = jsm.getStreamInfo("S");
        assertThat(info.getSourceInfos()).extracting(SourceInfo::getName).containsExactlyInAnyOrder("A", "B");

        jsm.updateStream(StreamConfiguration.builder().name("S").sources(Source.builder().sourceName("A").build(),
                Source.builder().sourceName("C").build()).build());
        Await.until(WAIT, "C's message arrives", () -> messages(jsm, "S") == 4);
        js.publish("b.2", b("b2")); // B was removed
        js.publish("a.3", b("a3"));
        Await.until(WAIT, "A keeps feeding", () -> messages(jsm, "S") == 5);
        Thread.sleep(300);
        assertThat(messages(jsm, "S")).isEqualTo(5);
        assertThat(jsm.getStreamInfo("S").getSourceInfos()).extracting(SourceInfo::getName)
                .containsExactlyInAnyOrder("A", "C");
        assertThat(jsm.getMessage("S", 5).getHeaders().getFirst("Nats-Stream-Source")).isEqualTo("A 3");
    }

    @Test
    void mirrorAndSourceResumeAfterARestartWithoutDuplicatesOrGaps() throws Exception {
        NatsServer first = js();
        Connection nc = connect(first, o -> o);
        JetStreamManagement jsm = nc.jetStreamManagement();
        JetStream js = nc.jetStream();
        jsm.addStream(StreamConfiguration.builder().name("O").subjects("o.>").build());
        jsm.addStream(StreamConfiguration.builder().name("M").mirror(Mirror.builder().sourceName("O").build())
                .build());
        jsm.addStream(StreamConfiguration.builder().name("S").sources(Source.builder().sourceName("O").build())
                .build());
        for (int i = 1; i <= 3; i++) {
            js.publish("o.x", b("m" + i));
        }
        Await.until(WAIT, "copied", () -> messages(jsm, "M") == 3 && messages(jsm, "S") == 3);
        nc.close();
        first.close();

        NatsServer second = startServer(b -> b.jetstream(true).storeDir(storeDir.toString()));
        Connection nc2 = connect(second, o -> o);
        JetStreamManagement jsm2 = nc2.jetStreamManagement();
        JetStream js2 = nc2.jetStream();
        for (int i = 4; i <= 5; i++) {
            js2.publish("o.x", b("m" + i));
        }
        Await.until(WAIT, "copied after the restart", () -> messages(jsm2, "M") == 5 && messages(jsm2, "S") == 5);
        Thread.sleep(500);
        assertThat(messages(jsm2, "M")).isEqualTo(5);
        assertThat(messages(jsm2, "S")).isEqualTo(5);
        for (long q = 1; q <= 5; q++) {
            assertThat(new String(jsm2.getMessage("M", q).getData(), StandardCharsets.UTF_8)).isEqualTo("m" + q);
            MessageInfo s = jsm2.getMessage("S", q);
            assertThat(new String(s.getData(), StandardCharsets.UTF_8)).isEqualTo("m" + q);
            assertThat(s.getHeaders().getFirst("Nats-Stream-Source")).isEqualTo("O " + q);
        }
    }

    @Test
    void mirrorDirectAnswersTheOriginsDirectGets() throws Exception {
        Connection nc = connect(js(), o -> o);
        JetStreamManagement jsm = nc.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder().name("O").subjects("o.>").build()); // no allow_direct
        nc.jetStream().publish("o.1", b("one"));
        jsm.addStream(StreamConfiguration.builder().name("M").mirror(Mirror.builder().sourceName("O").build())
                .allowDirect(true).mirrorDirect(true).build());
        Await.until(WAIT, "mirrored", () -> messages(jsm, "M") == 1);
        Message direct = nc.request("$JS.API.DIRECT.GET.O", b("{\"seq\":1}"), Duration.ofSeconds(2));
        assertThat(new String(direct.getData(), StandardCharsets.UTF_8)).isEqualTo("one");
        assertThat(direct.getHeaders().getFirst("Nats-Stream")).isEqualTo("M");
    }

    @Test
    void startPointsFiltersAndTransforms() throws Exception {
        Connection nc = connect(js(), o -> o);
        JetStreamManagement jsm = nc.jetStreamManagement();
        JetStream js = nc.jetStream();
        jsm.addStream(StreamConfiguration.builder().name("O").subjects("o.>").build());
        for (int i = 1; i <= 4; i++) {
            js.publish(i % 2 == 0 ? "o.even" : "o.odd", b("m" + i));
        }
        jsm.addStream(StreamConfiguration.builder().name("FROM3").mirror(Mirror.builder().sourceName("O")
                .startSeq(3).build()).build());
        jsm.addStream(StreamConfiguration.builder().name("EVEN").sources(Source.builder().sourceName("O")
                .filterSubject("o.even").build()).build());
        jsm.addStream(StreamConfiguration.builder().name("T").sources(Source.builder().sourceName("O")
                .subjectTransforms(SubjectTransform.builder().source("o.*").destination("t.$1").build()).build())
                .build());
        jsm.addStream(StreamConfiguration.builder().name("LATER").sources(Source.builder().sourceName("O")
                .startTime(java.time.ZonedDateTime.now().plusHours(1)).build()).build());
        Await.until(WAIT, "copied", () -> messages(jsm, "FROM3") == 2 && messages(jsm, "EVEN") == 2
                && messages(jsm, "T") == 4);
        assertThat(jsm.getStreamInfo("FROM3").getStreamState().getFirstSequence()).isEqualTo(3);
        assertThat(jsm.getMessage("EVEN", 2).getHeaders().getFirst("Nats-Stream-Source")).isEqualTo("O 4");
        assertThat(jsm.getMessage("T", 1).getSubject()).isEqualTo("t.odd");
        assertThat(messages(jsm, "LATER")).isZero();
    }

    @Test
    void aLargeBacklogGoesThroughFlowControl() throws Exception {
        Connection nc = connect(js(), o -> o);
        JetStreamManagement jsm = nc.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder().name("O").subjects("o.>").storageType(StorageType.Memory)
                .build());
        var js = nc.jetStream();
        List<java.util.concurrent.CompletableFuture<io.nats.client.api.PublishAck>> acks = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) { // more than a consumer sends before it waits for a flow control answer
            acks.add(js.publishAsync("o.x", b("m" + i)));
        }
        for (var a : acks) {
            a.get();
        }
        jsm.addStream(StreamConfiguration.builder().name("M").storageType(StorageType.Memory)
                .mirror(Mirror.builder().sourceName("O").build()).build());
        jsm.addStream(StreamConfiguration.builder().name("S").storageType(StorageType.Memory)
                .sources(Source.builder().sourceName("O").build()).build());
        Await.until(Duration.ofSeconds(30), "all 10000 copied",
                () -> messages(jsm, "M") == 10_000 && messages(jsm, "S") == 10_000);
        assertThat(new String(jsm.getMessage("M", 10_000).getData(), StandardCharsets.UTF_8)).isEqualTo("m9999");
        assertThat(jsm.getStreamInfo("M").getMirrorInfo().getLag()).isZero();
    }

    @Test
    void aFullMirrorShowsTheErrorAndResumesWhenThereIsRoom() throws Exception {
        Connection nc = connect(js(), o -> o);
        JetStreamManagement jsm = nc.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder().name("O").subjects("o.>").build());
        for (int i = 1; i <= 3; i++) {
            nc.jetStream().publish("o.x", b("m" + i));
        }
        jsm.addStream(StreamConfiguration.builder().name("M").maxMessages(2)
                .discardPolicy(io.nats.client.api.DiscardPolicy.New)
                .mirror(Mirror.builder().sourceName("O").build()).build());
        Await.until(WAIT, "the mirror reports the refusal", () -> {
            try {
                var e = jsm.getStreamInfo("M").getMirrorInfo().getError();
                return e != null && e.getApiErrorCode() == 10077;
            } catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        });
        assertThat(messages(jsm, "M")).isEqualTo(2);
        jsm.purgeStream("M");
        Await.until(WAIT, "the third one arrives after the purge", () -> {
            try {
                return jsm.getStreamInfo("M").getStreamState().getLastSequence() == 3;
            } catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        });
        assertThat(new String(jsm.getMessage("M", 3).getData(), StandardCharsets.UTF_8)).isEqualTo("m3");
    }
}
