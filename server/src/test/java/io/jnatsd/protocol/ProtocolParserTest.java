package io.jnatsd.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The client protocol parser against a recording handler: every op, nats-server's lenient framing, frames split at
 * every byte position, and every kind of bad input with the -ERR text and close flag nats-server uses.
 */
class ProtocolParserTest {
    private static final int MCL = 4096;
    private static final int MAX_PAYLOAD = 1024 * 1024;

    // ---- harness ----------------------------------------------------------------------------------------------------

    /** Records each handler call as a readable string; copies the byte ranges, which are valid only during the call. */
    static final class Recorder implements ProtocolHandler {
        final List<String> calls = new ArrayList<>();
        /** When set, a CONNECT ends the awaiting-connect state, as the client connection does. */
        ProtocolParser parser;
        /** With a parser set: a CONNECT pauses parsing, as one whose credentials are checked elsewhere. */
        boolean pauseOnConnect;

        @Override
        public void onConnect(byte[] b, int off, int len) {
            calls.add("CONNECT " + text(b, off, len));
            if (parser != null) {
                parser.awaitingConnect(false);
                if (pauseOnConnect) {
                    parser.pause();
                }
            }
        }

        @Override
        public void onPub(PubArgs a, byte[] payload, int payloadOff) {
            String subject = text(a.buf, a.subjectOff, a.subjectLen);
            String sizeDigits = text(a.buf, a.sizeOff, a.sizeLen);
            // The flyweight must agree with itself: parsed numbers vs the digits it points at, helpers vs fields.
            assertThat(a.totalSize).as("totalSize vs size digits").isEqualTo(Integer.parseInt(sizeDigits));
            assertThat(a.subject()).isEqualTo(subject);
            assertThat(a.hasReply()).isEqualTo(a.replyLen > 0);
            StringBuilder s = new StringBuilder(a.hasHeaders() ? "HPUB " : "PUB ").append(subject);
            if (a.hasReply()) {
                String reply = text(a.buf, a.replyOff, a.replyLen);
                assertThat(a.reply()).isEqualTo(reply);
                s.append(' ').append(reply);
            } else {
                assertThat(a.reply()).isNull();
            }
            if (a.hasHeaders()) {
                String hdrDigits = text(a.buf, a.hdrOff, a.hdrLen);
                assertThat(a.headerSize).as("headerSize vs header digits").isEqualTo(Integer.parseInt(hdrDigits));
                s.append(' ').append(hdrDigits);
            } else {
                assertThat(a.headerSize).isEqualTo(-1);
            }
            s.append(' ').append(sizeDigits).append(" [").append(escape(payload, payloadOff, a.totalSize)).append(']');
            calls.add(s.toString());
        }

        @Override
        public void onSub(byte[] b, int subjectOff, int subjectLen, int queueOff, int queueLen, int sidOff, int sidLen) {
            calls.add("SUB " + text(b, subjectOff, subjectLen) + (queueLen == 0 ? "" : " " + text(b, queueOff, queueLen))
                    + " " + text(b, sidOff, sidLen));
        }

        @Override
        public void onUnsub(byte[] b, int sidOff, int sidLen, long max) {
            calls.add("UNSUB " + text(b, sidOff, sidLen) + (max == -1 ? "" : " " + max));
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
            calls.add("INFO " + text(b, off, len));
        }

        @Override
        public void onOk() {
            calls.add("+OK");
        }

        @Override
        public void onErr(byte[] b, int off, int len) {
            calls.add("-ERR " + text(b, off, len));
        }
    }

    static String text(byte[] b, int off, int len) {
        return escape(b, off, len);
    }

