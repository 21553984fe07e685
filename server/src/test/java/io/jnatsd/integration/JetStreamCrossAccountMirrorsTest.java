package io.jnatsd.integration;

import io.jnatsd.NatsServer;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.config.load.ConfigFileLoader;
import io.jnatsd.testing.Await;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.External;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.Mirror;
import io.nats.client.api.Source;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A mirror and a source in account B of a stream in account A, as the nats docs set it up: A exports its JetStream
 * API and the delivery subjects, B imports the API under {@code $JS.A.API} and the deliveries, and names both in
 * {@code external}.
 */
class JetStreamCrossAccountMirrorsTest extends JnatsIntegrationTest {
    static final String CONF = """
            jetstream { store_dir: "%s" }
            accounts {
              A: {
                jetstream: enabled
                users: [{user: a, password: a}]
                exports: [
                  {service: "$JS.API.>"}
                  {service: "$JS.FC.>"}
                  {stream: "deliver.b.>"}
                ]
              }
              B: {
                jetstream: enabled
                users: [{user: b, password: b}]
                imports: [
                  {service: {account: A, subject: "$JS.API.>"}, to: "$JS.A.API.>"}
                  {service: {account: A, subject: "$JS.FC.>"}}
                  {stream: {account: A, subject: "deliver.b.>"}}
                ]
              }
            }
            """;

    @TempDir
    Path dir;

    private NatsServer start() throws Exception {
        Path conf = dir.resolve("x.conf");
        Files.writeString(conf, CONF.formatted(dir.resolve("store")));
        ServerOptions.Builder b = ServerOptions.builder();
        ConfigFileLoader.withSystemEnvironment().load(conf, b);
        NatsServer s = NatsServer.start(b.port(0).build());
        return s;
    }

    private static long messages(JetStreamManagement jsm, String stream) {
        try {
            return jsm.getStreamInfo(stream).getStreamState().getMsgCount();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void mirrorAndSourceThroughAnImportedApi() throws Exception {
        NatsServer server = start();
        try {
            Connection a = connect(server, o -> o.userInfo("a", "a"));
            Connection b = connect(server, o -> o.userInfo("b", "b"));
            JetStreamManagement jsmA = a.jetStreamManagement();
            JetStreamManagement jsmB = b.jetStreamManagement();
            jsmA.addStream(StreamConfiguration.builder().name("ORDERS").subjects("orders.>").build());
            for (int i = 1; i <= 3; i++) {
                a.jetStream().publish("orders." + i, ("o" + i).getBytes(StandardCharsets.UTF_8));
            }
            External ext = External.builder().api("$JS.A.API").deliver("deliver.b").build();
            StreamInfo created = jsmB.addStream(StreamConfiguration.builder().name("M")
                    .mirror(Mirror.builder().sourceName("ORDERS").external(ext).build()).build());
            assertThat(created.getConfiguration().getMirror().getExternal().getApi()).isEqualTo("$JS.A.API");
            jsmB.addStream(StreamConfiguration.builder().name("S")
                    .sources(Source.builder().sourceName("ORDERS").external(ext).build()).build());
            Await.until(Duration.ofSeconds(10), "B copies A's stream",
                    () -> messages(jsmB, "M") == 3 && messages(jsmB, "S") == 3);
            a.jetStream().publish("orders.4", "o4".getBytes(StandardCharsets.UTF_8));
            Await.until(Duration.ofSeconds(10), "and follows it",
                    () -> messages(jsmB, "M") == 4 && messages(jsmB, "S") == 4);

            MessageInfo m = jsmB.getMessage("M", 4);
            assertThat(m.getSubject()).isEqualTo("orders.4");
            assertThat(new String(m.getData(), StandardCharsets.UTF_8)).isEqualTo("o4");
            String header = jsmB.getMessage("S", 4).getHeaders().getFirst("Nats-Stream-Source");
            assertThat(header).matches("ORDERS:[A-Za-z0-9_-]{8} 4");
            StreamInfo info = jsmB.getStreamInfo("M");
            assertThat(info.getMirrorInfo().getExternal().getApi()).isEqualTo("$JS.A.API");
            assertThat(info.getMirrorInfo().getExternal().getDeliver()).isEqualTo("deliver.b");
            assertThat(info.getMirrorInfo().getLag()).isZero();
        } finally {
            server.close();
        }
    }
}
