package io.jnatsd.monitor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** JSON text shaped like Go's MarshalIndent, so diffs and line-based tools see the same layout as nats-server's. */
class JsonOutTest {
    @Test
    void indentationSeparatorsAndEmptyContainersMatchMarshalIndent() {
        ObjectNode o = JsonOut.object();
        o.put("server_id", "X");
        o.putObject("cluster");
        o.putArray("routes");
        o.putArray("accounts").add("$G").add("$SYS");
        o.putObject("api").put("total", 0);
        o.putNull("leafs");
        String expected = "{\n"
                + "  \"server_id\": \"X\",\n"
                + "  \"cluster\": {},\n"
                + "  \"routes\": [],\n"
                + "  \"accounts\": [\n"
                + "    \"$G\",\n"
                + "    \"$SYS\"\n"
                + "  ],\n"
                + "  \"api\": {\n"
                + "    \"total\": 0\n"
                + "  },\n"
                + "  \"leafs\": null\n"
                + "}";
        assertThat(new String(JsonOut.pretty(o), StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    @Test
    void htmlCharactersAreEscapedLikeGo() {
        ObjectNode o = JsonOut.object();
        o.put("subject", "a.>&<");
        o.put("µ", "µs");
        assertThat(new String(JsonOut.compact(o), StandardCharsets.UTF_8))
                .isEqualTo("{\"subject\":\"a.\\u003e\\u0026\\u003c\",\"µ\":\"µs\"}");
    }
}
