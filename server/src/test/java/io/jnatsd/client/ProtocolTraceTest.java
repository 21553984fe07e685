package io.jnatsd.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnatsd.protocol.ConnectOptions;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The parts of nats-server's trace lines that ProtocolTrace builds; the log line around them is the logger's. */
class ProtocolTraceTest {
    private static ConnectOptions client(String lang, String version, String name) {
        ConnectOptions c = ConnectOptions.beforeConnect();
        c.lang = lang;
        c.version = version;
        c.name = name;
        return c;
    }

    @Test
    void connectedClientIsTaggedWithVersionLanguageAndName() {
        assertThat(ProtocolTrace.prefix("127.0.0.1:5000", 4, client("java", "2.24.0", null)))
                .isEqualTo("127.0.0.1:5000 - cid:4 - \"v2.24.0:java\"");
        assertThat(ProtocolTrace.prefix("127.0.0.1:5000", 5, client("go", "1.2", "nm")))
                .isEqualTo("127.0.0.1:5000 - cid:5 - \"v1.2:go:nm\"");
    }

    @Test
    void clientWithoutLanguageOrVersionAndBeforeConnectHasNoTag() {
        assertThat(ProtocolTrace.prefix("127.0.0.1:5000", 6, client(null, null, null)))
                .isEqualTo("127.0.0.1:5000 - cid:6");
        assertThat(ProtocolTrace.prefix("127.0.0.1:5000", 6, null)).isEqualTo("127.0.0.1:5000 - cid:6");
    }

    @Test
    void payloadIsQuotedLikeGo() {
        byte[] b = "xNATS/1.0\r\n\r\n\"hi\"\\\u0001".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(ProtocolTrace.goQuote(b, 1, b.length - 1))
                .isEqualTo("\"NATS/1.0\\r\\n\\r\\n\\\"hi\\\"\\\\\\x01\"");
    }

    /** Expected values from nats-server 2.9.10 with --max_traced_msg_len 5. */
    @Test
    void maxTracedMsgLenCutsThePayloadAsNatsServerDoes() {
        byte[] hello = "hello world".getBytes(StandardCharsets.US_ASCII);
        assertThat(ProtocolTrace.payloadText(hello, 0, hello.length, 5)).isEqualTo("\"hello...\"");
        assertThat(ProtocolTrace.payloadText(hello, 0, 5, 5)).isEqualTo("\"hello\"");
        assertThat(ProtocolTrace.payloadText(hello, 0, 3, 5)).isEqualTo("\"hel\"");
        byte[] crlf = "\r\n\r\nxyzw".getBytes(StandardCharsets.US_ASCII);
        assertThat(ProtocolTrace.payloadText(crlf, 0, crlf.length, 5)).isEqualTo("\"\\r\\n\\...\"");
        assertThat(ProtocolTrace.payloadText(hello, 0, hello.length, 0)).isEqualTo("\"hello world\"");
    }
}
