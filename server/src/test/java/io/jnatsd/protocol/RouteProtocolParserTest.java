package io.jnatsd.protocol;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The parser's route mode: RS+/RS-, the RMSG/HMSG forms nats-server 2.9 sends, frames split at every byte. */
class RouteProtocolParserTest {
    /** Records each call as text (byte ranges are valid only during the call). */
    static final class Recorder implements RouteProtocolHandler {
        final List<String> calls = new ArrayList<>();

        @Override
        public void onRouteSub(byte[] b, int accountOff, int accountLen, int subjectOff, int subjectLen, int queueOff,
                int queueLen, int weight) {
            calls.add("RS+ " + t(b, accountOff, accountLen) + " " + t(b, subjectOff, subjectLen)
                    + (queueLen == 0 ? "" : " " + t(b, queueOff, queueLen) + " " + weight));
        }

        @Override
        public void onRouteUnsub(byte[] b, int accountOff, int accountLen, int subjectOff, int subjectLen,
                int queueOff, int queueLen) {
            calls.add("RS- " + t(b, accountOff, accountLen) + " " + t(b, subjectOff, subjectLen)
                    + (queueLen == 0 ? "" : " " + t(b, queueOff, queueLen)));
        }

        @Override
        public void onRouteMsg(PubArgs p, RouteMsgArgs r, byte[] payload, int payloadOff) {
            StringBuilder s = new StringBuilder(p.hasHeaders() ? "HMSG " : "RMSG ")
                    .append(t(p.buf, r.accountOff, r.accountLen)).append(' ').append(p.subject());
            if (p.hasReply()) {
                s.append(" reply=").append(p.reply());
            }
            for (int i = 0; i < r.queueCount; i++) {
                s.append(" q=").append(t(p.buf, r.queueOff[i], r.queueLen[i]));
            }
            if (p.hasHeaders()) {
                s.append(" hdr=").append(p.headerSize);
            }
            s.append(" [").append(t(payload, payloadOff, p.totalSize)).append(']');
            calls.add(s.toString());
        }

        @Override
        public void onConnect(byte[] b, int off, int len) {
            calls.add("CONNECT " + t(b, off, len));
        }

        @Override
        public void onPing() {
            calls.add("PING");
        }

        @Override
        public void onPong() {
            calls.add("PONG");
        }

        @Override
        public void onInfo(byte[] b, int off, int len) {
            calls.add("INFO " + t(b, off, len));
        }

        @Override
        public void onOk() {
            calls.add("+OK");
        }

        @Override
        public void onErr(byte[] b, int off, int len) {
            calls.add("-ERR " + t(b, off, len));
        }

        private static String t(byte[] b, int off, int len) {
            return new String(b, off, len, StandardCharsets.UTF_8);
        }
    }

    private static final String STREAM = "INFO {\"server_id\":\"X\"}\r\n"
            + "CONNECT {\"name\":\"X\"}\r\n"
            + "RS+ $G foo\r\n"
            + "rs+ $G bar q1 2\r\n"
            + "RS- $G foo\r\n"
            + "RS- $G bar q1\r\n"
            + "RMSG $G foo 5\r\nhello\r\n"
            + "RMSG $G foo reply.1 2\r\nhi\r\n"
            + "RMSG $G qq | grp 1\r\nx\r\n"
            + "RMSG ACC qq + r.2 g1 g2 3\r\nabc\r\n"
            + "HMSG $G baz 12 14\r\nNATS/1.0\r\n\r\nok\r\n"
            + "HMSG $G baz + r.3 g 12 14\r\nNATS/1.0\r\n\r\nok\r\n"
            + "PING\r\nPONG\r\n";

    private static final List<String> EXPECTED = List.of(
            "INFO {\"server_id\":\"X\"}",
            "CONNECT {\"name\":\"X\"}",
            "RS+ $G foo",
            "RS+ $G bar q1 2",
            "RS- $G foo",
            "RS- $G bar q1",
            "RMSG $G foo [hello]",
            "RMSG $G foo reply=reply.1 [hi]",
            "RMSG $G qq q=grp [x]",
            "RMSG ACC qq reply=r.2 q=g1 q=g2 [abc]",
            "HMSG $G baz hdr=12 [NATS/1.0\r\n\r\nok]",
            "HMSG $G baz reply=r.3 q=g hdr=12 [NATS/1.0\r\n\r\nok]",
            "PING",
            "PONG");

    private static List<String> parse(byte[] in, int... cuts) {
        Recorder r = new Recorder();
        ProtocolParser p = ProtocolParser.forRoutes(r, 4096, 1024 * 1024);
        int from = 0;
        for (int cut : cuts) {
            // Each read arrives in its own array, as Netty hands over a new buffer per read.
            p.parse(java.util.Arrays.copyOfRange(in, from, cut), 0, cut - from);
            from = cut;
        }
        p.parse(java.util.Arrays.copyOfRange(in, from, in.length), 0, in.length - from);
        return r.calls;
    }

    @Test
    void everyRouteOpInOneRead() {
        assertThat(parse(STREAM.getBytes(StandardCharsets.UTF_8))).containsExactlyElementsOf(EXPECTED);
    }

    @Test
    void splitAtEveryBytePosition() {
        byte[] in = STREAM.getBytes(StandardCharsets.UTF_8);
        for (int cut = 1; cut < in.length; cut++) {
            assertThat(parse(in, cut)).as("split at %d", cut).containsExactlyElementsOf(EXPECTED);
        }
    }

    @Test
    void splitIntoSingleBytes() {
        byte[] in = STREAM.getBytes(StandardCharsets.UTF_8);
        int[] cuts = new int[in.length - 1];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = i + 1;
        }
        assertThat(parse(in, cuts)).containsExactlyElementsOf(EXPECTED);
    }

    @Test
    void clientOpsAreUnknownOnARoute() {
        assertThatThrownBy(() -> parse("PUB foo 1\r\nx\r\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> parse("SUB foo 1\r\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void badRouteInputIsRefused() {
        for (String bad : List.of("RMSG $G 5\r\nhello\r\n", "RMSG $G foo x\r\n", "RMSG $G foo 3\r\nabcd\r\n",
                "RMSG $G foo + 2\r\nhi\r\n", "RMSG $G foo a b 2\r\nhi\r\n", "HMSG $G foo 5 3\r\nabc\r\n",
                "RS+ $G\r\n", "RS- \r\n", "RS+ $G foo q x\r\n")) {
            assertThatThrownBy(() -> parse(bad.getBytes(StandardCharsets.UTF_8))).as(bad)
                    .isInstanceOf(ProtocolException.class);
        }
    }

    @Test
    void clientParserStillRefusesRouteOps() {
        ProtocolParser client = new ProtocolParser(new ProtocolParserTest.Recorder(), 4096, 1024);
        byte[] in = "RMSG $G foo 1\r\nx\r\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> client.parse(in, 0, in.length)).isInstanceOf(ProtocolException.class);
    }
}
