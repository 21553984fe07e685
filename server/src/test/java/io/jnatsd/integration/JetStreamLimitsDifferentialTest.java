package io.jnatsd.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jnatsd.NatsServer;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.config.load.ConfigFileLoader;
import io.jnatsd.testing.FreePorts;
import io.jnatsd.testing.JsonOutline;
import io.jnatsd.testing.JsApiReplies;
import io.jnatsd.testing.RawClient;
import io.jnatsd.testing.ReferenceServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-account JetStream (accounts block) and the limits, against nats-server 2.9.10 with the same config: which
 * accounts get JetStream (10039 for the others), max_streams (10027), max_bytes reservations (10028 / 10047),
 * publishes over the account's storage (10002, pub acks byte for byte), $JS.API.INFO's limits, INFO's jetstream
 * flag, and /jsz and /varz by field names.
 */
class JetStreamLimitsDifferentialTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONF = """
            host: 127.0.0.1
            http: "127.0.0.1:%d"
            jetstream { store_dir: "%s", max_memory_store: 10MB, max_file_store: 100MB }
            accounts {
              A { jetstream: { max_mem: 1MB, max_file: 2MB, max_streams: 2, max_consumers: 5 }, users [{user: a, password: a}] }
              B { users [{user: b, password: b}] }
              C { jetstream: enabled, users [{user: c, password: c}] }
            }
            """;
    private static ReferenceServer reference;
    private static NatsServer jnatsd;
    private static int refHttp;
    private static int ourHttp;

    @BeforeAll
    static void start() throws IOException {
        ReferenceServer.assumeAvailable();
        refHttp = FreePorts.find();
        reference = ReferenceServer.startWithConfig(CONF.formatted(refHttp,
                Files.createTempDirectory("ref-jslimits")));
        ourHttp = FreePorts.find();
        Path conf = Files.createTempFile("jslimits", ".conf");
        Files.writeString(conf, CONF.formatted(ourHttp, Files.createTempDirectory("our-jslimits")));
        ServerOptions.Builder b = ServerOptions.builder();
        ConfigFileLoader.withSystemEnvironment().load(conf, b);
        jnatsd = NatsServer.start(b.port(0).build());
    }

    @AfterAll
    static void stop() {
        if (reference != null) {
            reference.close();
        }
        if (jnatsd != null) {
            jnatsd.close();
        }
    }

    @Test
    void sameLimitsAndErrors() throws Exception {
        List<String> ours = session(jnatsd.port());
        List<String> theirs = session(reference.port());
        assertThat(ours).isEqualTo(theirs);
        assertThat(String.join("\n", ours)).contains("10027", "10028", "10047", "10002", "10039",
                "\"max_memory\":1048576");
    }

    @Test
    void jszAndVarzHaveNatsServersFields() throws Exception {
        for (String path : new String[] {"/jsz", "/jsz?accounts=true", "/jsz?streams=true&config=true",
                "/jsz?acc=C"}) {
            assertThat(outline(ourHttp, path)).as(path).isEqualTo(outline(refHttp, path));
        }
        JsonNode ourVarz = JSON.readTree(get(ourHttp, "/varz")).get("jetstream");
        JsonNode refVarz = JSON.readTree(get(refHttp, "/varz")).get("jetstream");
        assertThat(JsonOutline.of(ourVarz)).isEqualTo(JsonOutline.of(refVarz));
        assertThat(ourVarz.get("config").get("max_memory").asLong()).isEqualTo(10L << 20);
    }

    private static String outline(int port, String path) throws Exception {
        JsonNode n = JSON.readTree(get(port, path));
        return JsonOutline.of(n);
    }

    private static String get(int port, String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
        return r.body();
    }

    private static List<String> session(int port) throws IOException {
        List<String> out = new ArrayList<>();
        try (RawClient c = login(port, "a", out)) {
            api(c, out, "$JS.API.INFO", "");
            api(c, out, "$JS.API.STREAM.CREATE.S1", "{\"name\":\"S1\",\"subjects\":[\"s1\"],\"max_bytes\":3000000}");
            api(c, out, "$JS.API.STREAM.CREATE.S1", "{\"name\":\"S1\",\"subjects\":[\"s1\"],\"storage\":\"memory\","
                    + "\"max_bytes\":2000000}");
            api(c, out, "$JS.API.STREAM.CREATE.S1", "{\"name\":\"S1\",\"subjects\":[\"s1\"],\"max_bytes\":1500000}");
            api(c, out, "$JS.API.STREAM.CREATE.S2", "{\"name\":\"S2\",\"subjects\":[\"s2\"],\"max_bytes\":1500000}");
            api(c, out, "$JS.API.STREAM.CREATE.S2", "{\"name\":\"S2\",\"subjects\":[\"s2\"],\"storage\":\"memory\"}");
            api(c, out, "$JS.API.STREAM.CREATE.S3", "{\"name\":\"S3\",\"subjects\":[\"s3\"]}");
            String big = "x".repeat(300_000);
            for (int i = 0; i < 5; i++) {
                c.send("PUB s2 _R " + big.length() + "\r\n" + big + "\r\n");
                out.add(reply(c));
            }
            api(c, out, "$JS.API.INFO", "");
        }
        try (RawClient c = login(port, "b", out)) {
            api(c, out, "$JS.API.INFO", "");
            api(c, out, "$JS.API.STREAM.CREATE.X", "{\"name\":\"X\"}");
        }
        try (RawClient c = login(port, "c", out)) {
            api(c, out, "$JS.API.INFO", "");
        }
        return out;
    }

    private static RawClient login(int port, String user, List<String> out) throws IOException {
        RawClient c = RawClient.connect(port);
        c.timeout(5000);
        JsonNode info = JSON.readTree(c.readInfo());
        out.add("INFO jetstream=" + info.path("jetstream").asBoolean(false));
        c.send("CONNECT {\"verbose\":false,\"headers\":true,\"user\":\"" + user + "\",\"pass\":\"" + user
                + "\"}\r\nSUB _R 1\r\nPING\r\n");
        c.readLineSkippingPings();
        return c;
    }

    private static void api(RawClient c, List<String> out, String subject, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        c.send("PUB " + subject + " _R " + b.length + "\r\n" + body + "\r\n");
        JsonNode node = JSON.readTree(reply(c));
        String error = node.has("error") ? " error " + node.get("error") : "";
        String limits = node.has("limits") ? " limits " + node.get("limits") : "";
        out.add(subject + " " + JsonOutline.of(node) + error + limits);
    }

    private static String reply(RawClient c) throws IOException {
        return JsApiReplies.reply(c);
    }
}
