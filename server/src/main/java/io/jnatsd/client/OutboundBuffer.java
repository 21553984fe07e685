package io.jnatsd.client;

import io.jnatsd.protocol.PubArgs;
import io.jnatsd.subject.Subscription;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * A connection's pending output. Any event loop may append (fan-out from publishers on other loops) under this
 * object's monitor, held only for the copy; the owner loop takes the whole buffer and writes it outside the lock.
 *
 * <p>Small payloads are copied into one pooled buffer per flush: cheaper than reference-counting slices, and it gives
 * one gathering write per subscriber per read batch.
 */
final class OutboundBuffer {
    /** Outcome of {@link #appendMsg}. */
    static final int DELIVERED = 0;
    static final int DELIVERED_LAST = 1; // the subscription reached its auto-unsubscribe limit
    static final int DROPPED = 2;        // subscription gone or over its limit already
    static final int SLOW_CONSUMER = 3;  // over max_pending: the connection must be closed
    /** Or'ed into DELIVERED/DELIVERED_LAST: more than half of max_pending is waiting, the publisher should pause. */
    static final int STALL = 4;

    private static final byte[] MSG = {'M', 'S', 'G', ' '};
    private static final byte[] HMSG = {'H', 'M', 'S', 'G', ' '};
    private static final int INITIAL = 1024;

    private final ByteBufAllocator alloc;
    private final long maxPending;
    private final PendingWrites pendingWrites;
    private ByteBuf buf;
    private boolean closed;
    /** Messages and payload bytes appended; read by monitoring. */
    long outMsgs;
    long outBytes;

    /** Bytes handed to the channel but not yet written to the socket. */
    interface PendingWrites {
        long pendingBytes();
    }

    OutboundBuffer(ByteBufAllocator alloc, long maxPending, PendingWrites pendingWrites) {
        this.alloc = alloc;
        this.maxPending = maxPending;
        this.pendingWrites = pendingWrites;
    }

    private ByteBuf ensure(int bytes) {
        ByteBuf b = buf;
        if (b == null) {
            b = alloc.directBuffer(Math.max(INITIAL, bytes));
            buf = b;
        } else {
            b.ensureWritable(bytes);
        }
        return b;
    }

    /** Appends a protocol line (INFO, PONG, PING, +OK, -ERR). */
    synchronized boolean appendControl(byte[] bytes) {
        if (closed) {
            return false;
        }
        ensure(bytes.length).writeBytes(bytes);
        return true;
    }

    /**
     * Appends one MSG/HMSG for {@code sub}. {@code stripHeaders}: the subscriber did not declare headers, so a
     * message with headers goes out as MSG without them (as nats-server does).
     */
    synchronized int appendMsg(Subscription<?> sub, PubArgs p, byte[] payload, int payloadOff, boolean stripHeaders) {
        if (closed || sub.closed) {
            return DROPPED;
        }
        long max = sub.maxMsgs;
        if (max > 0 && sub.delivered >= max) {
            return DROPPED;
        }
        // An empty header block (size 0) goes out as a plain MSG, as nats-server does.
        boolean headers = p.headerSize > 0 && !stripHeaders;
        int skip = (p.headerSize > 0 && stripHeaders) ? p.headerSize : 0;
        int size = p.totalSize - skip;
        byte[] sid = sub.sid();
        // Upper bound of the frame: op, subject, sid, reply, two sizes, separators, CRLFs, payload.
        int frame = 5 + p.subjectLen + 1 + sid.length + 1 + p.replyLen + 1 + 2 * 11 + 4 + size;
        long pending = (buf == null ? 0 : buf.readableBytes()) + pendingWrites.pendingBytes();
        if (pending + frame > maxPending) {
            return SLOW_CONSUMER;
        }
        ByteBuf b = ensure(frame);
        byte[] a = p.buf;
        b.writeBytes(headers ? HMSG : MSG);
        b.writeBytes(a, p.subjectOff, p.subjectLen);
        b.writeByte(' ');
        b.writeBytes(sid);
        b.writeByte(' ');
        if (p.replyLen > 0) {
            b.writeBytes(a, p.replyOff, p.replyLen);
            b.writeByte(' ');
        }
        if (headers) {
            b.writeBytes(a, p.hdrOff, p.hdrLen);
            b.writeByte(' ');
        }
        if (skip == 0) {
            b.writeBytes(a, p.sizeOff, p.sizeLen); // the publisher's own digits: no number formatting
        } else {
            writeDecimal(b, size);
        }
        b.writeByte('\r');
        b.writeByte('\n');
        b.writeBytes(payload, payloadOff + skip, size);
        b.writeByte('\r');
        b.writeByte('\n');
        outMsgs++;
        outBytes += size;
        sub.delivered++;
        int rc = (max > 0 && sub.delivered >= max) ? DELIVERED_LAST : DELIVERED;
        return pending + frame > maxPending / 2 ? rc | STALL : rc;
    }

    /** Appends a complete pre-rendered message for {@code sub} (server-generated, e.g. a no-responders status). */
    synchronized boolean appendRaw(byte[] frame) {
        if (closed) {
            return false;
        }
        ensure(frame.length).writeBytes(frame);
        outMsgs++;
        return true;
    }

    static void writeDecimal(ByteBuf b, int v) {
        if (v == 0) {
            b.writeByte('0');
            return;
        }
        int digits = 0;
        for (int x = v; x > 0; x /= 10) {
            digits++;
        }
        int at = b.writerIndex() + digits;
        b.writerIndex(at);
        for (int x = v; x > 0; x /= 10) {
            b.setByte(--at, '0' + x % 10);
        }
    }

    /** Takes everything appended so far; the caller writes it and the channel releases it. */
    synchronized ByteBuf take() {
        ByteBuf b = buf;
        buf = null;
        return b;
    }

    /** Whether more than half of max_pending is waiting: the level at which publishers are paused. */
    synchronized boolean overStallLevel() {
        return !closed && (buf == null ? 0 : buf.readableBytes()) + pendingWrites.pendingBytes() > maxPending / 2;
    }

    synchronized int pendingBytes() {
        return buf == null ? 0 : buf.readableBytes();
    }

    /** Drops pending output and refuses further appends. */
    synchronized void close() {
        closed = true;
        if (buf != null) {
            buf.release();
            buf = null;
        }
    }
}
