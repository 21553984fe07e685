package io.jnatsd.cluster;

import io.jnatsd.protocol.PubArgs;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A route's pending output. Publishers on any loop append RMSG frames under this object's monitor; the first append
 * after a flush schedules one flush task on the route's loop, so a burst of messages leaves in one write.
 */
final class RouteOutbound {
    private static final byte[] RMSG = {'R', 'M', 'S', 'G', ' '};
    private static final byte[] HMSG = {'H', 'M', 'S', 'G', ' '};

    private final Channel channel;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Runnable flushTask = this::flush;
    private byte[] active = new byte[4096];
    private int activeLen;
    private byte[] spare = new byte[4096];
    private boolean closed;
    /** Messages and payload bytes sent, for /routez. */
    volatile long outMsgs;
    volatile long outBytes;

    RouteOutbound(Channel channel) {
        this.channel = channel;
    }

    private void ensure(int bytes) {
        int need = activeLen + bytes;
        if (need > active.length) {
            byte[] bigger = new byte[Math.max(need, active.length * 2)];
            System.arraycopy(active, 0, bigger, 0, activeLen);
            active = bigger;
        }
    }

    private void put(byte[] b, int off, int len) {
        System.arraycopy(b, off, active, activeLen, len);
        activeLen += len;
    }

    private void put(byte c) {
        active[activeLen++] = c;
    }

    /** A protocol line (INFO, CONNECT, RS+, PING, ...), complete with CRLF. */
    void control(byte[] line) {
        synchronized (this) {
            if (closed) {
                return;
            }
            ensure(line.length);
            put(line, 0, line.length);
        }
        scheduleFlush();
    }

    /**
     * One RMSG (or HMSG when the message has headers) in {@code account}: {@code queues} holds " q1 q2..." (each
     * name after a blank) for the queue groups this route is to serve, {@code queuesLen} 0 for none.
     */
    void message(byte[] account, PubArgs p, byte[] payload, int payloadOff, byte[] queues, int queuesLen) {
        boolean headers = p.headerSize > 0;
        synchronized (this) {
            if (closed) {
                return;
            }
            ensure(5 + account.length + 1 + p.subjectLen + 3 + p.replyLen + queuesLen + 2 + p.hdrLen + 1
                    + p.sizeLen + 2 + p.totalSize + 2);
            put(headers ? HMSG : RMSG, 0, 5);
            put(account, 0, account.length);
            put((byte) ' ');
            put(p.buf, p.subjectOff, p.subjectLen);
            if (queuesLen > 0) {
                put((byte) ' ');
                if (p.replyLen > 0) {
                    put((byte) '+');
                    put((byte) ' ');
                    put(p.buf, p.replyOff, p.replyLen);
                } else {
                    put((byte) '|');
                }
                put(queues, 0, queuesLen);
            } else if (p.replyLen > 0) {
                put((byte) ' ');
                put(p.buf, p.replyOff, p.replyLen);
            }
            if (headers) {
                put((byte) ' ');
                put(p.buf, p.hdrOff, p.hdrLen);
            }
            put((byte) ' ');
            put(p.buf, p.sizeOff, p.sizeLen);
            put((byte) '\r');
            put((byte) '\n');
            put(payload, payloadOff, p.totalSize);
            put((byte) '\r');
            put((byte) '\n');
            outMsgs++;
            outBytes += p.totalSize;
        }
        scheduleFlush();
    }

    private void scheduleFlush() {
        if (scheduled.compareAndSet(false, true)) {
            channel.eventLoop().execute(flushTask);
        }
    }

    /** On the route's loop: everything appended so far goes out in one write. */
    private void flush() {
        scheduled.set(false);
        byte[] full;
        int n;
        synchronized (this) {
            n = activeLen;
            if (n == 0 || closed) {
                return;
            }
            full = active;
            active = spare;
            activeLen = 0;
        }
        ByteBuf out = channel.alloc().directBuffer(n, n);
        out.writeBytes(full, 0, n);
        spare = full.length > 1024 * 1024 ? new byte[4096] : full;
        channel.writeAndFlush(out, channel.voidPromise());
    }

    synchronized int pending() {
        return activeLen;
    }

    synchronized void close() {
        closed = true;
        activeLen = 0;
    }
}
