package io.jnatsd.wire;

import org.junit.jupiter.api.Test;

import java.io.EOFException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The test harness itself: if it framed or compared wrongly, the wire and differential tests would prove nothing. */
class HarnessTest {
    private static final List<String> FIELDS = List.of("server_id", "port");

    @Test
    void frameReaderKeepsAPayloadWithCrLfInOneFrameEvenWhenItTricklesIn() throws Exception {
        String wire = "MSG a 1 4\r\na\r\nb\r\nHMSG b 2 r 12 14\r\nNATS/1.0\r\n\r\nhi\r\n+OK\r\n";
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new Socket(ss.getInetAddress(), ss.getLocalPort());
                Socket server = ss.accept()) {
            FrameReader r = new FrameReader(client);
            OutputStream out = server.getOutputStream();
            byte[] b = wire.getBytes(StandardCharsets.US_ASCII);
            Thread writer = new Thread(() -> {
                try {
                    for (byte x : b) {
                        out.write(x);
                        out.flush();
                        Thread.sleep(1);
                    }
                    server.shutdownOutput();
                } catch (Exception e) {
                    // the assertions below report the missing frames
                }
            });
            writer.start();
            assertThat(r.next(2000)).isEqualTo("MSG a 1 4\r\na\r\nb\r\n");
            assertThat(r.next(2000)).isEqualTo("HMSG b 2 r 12 14\r\nNATS/1.0\r\n\r\nhi\r\n");
            assertThat(r.next(2000)).isEqualTo("+OK\r\n");
            assertThatThrownBy(() -> r.next(2000)).isInstanceOf(EOFException.class);
            writer.join();
        }
    }

    @Test
    void frameReaderTimeoutLosesNothing() throws Exception {
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new Socket(ss.getInetAddress(), ss.getLocalPort());
                Socket server = ss.accept()) {
            FrameReader r = new FrameReader(client);
            server.getOutputStream().write("MSG a 1 3\r\nab".getBytes(StandardCharsets.US_ASCII));
            assertThatThrownBy(() -> r.next(100)).isInstanceOf(SocketTimeoutException.class);
            assertThat(r.partial()).isEqualTo("MSG a 1 3\r\nab");
            server.getOutputStream().write("c\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(r.next(1000)).isEqualTo("MSG a 1 3\r\nabc\r\n");
        }
    }

    private static Transcript transcript(Entry... entries) {
        Transcript t = new Transcript();
        for (Entry e : entries) {
            t.add(e);
        }
        return t;
    }

    @Test
    void infoMayHaveMoreFieldsButNotFewer() {
        Transcript expected = transcript(Entry.infoWithFields(0, FIELDS), Entry.state(0, Entry.OPEN));
        Transcript more = transcript(Entry.info(0, "INFO {\"server_id\":\"x\",\"port\":1,\"extra\":true} \r\n"),
                Entry.state(0, Entry.OPEN));
        Transcript fewer = transcript(Entry.info(0, "INFO {\"server_id\":\"x\"} \r\n"), Entry.state(0, Entry.OPEN));
        assertThat(more.satisfies(expected)).isTrue();
        assertThat(more.renderAgainst(expected)).isEqualTo(expected.render());
        assertThat(fewer.satisfies(expected)).isFalse();
        assertThat(fewer.renderAgainst(expected)).contains("MISSING [port]");
    }

    @Test
    void framesMustMatchExactlyAndInNumber() {
        Transcript expected = transcript(Entry.frame(0, "MSG a 1 1\r\nx\r\n"), Entry.state(0, Entry.OPEN));
        assertThat(transcript(Entry.frame(0, "MSG a 1 1\r\nx\r\n"), Entry.state(0, Entry.OPEN))
                .satisfies(expected)).isTrue();
        assertThat(transcript(Entry.frame(0, "MSG a  1 1\r\nx\r\n"), Entry.state(0, Entry.OPEN))
                .satisfies(expected)).isFalse();
        assertThat(transcript(Entry.frame(1, "MSG a 1 1\r\nx\r\n"), Entry.state(0, Entry.OPEN))
                .satisfies(expected)).isFalse();
        assertThat(transcript(Entry.frame(0, "MSG a 1 1\r\nx\r\n"), Entry.state(0, Entry.CLOSED))
                .satisfies(expected)).isFalse();
        assertThat(transcript(Entry.frame(0, "MSG a 1 1\r\nx\r\n"), Entry.state(0, Entry.OPEN),
                Entry.frame(0, "+OK\r\n")).satisfies(expected)).isFalse();
    }

    @Test
    void anySidHidesOnlyTheSid() {
        assertThat(ScriptPlayer.anySid("MSG foo 12 r 2\r\nhi\r\n")).isEqualTo("MSG foo * r 2\r\nhi\r\n");
        assertThat(ScriptPlayer.anySid("HMSG foo 3 12 12\r\nNATS/1.0\r\n\r\n\r\n"))
                .isEqualTo("HMSG foo * 12 12\r\nNATS/1.0\r\n\r\n\r\n");
        assertThat(ScriptPlayer.anySid("PONG\r\n")).isEqualTo("PONG\r\n");
    }

    @Test
    void scriptExpectationAddsInfoOnOpenAndOpenStateAtTheEnd() {
        Script s = Script.script().send("PING\r\n").expect(Frames.PONG).on(1).expectClosed();
        assertThat(s.expected(FIELDS).render()).isEqualTo(String.join("\n",
                "c0 < INFO with fields [server_id, port]",
                "c0 < PONG\\r\\n",
                "c1 < INFO with fields [server_id, port]",
                "c1 <closed>",
                "c0 <open>"));
    }
}
