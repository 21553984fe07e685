package io.jnatsd.integration;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnatsd.testing.JsonOutline;
import io.jnatsd.testing.JetStreamPair;
import io.jnatsd.testing.JsApiReplies;
import io.jnatsd.testing.RawClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mirrors and sources against nats-server 2.9.10 -js: the STREAM.INFO {@code mirror} / {@code sources} shapes and
 * config echo by field names, the copied messages' sequences, subjects and {@code Nats-Stream-Source} headers, and
 * the config errors by code and text.
 */
class JetStreamMirrorsDifferentialTest {
    private static JetStreamPair servers;

    @BeforeAll
    static void start() throws IOException {
        servers = JetStreamPair.start("mirror");
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    @Test
    void sameShapesMessagesAndErrors() throws Exception {
        assertThat(session(servers.jnatsd.port())).isEqualTo(session(servers.reference.port()));
    }

    private static List<String> session(int port) throws Exception {
        List<String> out = new ArrayList<>();
        try (RawClient c = JsApiReplies.open(port)) {
            api(c, out, "$JS.API.STREAM.CREATE.O", "{\"name\":\"O\",\"subjects\":[\"o.>\"]}");
            api(c, out, "$JS.API.STREAM.CREATE.P", "{\"name\":\"P\",\"subjects\":[\"p.>\"]}");
            c.send("PUB o.a _R 1\r\n1\r\nPUB o.b _R 1\r\n2\r\nPUB p.a _R 1\r\n3\r\n");
            for (int i = 0; i < 3; i++) {
                reply(c);
            }
            api(c, out, "$JS.API.STREAM.CREATE.M", "{\"name\":\"M\",\"mirror\":{\"name\":\"O\"}}");
            // Its state may already count copied messages when the reply is written (either server): config only.
            out.add("$JS.API.STREAM.CREATE.S " + io.jnatsd.testing.JsonOutline.of(JsApiReplies.call(c, null,
                    "$JS.API.STREAM.CREATE.S", "{\"name\":\"S\",\"sources\":[{\"name\":\"O\"},"
                    + "{\"name\":\"P\",\"opt_start_seq\":1}]}").get("config")));
            api(c, out, "$JS.API.STREAM.CREATE.X", "{\"name\":\"X\",\"subjects\":[\"x\"],\"mirror\":{\"name\":\"O\"}}");
            api(c, out, "$JS.API.STREAM.CREATE.Y", "{\"name\":\"Y\",\"mirror\":{\"name\":\"O\"},"
                    + "\"sources\":[{\"name\":\"P\"}]}");
            api(c, out, "$JS.API.STREAM.CREATE.Z", "{\"name\":\"Z\",\"mirror\":{\"name\":\"O\",\"opt_start_seq\":1,"
                    + "\"opt_start_time\":\"2024-01-01T00:00:00Z\"}}");
            api(c, out, "$JS.API.STREAM.UPDATE.M", "{\"name\":\"M\",\"mirror\":{\"name\":\"P\"}}");
            api(c, out, "$JS.API.STREAM.CREATE.E", "{\"name\":\"E\",\"mirror\":{\"name\":\"O\","
                    + "\"external\":{\"api\":\"$JS.API\",\"deliver\":\"d\"}}}");
            api(c, out, "$JS.API.STREAM.CREATE.N", "{\"name\":\"N\",\"mirror\":{}}");
            api(c, out, "$JS.API.STREAM.CREATE.Q", "{\"name\":\"Q\",\"mirror\":{\"name\":\"Q\"}}");
            api(c, out, "$JS.API.STREAM.CREATE.R", "{\"name\":\"R\",\"sources\":[{\"name\":\"R\"}]}");
            Thread.sleep(1500);
            JsonNode m = api(c, out, "$JS.API.STREAM.INFO.M", "");
            out.add("M state " + m.get("state").get("messages") + " " + m.get("state").get("last_seq")
                    + " lag " + m.get("mirror").get("lag"));
            JsonNode s = api(c, out, "$JS.API.STREAM.INFO.S", "");
            out.add("S messages " + s.get("state").get("messages") + " " + JsonOutline.of(s.get("sources").get(0))
                    + " " + JsonOutline.of(s.get("config").get("sources").get(1)));
            List<String> copied = new ArrayList<>();
            for (int q = 1; q <= 3; q++) {
                JsonNode g = api(c, null, "$JS.API.STREAM.MSG.GET.S", "{\"seq\":" + q + "}").get("message");
                String hdrs = new String(Base64.getDecoder().decode(g.get("hdrs").asText()), StandardCharsets.UTF_8);
                copied.add(g.get("subject").asText() + " " + hdrs.replace("\r\n", "|"));
            }
            copied.sort(null); // the two sources interleave in any order
            out.addAll(copied);
            JsonNode g = api(c, out, "$JS.API.STREAM.MSG.GET.M", "{\"seq\":2}").get("message");
            out.add("M 2 " + g.get("subject").asText() + " " + g.has("hdrs"));
            api(c, out, "$JS.API.STREAM.UPDATE.S", "{\"name\":\"S\",\"sources\":[{\"name\":\"O\"}]}");
            JsonNode s2 = api(c, out, "$JS.API.STREAM.INFO.S", "");
            out.add("S sources " + s2.get("sources").size());
        }
        return out;
    }

    private static JsonNode api(RawClient c, List<String> out, String subject, String body) throws IOException {
        return JsApiReplies.call(c, out, subject, body);
    }

    private static String reply(RawClient c) throws IOException {
        return JsApiReplies.reply(c);
    }
}
