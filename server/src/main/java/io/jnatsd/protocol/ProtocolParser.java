package io.jnatsd.protocol;

import java.util.Arrays;

/**
 * The client protocol parser: a state machine over raw bytes that calls a {@link ProtocolHandler} per operation.
 *
 * <p>Hot path: a control line and payload that arrive whole in one read are handed over as offsets into the read
 * buffer; nothing is copied or decoded. Only a frame split across reads is copied: its control line into a scratch
 * area (bounded by max_control_line), its payload into a payload buffer sized to the declared length.
 *
 * <p>Compatibility with nats-server: ops are case-insensitive; arguments are separated by spaces or tabs; a control
 * line ends at LF with an optional CR before it; a payload must be followed by exactly CR LF; PING/PONG/+OK ignore
 * anything after the op name; an unknown op is detected from its first bytes, without waiting for the line end.
 */
public final class ProtocolParser {
    private static final int START = 0;
    private static final int LINE = 1;     // a control line is split; its start is in {@link #line}
    private static final int PAYLOAD = 2;  // a payload is split; its start is in {@link #payload}

    /** Payload buffers up to this size are kept for the next split message; larger ones are dropped after use. */
    private static final int KEEP_PAYLOAD_BUFFER = 64 * 1024;
    private static final int MAX_SIZE_DIGITS = 9;
    /** Blanks between op and arguments are not limited by nats-server; a generous bound keeps memory finite. */
    private static final int MAX_BLANKS_SLACK = 4096;
    private static final int OP_PING = 1;
    private static final int OP_PONG = 2;
    private static final int OP_OK = 8;

    private static final byte[][] CLIENT_OPS = {
        bytes("PUB "), bytes("PING"), bytes("PONG"), bytes("HPUB "), bytes("SUB "), bytes("UNSUB "),
        bytes("CONNECT"), bytes("INFO"), bytes("+OK"), bytes("-ERR "),
    };
    /** Route mode: the same positions for the shared ops (PING 1, PONG 2, CONNECT 6, INFO 7, +OK 8, -ERR 9). */
    private static final byte[][] ROUTE_OPS = {
        bytes("RMSG "), bytes("PING"), bytes("PONG"), bytes("HMSG "), bytes("RS+ "), bytes("RS- "),
        bytes("CONNECT"), bytes("INFO"), bytes("+OK"), bytes("-ERR "),
    };
    /** Route mode: account, subject, up to this many queue names and reply markers, sizes. */
    private static final int MAX_ROUTE_ARGS = 64;

    private final ProtocolHandler handler;
    /** Non-null in route mode. */
    private final RouteProtocolHandler routeHandler;
    private final byte[][] ops;
    private final int maxControlLine;
    private int maxPayload;
    private boolean awaitingConnect;
    private boolean paused;

    private int state = START;
    /** The split line is a complete PING/PONG/+OK: skip input up to its LF. */
    private boolean discardRest;
    private byte[] line;
    private int lineLen;
    private byte[] payload;
    private int payloadLen;
    private int payloadNeed;
    private boolean payloadPending;
    private final PubArgs pub = new PubArgs();
    private final RouteMsgArgs routeMsg;
    /** The argument bytes of the pending PUB/RMSG, saved when its payload is split across reads. */
    private int argsFrom;
    private int argsTo;
    private final int[] argStart;
    private final int[] argEnd;

    public ProtocolParser(ProtocolHandler handler, int maxControlLine, int maxPayload) {
        this(handler, null, maxControlLine, maxPayload);
    }

    private ProtocolParser(ProtocolHandler handler, RouteProtocolHandler routeHandler, int maxControlLine,
            int maxPayload) {
        this.handler = handler;
        this.routeHandler = routeHandler;
        this.ops = routeHandler == null ? CLIENT_OPS : ROUTE_OPS;
        this.routeMsg = routeHandler == null ? null : new RouteMsgArgs();
        int maxArgs = routeHandler == null ? 5 : MAX_ROUTE_ARGS;
        this.argStart = new int[maxArgs];
        this.argEnd = new int[maxArgs];
        this.maxControlLine = maxControlLine;
        this.maxPayload = maxPayload;
        this.line = new byte[Math.min(maxControlLine + 64, 1024)];
    }

