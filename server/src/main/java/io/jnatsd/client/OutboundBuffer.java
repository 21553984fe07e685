package io.jnatsd.client;

import io.jnatsd.subject.Subscription;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * A connection's pending output. Any event loop may append (fan-out from publishers on other loops) under this
 * object's monitor, held only for the copy; the owner loop takes what was appended and writes it outside the lock.
 *
 * <p>Appends go into a plain byte array: a few {@code System.arraycopy} calls per message, which the JIT turns into
 * inlined copies, instead of a dozen bounds-checked ByteBuf writes. The owner swaps that array with a spare one
 * (double buffering) and copies its content into one pooled direct buffer per flush: one memcpy and one gathering
 * write per subscriber per read, however many messages it holds.
 */
final class OutboundBuffer {
    /** Outcome of {@link #appendMsg}. */
    static final int DELIVERED = 0;
    static final int DELIVERED_LAST = 1; // the subscription reached its auto-unsubscribe limit
    static final int DROPPED = 2;        // subscription gone or over its limit already
    static final int SLOW_CONSUMER = 3;  // over max_pending: the connection must be closed
    /**
     * Or'ed into DELIVERED/DELIVERED_LAST: over a quarter of max_pending is waiting, the publisher should pause. A
     * quarter, not half, leaves room for the reads already under way (up to 64 KB each) when max_pending is small.
     */
    static final int STALL = 4;

    private static final int INITIAL = 512;
    /** A spare array larger than this is dropped after a small flush, so idle connections give memory back. */
    private static final int KEEP = 64 * 1024;

    private final ByteBufAllocator alloc;
    private final long maxPending;
    private final PendingWrites pendingWrites;
    private byte[] active = new byte[INITIAL];
    private int activeLen;
    private byte[] spare = new byte[INITIAL]; // owner loop only
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

    private void ensure(int bytes) {
        int need = activeLen + bytes;
        if (need > active.length) {
            byte[] bigger = new byte[Math.max(need, active.length * 2)];
            System.arraycopy(active, 0, bigger, 0, activeLen);
            active = bigger;
        }
    }

    /** Appends a protocol line (INFO, PONG, PING, +OK, -ERR). */
    synchronized boolean appendControl(byte[] bytes) {
        if (closed) {
            return false;
        }
        ensure(bytes.length);
        System.arraycopy(bytes, 0, active, activeLen, bytes.length);
        activeLen += bytes.length;
        return true;
    }

    /**
     * Appends one MSG/HMSG for {@code sub}: {@code pre}, the sid, {@code post}, {@code size} payload bytes, CRLF.
     * {@code payloadOff}/{@code size} already exclude a header block the subscriber does not want.
     */
    synchronized int appendMsg(Subscription<?> sub, byte[] pre, int preLen, byte[] post, int postLen,
            byte[] payload, int payloadOff, int size) {
        if (closed || sub.closed) {
            return DROPPED;
        }
        long max = sub.maxMsgs;
        if (max > 0 && sub.delivered >= max) {
            return DROPPED;
        }
        byte[] sid = sub.sid();
        int frame = preLen + sid.length + postLen + size + 2;
        // Ours plus what Netty has not written to the socket yet (a volatile read; a snapshot taken at flush time
        // was tried and went stale while the socket was backed up, missing the stall level).
        long waiting = activeLen + pendingWrites.pendingBytes() + frame;
        if (waiting > maxPending) {
            return SLOW_CONSUMER;
        }
        ensure(frame);
        byte[] a = active;
        int n = activeLen;
        System.arraycopy(pre, 0, a, n, preLen);
        n += preLen;
        System.arraycopy(sid, 0, a, n, sid.length);
        n += sid.length;
        System.arraycopy(post, 0, a, n, postLen);
        n += postLen;
        System.arraycopy(payload, payloadOff, a, n, size);
        n += size;
        a[n++] = '\r';
        a[n++] = '\n';
        activeLen = n;
        outMsgs++;
        outBytes += size;
        sub.delivered++;
        int rc = (max > 0 && sub.delivered >= max) ? DELIVERED_LAST : DELIVERED;
        return waiting > maxPending / 4 ? rc | STALL : rc;
    }

    /** Appends a complete pre-rendered message (server-generated, e.g. a no-responders status). */
    synchronized boolean appendRaw(byte[] frame) {
        if (appendControl(frame)) {
            outMsgs++;
            return true;
        }
        return false;
    }

    /**
     * Owner loop: moves everything appended so far into a new direct buffer for the channel, or returns null when
     * there is nothing. The caller writes it; the channel releases it.
     */
    ByteBuf take() {
        byte[] full;
        int n;
        synchronized (this) {
            n = activeLen;
            if (n == 0 || closed) {
                return null;
            }
            full = active;
            active = spare;
            activeLen = 0;
        }
        ByteBuf out = alloc.directBuffer(n, n);
        out.writeBytes(full, 0, n);
        spare = (full.length > KEEP && n < KEEP / 4) ? new byte[INITIAL] : full;
        return out;
    }

    /** Whether more than a quarter of max_pending is waiting: the level at which publishers are paused. */
    synchronized boolean overStallLevel() {
        return !closed && activeLen + pendingWrites.pendingBytes() > maxPending / 4;
    }

    synchronized int pendingBytes() {
        return activeLen;
    }

    /** Drops pending output and refuses further appends. */
    synchronized void close() {
        closed = true;
        activeLen = 0;
    }
}
