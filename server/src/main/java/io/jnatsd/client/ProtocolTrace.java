package io.jnatsd.client;

import io.jnatsd.protocol.ConnectOptions;
import io.jnatsd.protocol.PubArgs;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * -V protocol trace lines in nats-server's format, e.g.
 * {@code 127.0.0.1:50412 - cid:4 - "v2.24.0:java" - <<- [SUB foo 1]}. Callers test {@link #on()} first, so with
 * tracing off a protocol operation costs one boolean check and no string is built.
 */
final class ProtocolTrace {
    private static final Logger LOG = LoggerFactory.getLogger(ProtocolTrace.class);

    private ProtocolTrace() {
    }

    static boolean on() {
        return LOG.isTraceEnabled();
    }

    /** A protocol line the client sent; {@code connect} is null before CONNECT (no client tag yet). */
    static void in(String remote, long cid, ConnectOptions connect, String op) {
        LOG.trace("{} - <<- [{}]", prefix(remote, cid, connect), op);
    }

    /** A protocol line the server sent. */
    static void out(String remote, long cid, ConnectOptions connect, String op) {
        LOG.trace("{} - ->> [{}]", prefix(remote, cid, connect), op);
    }

    /** Something the server did on its own for the client, e.g. {@code <-> [DELSUB 1]} when a subscription ends. */
    static void event(String remote, long cid, ConnectOptions connect, String op) {
        LOG.trace("{} - <-> [{}]", prefix(remote, cid, connect), op);
    }

    /**
     * A PUB / HPUB: its line as the client wrote it (spacing normalised), then the payload Go-quoted, cut to
     * {@code maxTraced} bytes (max_traced_msg_len; 0 = whole).
     */
    static void pub(String remote, long cid, ConnectOptions connect, PubArgs p, byte[] payload, int payloadOff,
            int maxTraced) {
        String prefix = prefix(remote, cid, connect);
        StringBuilder op = new StringBuilder(p.hasHeaders() ? "HPUB " : "PUB ").append(p.subject());
        if (p.hasReply()) {
            op.append(' ').append(p.reply());
        }
        if (p.hasHeaders()) {
            op.append(' ').append(p.headerSize);
        }
        op.append(' ').append(p.totalSize);
        LOG.trace("{} - <<- [{}]", prefix, op);
        LOG.trace("{} - <<- MSG_PAYLOAD: [{}]", prefix, payloadText(payload, payloadOff, p.totalSize, maxTraced));
    }

    /**
     * The traced payload as nats-server writes it: Go-quoted, or with max_traced_msg_len the first {@code max}
     * characters of the quoted first {@code max} bytes, then {@code ...} (so an escape may be cut, as in Go).
     */
    static String payloadText(byte[] b, int off, int len, int max) {
        if (max <= 0 || len <= max) {
            return goQuote(b, off, len);
        }
        String quoted = goQuote(b, off, max);
        return "\"" + quoted.substring(1, max + 1) + "...\"";
    }

    static String text(byte[] b, int off, int len) {
        return new String(b, off, len, StandardCharsets.UTF_8);
    }

    /** nats-server tags a connected client with {@code "v<version>:<lang>[:<name>]"} when it told them. */
    static String prefix(String remote, long cid, ConnectOptions c) {
        String base = remote + " - cid:" + cid;
        if (c == null || (isEmpty(c.lang) && isEmpty(c.version))) {
            return base;
        }
        String tag = "v" + nonNull(c.version) + ":" + nonNull(c.lang) + (isEmpty(c.name) ? "" : ":" + c.name);
        return base + " - " + goQuote(tag.getBytes(StandardCharsets.UTF_8), 0, tag.length());
    }

    /** Go's %q for the bytes of a payload: printable ASCII as is, the usual escapes, \x.. for the rest. */
    static String goQuote(byte[] b, int off, int len) {
        StringBuilder q = new StringBuilder(len + 2).append('"');
        for (int i = off; i < off + len; i++) {
            int c = b[i] & 0xff;
            switch (c) {
                case '"': q.append("\\\""); break;
                case '\\': q.append("\\\\"); break;
                case '\r': q.append("\\r"); break;
                case '\n': q.append("\\n"); break;
                case '\t': q.append("\\t"); break;
                default:
                    if (c >= 0x20 && c < 0x7f) {
                        q.append((char) c);
                    } else {
                        q.append(String.format("\\x%02x", c));
                    }
            }
        }
        return q.append('"').toString();
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
