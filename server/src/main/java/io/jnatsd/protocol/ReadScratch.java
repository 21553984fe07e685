package io.jnatsd.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.FastThreadLocal;

/**
 * Where a read from a direct buffer is copied once, per event loop, so the parser indexes a plain array; heap
 * buffers are parsed in place. Shared by client and route connections: a parse never starts another one on the
 * same thread, and bytes a connection keeps past its read are copied out of here by that connection.
 */
public final class ReadScratch {
    private static final FastThreadLocal<byte[]> SCRATCH = new FastThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
            return new byte[64 * 1024];
        }
    };

    private ReadScratch() {
    }

    /** The array holding {@code in}'s readable bytes: its own when it has one, else this thread's scratch. */
    public static byte[] arrayOf(ByteBuf in) {
        if (in.hasArray()) {
            return in.array();
        }
        int n = in.readableBytes();
        byte[] a = SCRATCH.get();
        if (a.length < n) {
            a = new byte[Math.max(n, a.length * 2)];
            SCRATCH.set(a);
        }
        in.getBytes(in.readerIndex(), a, 0, n);
        return a;
    }

    /** Where {@code in}'s readable bytes start in {@link #arrayOf}'s array. */
    public static int offsetOf(ByteBuf in) {
        return in.hasArray() ? in.arrayOffset() + in.readerIndex() : 0;
    }
}