    /** ISO-8859-1 view with CR, LF, tab and non-printables escaped, so recorded strings stay one line. */
    static String escape(byte[] b, int off, int len) {
        StringBuilder s = new StringBuilder(len);
        for (int i = off; i < off + len; i++) {
            int c = b[i] & 0xff;
            if (c == '\r') {
                s.append("\\r");
            } else if (c == '\n') {
                s.append("\\n");
            } else if (c == '\t') {
                s.append("\\t");
            } else if (c == '\\') {
                s.append("\\\\");
            } else if (c < 0x20 || c >= 0x7f) {
                s.append(String.format("\\x%02x", c));
            } else {
                s.append((char) c);
            }
        }
        return s.toString();
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Parser settings for one run. */
    static final class Config {
        int mcl = MCL;
        int maxPayload = MAX_PAYLOAD;
        boolean awaitingConnect;

        Config mcl(int v) {
            mcl = v;
            return this;
        }

        Config maxPayload(int v) {
            maxPayload = v;
            return this;
        }

        Config awaitingConnect() {
            awaitingConnect = true;
            return this;
        }
    }

    static Config cfg() {
        return new Config();
    }

    /**
     * Feeds {@code data} cut at {@code cuts} (ascending positions) to a fresh parser and returns the recorded calls,
     * ending with {@code ERR <errText> closes=<b>} if the parser threw. Each chunk is placed at an odd offset in one
     * reused "read buffer" that is overwritten with junk after every call, as a network read buffer would be: a parser
     * that keeps pointing into a previous read, or reads outside {@code [off, end)}, records garbage.
     */
    static List<String> run(Config c, byte[] data, int... cuts) {
        Recorder rec = new Recorder();
        ProtocolParser p = new ProtocolParser(rec, c.mcl, c.maxPayload);
        if (c.awaitingConnect) {
            p.awaitingConnect(true);
            rec.parser = p;
        }
        byte[] readBuf = new byte[data.length + 16];
        int from = 0;
        try {
            for (int k = 0; k <= cuts.length; k++) {
                int to = k < cuts.length ? cuts[k] : data.length;
                junk(readBuf);
                int off = 3 + (k % 5);
                System.arraycopy(data, from, readBuf, off, to - from);
                p.parse(readBuf, off, off + (to - from));
                from = to;
            }
            junk(readBuf);
        } catch (ProtocolException e) {
            rec.calls.add("ERR " + e.errText() + " closes=" + e.closes());
        }
        return rec.calls;
    }

    static List<String> run(byte[] data, int... cuts) {
        return run(cfg(), data, cuts);
    }

    static List<String> run(String data) {
        return run(cfg(), bytes(data));
    }

    static List<String> run(Config c, String data) {
        return run(c, bytes(data));
    }

    private static void junk(byte[] b) {
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) "\r\n X.9".charAt(i % 6);
        }
    }

    /** The whole feed, then every 2-chunk split, byte by byte, and seeded random chunkings: all must agree. */
    static List<String> assertSameAtEverySplit(Config c, byte[] data) {
        List<String> whole = run(c, data);
        for (int cut = 0; cut <= data.length; cut++) {
            assertThat(run(c, data, cut)).as("split at byte %d of %s", cut, escape(data, 0, data.length))
                    .isEqualTo(whole);
        }
        int[] each = new int[Math.max(0, data.length - 1)];
        for (int i = 0; i < each.length; i++) {
            each[i] = i + 1;
        }
        assertThat(run(c, data, each)).as("byte by byte").isEqualTo(whole);
        for (long seed = 1; seed <= 40; seed++) {
            int[] cuts = randomCuts(new Random(seed), data.length, 1 + (int) (seed % 7) * 6);
            assertThat(run(c, data, cuts)).as("random chunks, seed %d, cuts %s", seed, Arrays.toString(cuts))
                    .isEqualTo(whole);
        }
        return whole;
    }

    static List<String> assertSameAtEverySplit(Config c, String data) {
        return assertSameAtEverySplit(c, bytes(data));
    }

    static int[] randomCuts(Random r, int length, int maxChunk) {
        List<Integer> cuts = new ArrayList<>();
        int at = 0;
        while (true) {
            at += 1 + r.nextInt(maxChunk);
            if (at >= length) {
                break;
            }
            cuts.add(at);
        }
        return cuts.stream().mapToInt(Integer::intValue).toArray();
    }

    static String err(String errText) {
        return "ERR " + errText + " closes=true";
    }

    // ---- every op -------------------------------------------------------------------------------------------------

    @Test
    void pubWithoutAndWithReply() {
        assertThat(run("PUB foo 5\r\nhello\r\n")).containsExactly("PUB foo 5 [hello]");
        assertThat(run("PUB foo reply 5\r\nhello\r\n")).containsExactly("PUB foo reply 5 [hello]");
        assertThat(run("PUB foo.bar _INBOX.x.y 11\r\nhello world\r\n"))
                .containsExactly("PUB foo.bar _INBOX.x.y 11 [hello world]");
    }

    @Test
    void hpubWithoutAndWithReply() {
        assertThat(run("HPUB foo 12 17\r\nNATS/1.0\r\n\r\nhello\r\n"))
                .containsExactly("HPUB foo 12 17 [NATS/1.0\\r\\n\\r\\nhello]");
        assertThat(run("HPUB foo rep 22 22\r\nNATS/1.0\r\nA: bcdef\r\n\r\n\r\n"))
                .containsExactly("HPUB foo rep 22 22 [NATS/1.0\\r\\nA: bcdef\\r\\n\\r\\n]");
    }

    @Test
    void subWithoutAndWithQueue() {
        assertThat(run("SUB foo 1\r\n")).containsExactly("SUB foo 1");
        assertThat(run("SUB foo.* q 2\r\n")).containsExactly("SUB foo.* q 2");
        assertThat(run("SUB foo.> work.group sid-x\r\n")).containsExactly("SUB foo.> work.group sid-x");
    }

    @Test
    void unsubWithoutAndWithMax() {
        assertThat(run("UNSUB 1\r\n")).containsExactly("UNSUB 1");
        assertThat(run("UNSUB 1 5\r\n")).containsExactly("UNSUB 1 5");
        assertThat(run("UNSUB 1 0\r\n")).containsExactly("UNSUB 1 0");
        // A max that is not a number is reported as -2 (the handler decides; nats-server treats it as no max).
        assertThat(run("UNSUB 1 x\r\n")).containsExactly("UNSUB 1 -2");
        assertThat(run("UNSUB 1 1234567890\r\n")).containsExactly("UNSUB 1 -2");
    }

    @Test
    void pingPongOkErrInfo() {
        assertThat(run("PING\r\nPONG\r\n+OK\r\n")).containsExactly("PING", "PONG", "+OK");
        assertThat(run("-ERR 'Unknown Protocol Operation'\r\n"))
                .containsExactly("-ERR 'Unknown Protocol Operation'");
        assertThat(run("INFO {\"server_id\":\"x\"}\r\n")).containsExactly("INFO {\"server_id\":\"x\"}");
        assertThat(run("INFO {\"server_id\":\"x\"} \r\n")).containsExactly("INFO {\"server_id\":\"x\"} ");
    }

    @Test
    void pingPongOkIgnoreTrailingBytes() {
        assertThat(run("PING foo\r\nPONG bar\r\n+OK baz\r\n")).containsExactly("PING", "PONG", "+OK");
    }

    @Test
    void connectWithAndWithoutBlankBeforeJson() {
        assertThat(run("CONNECT {\"verbose\":false}\r\n")).containsExactly("CONNECT {\"verbose\":false}");
        assertThat(run("CONNECT{\"verbose\":false}\r\n")).containsExactly("CONNECT {\"verbose\":false}");
        assertThat(run("CONNECT \t {\"name\":\"a b\"}\r\n")).containsExactly("CONNECT {\"name\":\"a b\"}");
        assertThat(run("CONNECT\r\n")).containsExactly("CONNECT ");
    }

    @Test
    void opsAreCaseInsensitive() {
        assertThat(run("pub foo 1\r\na\r\nPuB foo 1\r\nb\r\nhpub h 0 0\r\n\r\nsub s 1\r\nSuB s q 2\r\n"
                + "unsub 1\r\nping\r\npOnG\r\n+ok\r\n-err 'x'\r\ninfo {}\r\nconnect {}\r\ncOnNeCt{}\r\n"))
                .containsExactly("PUB foo 1 [a]", "PUB foo 1 [b]", "HPUB h 0 0 []", "SUB s 1", "SUB s q 2",
                        "UNSUB 1", "PING", "PONG", "+OK", "-ERR 'x'", "INFO {}", "CONNECT {}", "CONNECT {}");
    }

    @Test
    void subjectsAndArgumentsAreCaseSensitive() {
        assertThat(run("SUB Foo.BAR Q 1\r\nPUB Foo.BAR 0\r\n\r\n"))
                .containsExactly("SUB Foo.BAR Q 1", "PUB Foo.BAR 0 []");
    }

    @Test
    void tabsAndMultipleBlanksSeparateArguments() {
        assertThat(run("PUB  foo   3\r\nabc\r\n")).containsExactly("PUB foo 3 [abc]");
        assertThat(run("PUB\tfoo\t\trep \t 3\r\nabc\r\n")).containsExactly("PUB foo rep 3 [abc]");
        assertThat(run("HPUB\t foo\t rep\t 2 \t3\r\nhhp\r\n")).containsExactly("HPUB foo rep 2 3 [hhp]");
        assertThat(run("SUB\tx\t2\r\n")).containsExactly("SUB x 2");
        assertThat(run("SUB \t x \t q \t 2 \t \r\n")).containsExactly("SUB x q 2");
        assertThat(run("UNSUB\t\t7\t \t9  \r\n")).containsExactly("UNSUB 7 9");
        assertThat(run("PUB foo 3   \r\nabc\r\n")).containsExactly("PUB foo 3 [abc]");
    }

    @Test
    void bareLfEndsAControlLine() {
        assertThat(run("PING\nPONG\nSUB foo 1\nPUB foo 2\nhi\r\nUNSUB 1\n+OK\n"))
                .containsExactly("PING", "PONG", "SUB foo 1", "PUB foo 2 [hi]", "UNSUB 1", "+OK");
    }

    @Test
    void payloadMayContainCrLfAndAnyByte() {
        assertThat(run("PUB foo 7\r\na\r\nb\r\nc\r\n")).containsExactly("PUB foo 7 [a\\r\\nb\\r\\nc]");
        assertThat(run("PUB foo 4\r\n\r\n\r\n\r\n")).containsExactly("PUB foo 4 [\\r\\n\\r\\n]");
        assertThat(run("PUB foo 12\r\nPING\r\nPONG\r\n\r\n")).containsExactly("PUB foo 12 [PING\\r\\nPONG\\r\\n]");
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        byte[] frame = concat(bytes("PUB bin 256\r\n"), all, bytes("\r\n"));
        assertThat(run(frame)).containsExactly("PUB bin 256 [" + escape(all, 0, 256) + "]");
    }

    @Test
    void zeroLengthPayloads() {
        assertThat(run("PUB foo 0\r\n\r\nPUB foo r 0\r\n\r\nHPUB foo 0 0\r\n\r\nPING\r\n"))
                .containsExactly("PUB foo 0 []", "PUB foo r 0 []", "HPUB foo 0 0 []", "PING");
    }

    @Test
    void leadingZerosInSizesAreAccepted() {
        assertThat(run("PUB foo 003\r\nabc\r\n")).containsExactly("PUB foo 003 [abc]");
    }

    @Test
    void manyOpsInOneBuffer() {
        StringBuilder in = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            String payload = "m" + i + "\r\n".repeat(i % 3);
            in.append("PUB s.").append(i).append(' ').append(payload.length()).append("\r\n").append(payload)
                    .append("\r\n");
            expected.add("PUB s." + i + " " + payload.length() + " [" + escape(bytes(payload), 0, payload.length())
                    + "]");
            if (i % 50 == 0) {
                in.append("PING\r\n");
                expected.add("PING");
            }
        }
        assertThat(run(in.toString())).isEqualTo(expected);
    }

    @Test
    void largePayloadsSplitAcrossReads() {
        // Larger than the parser's kept payload buffer, then a small one: the buffers must not be mixed up.
        byte[] big = new byte[200_000];
        new Random(7).nextBytes(big);
        byte[] small = bytes("tiny");
        byte[] data = concat(bytes("PUB big 200000\r\n"), big, bytes("\r\nPUB small 4\r\n"), small,
                bytes("\r\nPUB big 200000\r\n"), big, bytes("\r\n"));
        List<String> expected = List.of("PUB big 200000 [" + escape(big, 0, big.length) + "]",
                "PUB small 4 [tiny]", "PUB big 200000 [" + escape(big, 0, big.length) + "]");
        assertThat(run(data)).isEqualTo(expected);
        for (long seed = 1; seed <= 5; seed++) {
            assertThat(run(cfg(), data, randomCuts(new Random(seed), data.length, 70_000)))
                    .as("seed %d", seed).isEqualTo(expected);
        }
        assertThat(run(cfg(), data, 5, 20, 30, 100_000, 200_018, 200_020, 200_030, 200_040)).isEqualTo(expected);
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    // ---- split at every byte --------------------------------------------------------------------------------------

    private static final String SCRIPT = "CONNECT {\"verbose\":false,\"name\":\"a b\"}\r\n"
            + "PUB foo 5\r\nhello\r\n"
            + "pub foo.bar reply.to 7\r\na\r\nb\r\nc\r\n"
            + "PUB empty 0\r\n\r\n"
            + "HPUB h 12 17\r\nNATS/1.0\r\n\r\nhello\r\n"
            + "hpub h r 12 12\r\nNATS/1.0\r\n\r\n\r\n"
            + "SUB foo 1\r\n"
            + "sub\tfoo\tq\t2\n"
            + "UNSUB 1\r\n"
            + "unsub  2   10\r\n"
            + "PING\r\n"
            + "ping\n"
            + "PONG\r\n"
            + "INFO {\"server_id\":\"x\"}\r\n"
            + "+OK\r\n"
            + "-ERR 'Unknown Protocol Operation'\r\n"
            + "CONNECT{\"verbose\":true}\r\n"
            + "PUB last 3\r\nend\r\n";

    private static final List<String> SCRIPT_CALLS = List.of(
            "CONNECT {\"verbose\":false,\"name\":\"a b\"}",
            "PUB foo 5 [hello]",
            "PUB foo.bar reply.to 7 [a\\r\\nb\\r\\nc]",
            "PUB empty 0 []",
            "HPUB h 12 17 [NATS/1.0\\r\\n\\r\\nhello]",
            "HPUB h r 12 12 [NATS/1.0\\r\\n\\r\\n]",
            "SUB foo 1",
            "SUB foo q 2",
            "UNSUB 1",
            "UNSUB 2 10",
            "PING",
            "PING",
            "PONG",
            "INFO {\"server_id\":\"x\"}",
            "+OK",
            "-ERR 'Unknown Protocol Operation'",
            "CONNECT {\"verbose\":true}",
            "PUB last 3 [end]");

    @Test
    void scriptParsesTheSameWhateverTheSplit() {
        assertThat(assertSameAtEverySplit(cfg(), SCRIPT)).isEqualTo(SCRIPT_CALLS);
    }

    @Test
    void scriptParsesTheSameWithAuthPendingUntilConnect() {
        assertThat(assertSameAtEverySplit(cfg().awaitingConnect(), SCRIPT)).isEqualTo(SCRIPT_CALLS);
    }

    @Test
    void scriptParsesTheSameInThreeChunksAtEveryPairOfPositions() {
        String script = "PUB a r 3\r\nxyz\r\nSUB a 1\r\nHPUB b 2 4\r\nhhpp\r\nPING\r\n";
        byte[] data = bytes(script);
        List<String> whole = run(data);
        assertThat(whole).containsExactly("PUB a r 3 [xyz]", "SUB a 1", "HPUB b 2 4 [hhpp]", "PING");
        for (int i = 0; i <= data.length; i++) {
            for (int j = i; j <= data.length; j++) {
                assertThat(run(cfg(), data, i, j)).as("cuts %d,%d", i, j).isEqualTo(whole);
            }
        }
    }

    @Test
    void randomScriptsParseTheSameWhateverTheSplit() {
        Random r = new Random(42);
        for (int round = 0; round < 30; round++) {
            StringBuilder in = new StringBuilder();
            List<String> expected = new ArrayList<>();
            for (int k = 0; k < 20; k++) {
                switch (r.nextInt(5)) {
                    case 0: {
                        String p = randomPayload(r);
                        in.append("PUB s").append(k).append(' ').append(p.length()).append("\r\n").append(p)
                                .append("\r\n");
                        expected.add("PUB s" + k + " " + p.length() + " [" + escape(bytes(p), 0, p.length()) + "]");
                        break;
                    }
                    case 1: {
                        String h = "NATS/1.0\r\n\r\n";
                        String p = h + randomPayload(r);
                        in.append("HPUB s").append(k).append(" r.").append(k).append(' ').append(h.length())
                                .append(' ').append(p.length()).append("\r\n").append(p).append("\r\n");
                        expected.add("HPUB s" + k + " r." + k + " " + h.length() + " " + p.length() + " ["
                                + escape(bytes(p), 0, p.length()) + "]");
                        break;
                    }
                    case 2:
                        in.append("SUB x.").append(k).append(" ").append(k).append("\r\n");
                        expected.add("SUB x." + k + " " + k);
                        break;
                    case 3:
                        in.append("UNSUB ").append(k).append(" 3\n");
                        expected.add("UNSUB " + k + " 3");
                        break;
                    default:
                        in.append("PING\r\n");
                        expected.add("PING");
                        break;
                }
            }
            byte[] data = bytes(in.toString());
            assertThat(run(data)).isEqualTo(expected);
            for (long seed = 0; seed < 20; seed++) {
                int[] cuts = randomCuts(new Random(seed * 1000 + round), data.length, 1 + r.nextInt(60));
                assertThat(run(cfg(), data, cuts)).as("round %d cuts %s", round, Arrays.toString(cuts))
                        .isEqualTo(expected);
            }
        }
    }

    private static String randomPayload(Random r) {
        int n = r.nextInt(40);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append("ab\r\n PUB\t".charAt(r.nextInt(9)));
        }
        return s.toString();
    }

    // ---- bad input ------------------------------------------------------------------------------------------------

    static Stream<Arguments> badInput() {
        String unknown = err(ErrorText.UNKNOWN_PROTOCOL_OPERATION);
        String argError = "ERR null closes=true"; // nats-server closes without -ERR on argument errors
        return Stream.of(
                // unknown ops, with or without the line end
                bad("FOO\r\n", unknown),
                bad("MSG foo 1 1\r\nx\r\n", unknown),
                bad("RS+ foo\r\n", unknown),
                bad("PUBLISH foo 1\r\n", unknown),
                bad("PINX\r\n", unknown),
                bad("\r\n", unknown),
                bad("\n", unknown),
                bad(" PING\r\n", unknown),
                bad("PU\r\n", unknown),
                bad("PUB\r\n", unknown),
                bad("SUB\r\n", unknown),
                bad("UNSUB\r\n", unknown),
                bad("HPUB\r\n", unknown),
                bad("-ERR\r\n", unknown),
                bad("+O\r\n", unknown),
                // an op before a bad one still gets through
                bad("PING\r\nSUB foo 1\r\nFOO\r\nPING\r\n", "PING", "SUB foo 1", unknown),
                // payload not followed by CRLF
                bad("PUB foo 3\r\nabcde\r\n", unknown),
                bad("PUB foo 3\r\nabc\n\r", unknown),
                bad("PUB foo 3\r\nabc\rX", unknown),
                bad("PUB foo 0\r\nX\r\n", unknown),
                bad("HPUB foo 2 3\r\nabcd\r\n", unknown),
                bad("PING\r\nPUB foo 1\r\nab\r\nPING\r\n", "PING", unknown),
                // argument counts
                bad("PUB \r\n", argError),
                bad("PUB foo\r\n", argError),
                bad("PUB foo bar baz 1\r\n", argError),
                bad("HPUB foo 1\r\n", argError),
                bad("HPUB foo r x 1 2\r\n", argError),
                bad("SUB foo\r\n", argError),
                bad("SUB \r\n", argError),
                bad("SUB a b c d\r\n", argError),
                bad("UNSUB \r\n", argError),
                bad("UNSUB 1 2 3\r\n", argError),
                // sizes
                bad("PUB foo abc\r\n", argError),
                bad("PUB foo -1\r\n", argError),
                bad("PUB foo +1\r\n", argError),
                bad("PUB foo 1a\r\n", argError),
                bad("PUB foo 1234567890\r\n", argError),
                bad("PUB foo r 1234567890\r\n", argError),
                bad("HPUB foo x 5\r\n", argError),
                bad("HPUB foo 1 x\r\n", argError),
                bad("HPUB foo 1234567890 1\r\n", argError),
                bad("HPUB foo 6 5\r\nabcde\r\n", argError),
                bad("HPUB foo r 6 5\r\nabcde\r\n", argError));
    }

    @ParameterizedTest
    @MethodSource("badInput")
    void badInputIsRefusedAsNatsServerDoes(String input, List<String> expected) {
        assertThat(assertSameAtEverySplit(cfg(), input)).isEqualTo(expected);
    }

    private static Arguments bad(String input, String... expected) {
        return Arguments.of(input, List.of(expected));
    }

    @Test
    void unknownOpIsDetectedBeforeTheLineEnds() {
        // No LF at all: the first bytes are enough.
        assertThat(run("FOO")).containsExactly(err(ErrorText.UNKNOWN_PROTOCOL_OPERATION));
        assertThat(run("M")).containsExactly(err(ErrorText.UNKNOWN_PROTOCOL_OPERATION));
        assertThat(run("MSG foo 1 1")).containsExactly(err(ErrorText.UNKNOWN_PROTOCOL_OPERATION));
        assertThat(run("PUBX foo")).containsExactly(err(ErrorText.UNKNOWN_PROTOCOL_OPERATION));
        assertThat(run("PING\r\nX")).containsExactly("PING", err(ErrorText.UNKNOWN_PROTOCOL_OPERATION));
        // A valid op prefix without its line end is not an error yet.
        assertThat(run("PU")).isEmpty();
        assertThat(run("PUB foo 1")).isEmpty();
        assertThat(run("CONNECT {\"a\":")).isEmpty();
    }

    @Test
    void maxPayload() {
        Config c = cfg().maxPayload(10);
        assertThat(assertSameAtEverySplit(c, "PUB foo 10\r\n0123456789\r\n")).containsExactly("PUB foo 10 [0123456789]");
        assertThat(assertSameAtEverySplit(c, "HPUB foo 4 10\r\nhhhh012345\r\n"))
                .containsExactly("HPUB foo 4 10 [hhhh012345]");
        assertThat(assertSameAtEverySplit(c, "PUB foo 11\r\n01234567890\r\n"))
                .containsExactly(err(ErrorText.MAX_PAYLOAD));
        assertThat(assertSameAtEverySplit(c, "PUB foo r 11\r\n"))
                .containsExactly(err(ErrorText.MAX_PAYLOAD));
        assertThat(assertSameAtEverySplit(c, "HPUB foo 2 11\r\n01234567890\r\n"))
                .containsExactly(err(ErrorText.MAX_PAYLOAD));
        assertThat(assertSameAtEverySplit(c, "PING\r\nPUB foo 999999999\r\n"))
                .containsExactly("PING", err(ErrorText.MAX_PAYLOAD));
    }

    @Test
    void maxPayloadCanBeChangedOnTheFly() {
        Recorder rec = new Recorder();
        ProtocolParser p = new ProtocolParser(rec, MCL, 100);
        byte[] in = bytes("PUB foo 5\r\nhello\r\n");
        p.parse(in, 0, in.length);
        p.maxPayload(4);
        assertThat(catchProtocolException(() -> p.parse(in, 0, in.length)).errText()).isEqualTo(ErrorText.MAX_PAYLOAD);
        assertThat(rec.calls).containsExactly("PUB foo 5 [hello]");
    }

    private static ProtocolException catchProtocolException(Runnable r) {
        try {
            r.run();
        } catch (ProtocolException e) {
            return e;
        }
        return fail("no ProtocolException");
    }

    @Test
    void maxControlLineWholeLines() {
        Config c = cfg().mcl(16);
        String args16 = "foo.bar.bazz 123"; // 16 bytes of arguments
        assertThat(args16).hasSize(16);
        assertThat(run(c, "SUB " + args16 + "\r\n")).containsExactly("SUB foo.bar.bazz 123");
        assertThat(run(c, "SUB " + args16 + "4\r\n")).containsExactly(err(ErrorText.MAX_CONTROL_LINE));
        assertThat(run(c, "PUB foo.bar.baz123 1\r\nx\r\n")).containsExactly("PUB foo.bar.baz123 1 [x]");
        assertThat(run(c, "PUB foo.bar.baz1234 1\r\nx\r\n")).containsExactly(err(ErrorText.MAX_CONTROL_LINE));
        assertThat(run(c, "UNSUB 1234567890123456\r\n")).containsExactly("UNSUB 1234567890123456");
        assertThat(run(c, "UNSUB 12345678901234567\r\n")).containsExactly(err(ErrorText.MAX_CONTROL_LINE));
        // Blanks between the op and the first argument do not count, as in nats-server.
        assertThat(run(c, "SUB      " + args16 + "\r\n")).containsExactly("SUB foo.bar.bazz 123");
        assertThat(run(c, "CONNECT {\"verbose\":false}\r\n")).containsExactly(err(ErrorText.MAX_CONTROL_LINE));
    }

    @Test
    void maxControlLineIsTheSameWhateverTheSplit() {
        Config c = cfg().mcl(16);
        String args16 = "foo.bar.bazz 123";
        assertThat(assertSameAtEverySplit(c, "SUB " + args16 + "\r\nPING\r\n"))
                .containsExactly("SUB foo.bar.bazz 123", "PING");
        assertThat(assertSameAtEverySplit(c, "PUB foo.bar.baz123 1\r\nx\r\n"))
                .containsExactly("PUB foo.bar.baz123 1 [x]");
        assertThat(assertSameAtEverySplit(c, "SUB " + args16 + "4\r\n"))
                .containsExactly(err(ErrorText.MAX_CONTROL_LINE));
        assertThat(assertSameAtEverySplit(c, "PING\r\nPUB foo.bar.baz1234 1\r\nx\r\n"))
                .containsExactly("PING", err(ErrorText.MAX_CONTROL_LINE));
    }

    @Test
    void maxControlLineIsDetectedBeforeTheLineEnds() {
        Config c = cfg().mcl(16);
        assertThat(run(c, "SUB " + "a".repeat(100))).containsExactly(err(ErrorText.MAX_CONTROL_LINE));
        assertThat(run(c, "PUB foo " + "1".repeat(20))).containsExactly(err(ErrorText.MAX_CONTROL_LINE));
        byte[] data = bytes("SUB " + "a".repeat(100));
        int[] each = new int[data.length - 1];
        for (int i = 0; i < each.length; i++) {
            each[i] = i + 1;
        }
        assertThat(run(c, data, each)).containsExactly(err(ErrorText.MAX_CONTROL_LINE));
    }

    @Test
    void connectWithoutBlankCountsTowardsMaxControlLine() {
        // nats-server measures CONNECT's argument from the first byte after "CONNECT" and its blanks; a JSON object
        // without any blank must not escape the limit.
        Config c = cfg().mcl(16);
        String json = "{\"name\":\"" + "x".repeat(40) + "\"}";
        assertThat(run(c, "CONNECT " + json + "\r\n")).containsExactly(err(ErrorText.MAX_CONTROL_LINE));
        assertThat(run(c, "CONNECT" + json + "\r\n")).containsExactly(err(ErrorText.MAX_CONTROL_LINE));
        assertThat(run(c, "CONNECT" + json)).as("split, no LF yet").containsExactly(err(ErrorText.MAX_CONTROL_LINE));
    }

    /**
     * A client that streams bytes without a line end must not make the parser buffer them without bound: either the
     * bytes are discarded (nats-server does so after PING/PONG/+OK and for blanks after an op) or the connection is
     * refused with 'maximum control line exceeded'.
     */
    @ParameterizedTest
    @ValueSource(strings = {"SUB ", "CONNECT ", "PUB", "PING", "PONG", "+OK", "CONNECT", "INFO"})
    void endlessLineWithoutLfStaysBounded(String start) throws Exception {
        int mcl = 1024;
        Recorder rec = new Recorder();
        ProtocolParser p = new ProtocolParser(rec, mcl, MAX_PAYLOAD);
        byte[] first = bytes(start);
        p.parse(first, 0, first.length);
        // Blanks after PUB/SUB (still "before the first argument"), other bytes after the rest.
        byte[] chunk = new byte[16 * 1024];
        Arrays.fill(chunk, (byte) (start.startsWith("PUB") ? ' ' : 'x'));
        try {
            for (int i = 0; i < 128; i++) { // 2 MiB
                p.parse(chunk, 0, chunk.length);
            }
        } catch (ProtocolException e) {
            assertThat(e.errText()).isEqualTo(ErrorText.MAX_CONTROL_LINE);
            return;
        }
        assertThat(retainedLineBuffer(p)).as("bytes retained for a %s line of 2 MiB without LF", start)
                .isLessThanOrEqualTo(8 * mcl);
    }

    private static int retainedLineBuffer(ProtocolParser p) throws Exception {
        Field f = ProtocolParser.class.getDeclaredField("line");
        f.setAccessible(true);
        return ((byte[]) f.get(p)).length;
    }

    // ---- authorization pending ------------------------------------------------------------------------------------

    @Test
    void firstOpMustBeConnectWhenAuthIsRequired() {
        Config c = cfg().awaitingConnect();
        String auth = err(ErrorText.AUTHORIZATION_VIOLATION);
        assertThat(assertSameAtEverySplit(c, "PING\r\n")).containsExactly(auth);
        assertThat(assertSameAtEverySplit(c, "SUB foo 1\r\n")).containsExactly(auth);
        assertThat(assertSameAtEverySplit(c, "PUB foo 1\r\nx\r\n")).containsExactly(auth);
        assertThat(assertSameAtEverySplit(c, "+OK\r\n")).containsExactly(auth);
        assertThat(assertSameAtEverySplit(c, "CONNECT {}\r\nPING\r\n")).containsExactly("CONNECT {}", "PING");
        assertThat(assertSameAtEverySplit(c, "connect {}\r\nPING\r\n")).containsExactly("CONNECT {}", "PING");
        // "C..." passes the first-byte check; an unknown op starting with C is still unknown.
        assertThat(assertSameAtEverySplit(c, "CONNX {}\r\n")).containsExactly(err(ErrorText.UNKNOWN_PROTOCOL_OPERATION));
    }

    @Test
    void withoutAuthTheAwaitingFlagIsOff() {
        assertThat(run("PING\r\n")).containsExactly("PING");
    }

    /**
     * nats-server checks the first byte against 'C' before anything else (parser.go, OP_START: {@code goto authErr}),
     * so any first op that does not start with C, known or not, is an authorization violation, whatever the split.
     */
    @ParameterizedTest
    @ValueSource(strings = {"FOO\r\n", "MSG foo 1 1\r\n", "\r\n"})
    void nonConnectFirstBytesAreAnAuthorizationViolationWhateverTheSplit(String input) {
        assertThat(assertSameAtEverySplit(cfg().awaitingConnect(), input))
                .containsExactly(err(ErrorText.AUTHORIZATION_VIOLATION));
    }

    // ---- parseSize ------------------------------------------------------------------------------------------------

    @Test
    void parseSizeAcceptsOneToNineDigits() {
        assertThat(ProtocolParser.parseSize(bytes("0"), 0, 1)).isZero();
        assertThat(ProtocolParser.parseSize(bytes("999999999"), 0, 9)).isEqualTo(999_999_999);
        assertThat(ProtocolParser.parseSize(bytes("x123y"), 1, 4)).isEqualTo(123);
        assertThat(ProtocolParser.parseSize(bytes("1234567890"), 0, 10)).isEqualTo(-1);
        assertThat(ProtocolParser.parseSize(bytes(""), 0, 0)).isEqualTo(-1);
        assertThat(ProtocolParser.parseSize(bytes("1 2"), 0, 3)).isEqualTo(-1);
        assertThat(ProtocolParser.parseSize(bytes("/"), 0, 1)).isEqualTo(-1);
        assertThat(ProtocolParser.parseSize(bytes(":"), 0, 1)).isEqualTo(-1);
    }

    // ---- pause ------------------------------------------------------------------------------------------------------

    @Test
    void pauseStopsRightAfterTheConnectAndTheRestParsesLater() {
        Recorder r = new Recorder();
        ProtocolParser p = new ProtocolParser(r, MCL, MAX_PAYLOAD);
        r.parser = p;
        r.pauseOnConnect = true;
        byte[] in = bytes("CONNECT {}\r\nPING\r\nSUB a 1\r\n");
        int stop = p.parse(in, 0, in.length);
        assertThat(stop).isEqualTo("CONNECT {}\r\n".length());
        assertThat(r.calls).containsExactly("CONNECT {}");
        r.pauseOnConnect = false;
        assertThat(p.parse(in, stop, in.length)).isEqualTo(in.length);
        assertThat(r.calls).containsExactly("CONNECT {}", "PING", "SUB a 1");
    }

    @Test
    void pauseAfterASplitConnectReturnsTheOffsetInTheLastBuffer() {
        Recorder r = new Recorder();
        ProtocolParser p = new ProtocolParser(r, MCL, MAX_PAYLOAD);
        r.parser = p;
        r.pauseOnConnect = true;
        byte[] first = bytes("CONNECT {\"a\"");
        byte[] second = bytes(":1}\r\nPING\r\n");
        assertThat(p.parse(first, 0, first.length)).isEqualTo(first.length);
        assertThat(p.parse(second, 0, second.length)).isEqualTo(":1}\r\n".length());
        assertThat(r.calls).containsExactly("CONNECT {\"a\":1}");
    }
}