    /** A parser for the route protocol (RS+, RS-, RMSG, HMSG and the shared ops), same framing as clients. */
    public static ProtocolParser forRoutes(RouteProtocolHandler handler, int maxControlLine, int maxPayload) {
        return new ProtocolParser(handler, handler, maxControlLine, maxPayload);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** When set, the first op must be CONNECT (auth required); anything else is an authorization violation. */
    public void awaitingConnect(boolean v) {
        awaitingConnect = v;
    }

    public void maxPayload(int v) {
        maxPayload = v;
    }

    /**
     * Stops {@link #parse} after the operation being handled (called from a handler method, e.g. while a CONNECT's
     * credentials are checked elsewhere); parse returns where the next operation starts.
     */
    public void pause() {
        paused = true;
    }

    /**
     * Parses {@code b[off, end)}; state carries over to the next call. Returns {@code end}, or where it stopped
     * after {@link #pause()}: the caller keeps {@code b[returned, end)} and parses it later.
     */
    public int parse(byte[] b, int off, int end) {
        int i = off;
        while (i < end) {
            if (state == PAYLOAD) {
                i = continuePayload(b, i, end);
                continue;
            }
            int nl = indexOfNewline(b, i, end);
            if (state == LINE) {
                if (nl < 0) {
                    if (!discardRest) {
                        appendLine(b, i, end);
                        checkPartialLine();
                    }
                    return end;
                }
                appendLine(b, discardRest ? nl : i, nl + 1);
                discardRest = false;
                state = START;
                i = nl + 1;
                processLine(line, 0, lineLen - 1);
            } else {
                if (nl < 0) {
                    lineLen = 0;
                    appendLine(b, i, end);
                    state = LINE;
                    checkPartialLine();
                    return end;
                }
                processLine(b, i, nl);
                i = nl + 1;
            }
            if (paused) { // only CONNECT pauses, and it has no payload
                paused = false;
                return i;
            }
            if (payloadPending) {
                i = startPayload(b, i, end);
            }
        }
        return end;
    }

    private static int indexOfNewline(byte[] b, int from, int end) {
        for (int i = from; i < end; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void appendLine(byte[] b, int from, int to) {
        int n = to - from;
        if (lineLen + n > line.length) {
            // Bounded: checkPartialLine refuses lines past max_control_line before they grow much further.
            line = Arrays.copyOf(line, Math.max(line.length * 2, lineLen + n));
        }
        System.arraycopy(b, from, line, lineLen, n);
        lineLen += n;
    }

    /**
     * A split control line: the first byte must be C when CONNECT is awaited, the op must already look valid, and the
     * arguments must stay within the limit. Bytes after PING/PONG/+OK are not kept (nats-server ignores them too),
     * and a line of nothing but blanks is bounded as well, so no input grows the buffer without limit.
     */
    private void checkPartialLine() {
        if (awaitingConnect && upper(line[0]) != 'C') {
            throw authViolation();
        }
        int op = matchOpPrefix(line, 0, lineLen);
        if (op < 0) {
            throw unknownOp("unknown op");
        }
        int opLen = ops[op].length;
        if (lineLen < opLen) {
            return;
        }
        if (op == OP_PING || op == OP_PONG || op == OP_OK) {
            lineLen = opLen;
            discardRest = true;
            return;
        }
        int end = line[lineLen - 1] == '\r' ? lineLen - 1 : lineLen;
        if (end - argsStart(line, opNameLength(op), end) > maxControlLine
                || lineLen > maxControlLine + MAX_BLANKS_SLACK) {
            throw new ProtocolException(ErrorText.MAX_CONTROL_LINE, "control line of " + lineLen + " bytes");
        }
    }

    /** The op name without the blank that must follow some ops in the op table. */
    private int opNameLength(int op) {
        byte[] name = ops[op];
        return name[name.length - 1] == ' ' ? name.length - 1 : name.length;
    }

    /** Index of the first argument byte: {@code from} (just after the op name) plus the blanks there. */
    private static int argsStart(byte[] b, int from, int end) {
        int i = from;
        while (i < end && (b[i] == ' ' || b[i] == '\t')) {
            i++;
        }
        return i;
    }

    /** @return the index in the op table of an op whose start matches {@code b[off,end)}, or -1 */
    private int matchOpPrefix(byte[] b, int off, int end) {
        byte[][] table = ops;
        outer:
        for (int k = 0; k < table.length; k++) {
            byte[] op = table[k];
            int n = Math.min(op.length, end - off);
            for (int j = 0; j < n; j++) {
                byte c = b[off + j];
                if (op[j] == ' ') {
                    if (c != ' ' && c != '\t') {
                        continue outer;
                    }
                } else if (upper(c) != op[j]) {
                    continue outer;
                }
            }
            return k;
        }
        return -1;
    }

    private static byte upper(byte c) {
        return (c >= 'a' && c <= 'z') ? (byte) (c - 32) : c;
    }

    private static ProtocolException unknownOp(String detail) {
        return new ProtocolException(ErrorText.UNKNOWN_PROTOCOL_OPERATION, detail);
    }

    private static ProtocolException authViolation() {
        return new ProtocolException(ErrorText.AUTHORIZATION_VIOLATION, "first op was not CONNECT");
    }

    /** One complete control line {@code b[off, nl)} where {@code b[nl]} is the LF. */
    private void processLine(byte[] b, int off, int nl) {
        int end = nl;
        if (end > off && b[end - 1] == '\r') {
            end--;
        }
        if (awaitingConnect && (end == off || upper(b[off]) != 'C')) {
            throw authViolation();
        }
        if (end == off) {
            throw unknownOp("empty line");
        }
        int op = matchOpPrefix(b, off, end);
        int opLen = op < 0 ? 0 : ops[op].length;
        if (op < 0 || end - off < opLen) {
            throw unknownOp("unknown op");
        }
        int args = argsStart(b, off + opNameLength(op), end);
        if (op != OP_PING && op != OP_PONG && op != OP_OK && end - args > maxControlLine) {
            throw new ProtocolException(ErrorText.MAX_CONTROL_LINE, "control line of " + (end - off) + " bytes");
        }
        if (routeHandler != null && op != OP_PING && op != OP_PONG && op < 6) {
            routeLine(op, b, args, end);
            return;
        }
        switch (op) {
            case 0: // PUB
                pubArgs(b, args, end, false);
                break;
            case 1:
                handler.onPing();
                break;
            case 2:
                handler.onPong();
                break;
            case 3: // HPUB
                pubArgs(b, args, end, true);
                break;
            case 4:
                subArgs(b, args, end);
                break;
            case 5:
                unsubArgs(b, args, end);
                break;
            case 6: // CONNECT: blanks after the op are optional
                handler.onConnect(b, args, end - args);
                break;
            case 7:
                handler.onInfo(b, args, end - args);
                break;
            case 8:
                handler.onOk();
                break;
            default:
                handler.onErr(b, args, end - args);
                break;
        }
    }

    private int splitArgs(byte[] b, int off, int end, int max) {
        int n = 0;
        int i = off;
        while (i < end) {
            while (i < end && (b[i] == ' ' || b[i] == '\t')) {
                i++;
            }
            if (i == end) {
                break;
            }
            if (n == max) {
                return -1;
            }
            argStart[n] = i;
            while (i < end && b[i] != ' ' && b[i] != '\t') {
                i++;
            }
            argEnd[n++] = i;
        }
        return n;
    }

    /** nats-server's parseSize: 1 to 9 ASCII digits, else -1. */
    static int parseSize(byte[] b, int off, int end) {
        int len = end - off;
        if (len == 0 || len > MAX_SIZE_DIGITS) {
            return -1;
        }
        int n = 0;
        for (int i = off; i < end; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            n = n * 10 + d;
        }
        return n;
    }

    private void pubArgs(byte[] b, int off, int end, boolean headers) {
        int n = splitArgs(b, off, end, headers ? 4 : 3);
        int min = headers ? 3 : 2;
        if (n < min) {
            throw new ProtocolException(null, (headers ? "HPUB" : "PUB") + " parse error");
        }
        PubArgs p = pub;
        p.buf = b;
        p.subjectOff = argStart[0];
        p.subjectLen = argEnd[0] - argStart[0];
        int sizeArg = n - 1;
        if (n == min + 1) {
            p.replyOff = argStart[1];
            p.replyLen = argEnd[1] - argStart[1];
        } else {
            p.replyOff = 0;
            p.replyLen = 0;
        }
        p.sizeOff = argStart[sizeArg];
        p.sizeLen = argEnd[sizeArg] - argStart[sizeArg];
        p.totalSize = parseSize(b, p.sizeOff, argEnd[sizeArg]);
        if (headers) {
            p.hdrOff = argStart[sizeArg - 1];
            p.hdrLen = argEnd[sizeArg - 1] - p.hdrOff;
            p.headerSize = parseSize(b, p.hdrOff, argEnd[sizeArg - 1]);
            if (p.headerSize < 0 || p.totalSize < 0 || p.headerSize > p.totalSize) {
                throw new ProtocolException(null, "HPUB bad or missing size");
            }
        } else {
            p.hdrOff = 0;
            p.hdrLen = 0;
            p.headerSize = -1;
            if (p.totalSize < 0) {
                throw new ProtocolException(null, "PUB bad or missing size");
            }
        }
        if (p.totalSize > maxPayload) {
            throw new ProtocolException(ErrorText.MAX_PAYLOAD, "payload " + p.totalSize + " > " + maxPayload);
        }
        payloadPending = true;
        payloadNeed = p.totalSize + 2;
        argsFrom = p.subjectOff;
        argsTo = Math.max(p.sizeOff + p.sizeLen, p.replyOff + p.replyLen);
    }

    // ---- route mode -------------------------------------------------------------------------------------------------

    private void routeLine(int op, byte[] b, int args, int end) {
        switch (op) {
            case 0:
                routeMsgArgs(b, args, end, false);
                break;
            case 3:
                routeMsgArgs(b, args, end, true);
                break;
            case 4:
                routeSubArgs(b, args, end, true);
                break;
            default:
                routeSubArgs(b, args, end, false);
                break;
        }
    }

    /** {@code RS+ acc subject [queue weight]} / {@code RS- acc subject [queue]}. */
    private void routeSubArgs(byte[] b, int off, int end, boolean sub) {
        int n = splitArgs(b, off, end, 4);
        String op = sub ? "RS+" : "RS-";
        if (n < 2) {
            throw new ProtocolException(null, op + " parse error");
        }
        int acc = 0;
        int subj = 1;
        int qOff = 0;
        int qLen = 0;
        int weight = 0;
        if (n >= 3) {
            qOff = argStart[2];
            qLen = argEnd[2] - qOff;
            if (sub) {
                weight = n == 4 ? parseSize(b, argStart[3], argEnd[3]) : 1;
                if (weight < 0) {
                    throw new ProtocolException(null, op + " bad queue weight");
                }
            }
        }
        if (sub) {
            routeHandler.onRouteSub(b, argStart[acc], argEnd[acc] - argStart[acc], argStart[subj],
                    argEnd[subj] - argStart[subj], qOff, qLen, weight);
        } else {
            routeHandler.onRouteUnsub(b, argStart[acc], argEnd[acc] - argStart[acc], argStart[subj],
                    argEnd[subj] - argStart[subj], qOff, qLen);
        }
    }

    /**
     * {@code RMSG acc subject [reply] size}, {@code RMSG acc subject + reply q... size},
     * {@code RMSG acc subject | q... size}; HMSG has the header size before the total.
     */
    private void routeMsgArgs(byte[] b, int off, int end, boolean headers) {
        int n = splitArgs(b, off, end, MAX_ROUTE_ARGS);
        int sizes = headers ? 2 : 1;
        String op = headers ? "HMSG" : "RMSG";
        if (n < 2 + sizes) {
            throw new ProtocolException(null, op + " parse error");
        }
        PubArgs p = pub;
        RouteMsgArgs r = routeMsg;
        p.buf = b;
        r.accountOff = argStart[0];
        r.accountLen = argEnd[0] - argStart[0];
        r.queueCount = 0;
        p.subjectOff = argStart[1];
        p.subjectLen = argEnd[1] - argStart[1];
        p.replyOff = 0;
        p.replyLen = 0;
        int middle = n - sizes; // args [2, middle) are reply / markers / queues
        if (middle > 2) {
            byte first = b[argStart[2]];
            boolean marker = argEnd[2] - argStart[2] == 1 && (first == '+' || first == '|');
            int q = 3;
            if (marker && first == '+') {
                if (middle < 4) {
                    throw new ProtocolException(null, op + " parse error");
                }
                p.replyOff = argStart[3];
                p.replyLen = argEnd[3] - argStart[3];
                q = 4;
            } else if (!marker) {
                if (middle != 3) {
                    throw new ProtocolException(null, op + " parse error");
                }
                p.replyOff = argStart[2];
                p.replyLen = argEnd[2] - argStart[2];
                q = middle;
            }
            for (int i = q; i < middle; i++) {
                r.addQueue(argStart[i], argEnd[i] - argStart[i]);
            }
        }
        int sizeArg = n - 1;
        p.sizeOff = argStart[sizeArg];
        p.sizeLen = argEnd[sizeArg] - p.sizeOff;
        p.totalSize = parseSize(b, p.sizeOff, argEnd[sizeArg]);
        if (headers) {
            p.hdrOff = argStart[sizeArg - 1];
            p.hdrLen = argEnd[sizeArg - 1] - p.hdrOff;
            p.headerSize = parseSize(b, p.hdrOff, argEnd[sizeArg - 1]);
            if (p.headerSize < 0 || p.totalSize < 0 || p.headerSize > p.totalSize) {
                throw new ProtocolException(null, op + " bad or missing size");
            }
        } else {
            p.hdrOff = 0;
            p.hdrLen = 0;
            p.headerSize = -1;
            if (p.totalSize < 0) {
                throw new ProtocolException(null, op + " bad or missing size");
            }
        }
        if (p.totalSize > maxPayload) {
            throw new ProtocolException(ErrorText.MAX_PAYLOAD, "payload " + p.totalSize + " > " + maxPayload);
        }
        payloadPending = true;
        payloadNeed = p.totalSize + 2;
        argsFrom = r.accountOff;
        argsTo = p.sizeOff + p.sizeLen;
    }

    private void subArgs(byte[] b, int off, int end) {
        int n = splitArgs(b, off, end, 3);
        if (n < 2) {
            throw new ProtocolException(null, "SUB parse error");
        }
        if (n == 2) {
            handler.onSub(b, argStart[0], argEnd[0] - argStart[0], 0, 0, argStart[1], argEnd[1] - argStart[1]);
        } else {
            handler.onSub(b, argStart[0], argEnd[0] - argStart[0], argStart[1], argEnd[1] - argStart[1],
                    argStart[2], argEnd[2] - argStart[2]);
        }
    }

    private void unsubArgs(byte[] b, int off, int end) {
        int n = splitArgs(b, off, end, 2);
        if (n < 1) {
            throw new ProtocolException(null, "UNSUB parse error");
        }
        long max = -1;
        if (n == 2) {
            int m = parseSize(b, argStart[1], argEnd[1]);
            max = m < 0 ? -2 : m;
        }
        handler.onUnsub(b, argStart[0], argEnd[0] - argStart[0], max);
    }

    /** The payload of the PUB just parsed starts at {@code b[i]}. */
    private int startPayload(byte[] b, int i, int end) {
        int need = payloadNeed;
        if (end - i >= need) {
            payloadPending = false;
            deliver(b, i);
            return i + need;
        }
        checkPayloadEnd(b, i, end - i); // a wrong byte after the payload is an error at once, not at the next read
        // Split payload: keep the arguments (they point into the read buffer) and the payload so far.
        if (pub.buf == b) {
            int n = argsTo - argsFrom;
            if (line.length < n) {
                line = new byte[Math.max(n, line.length * 2)];
            }
            System.arraycopy(pub.buf, argsFrom, line, 0, n);
            pub.shift(line, -argsFrom);
            if (routeMsg != null) {
                routeMsg.shift(-argsFrom);
            }
        }
        if (payload == null || payload.length < need) {
            payload = new byte[need];
        }
        int n = end - i;
        System.arraycopy(b, i, payload, 0, n);
        payloadLen = n;
        state = PAYLOAD;
        return end;
    }

    private int continuePayload(byte[] b, int i, int end) {
        int n = Math.min(payloadNeed - payloadLen, end - i);
        System.arraycopy(b, i, payload, payloadLen, n);
        payloadLen += n;
        checkPayloadEnd(payload, 0, payloadLen);
        if (payloadLen == payloadNeed) {
            state = START;
            payloadPending = false;
            byte[] p = payload;
            if (p.length > KEEP_PAYLOAD_BUFFER) {
                payload = null;
            }
            deliver(p, 0);
        }
        return i + n;
    }

    /** {@code have} bytes of the current payload frame are at {@code b[off]}: check the CR LF bytes among them. */
    private void checkPayloadEnd(byte[] b, int off, int have) {
        int size = payloadNeed - 2;
        if ((have > size && b[off + size] != '\r') || (have > size + 1 && b[off + size + 1] != '\n')) {
            throw unknownOp("payload not followed by CRLF");
        }
    }

    private void deliver(byte[] b, int off) {
        int size = payloadNeed - 2;
        if (b[off + size] != '\r' || b[off + size + 1] != '\n') {
            throw unknownOp("payload not followed by CRLF");
        }
        if (routeHandler != null) {
            routeHandler.onRouteMsg(pub, routeMsg, b, off);
        } else {
            handler.onPub(pub, b, off);
        }
    }
}
