package io.jnatsd.client;

import io.netty.util.concurrent.FastThreadLocal;

import java.util.Arrays;
import java.util.IdentityHashMap;

/**
 * The connections that got output during the current read batch of one event loop, each listed once, so that each
 * is flushed once per batch rather than once per message. Owned by one event loop thread.
 */
final class FlushSet {
    private static final int LINEAR_LIMIT = 16;

    private static final FastThreadLocal<FlushSet> PER_THREAD = new FastThreadLocal<>() {
        @Override
        protected FlushSet initialValue() {
            return new FlushSet();
        }
    };

    /** The calling thread's set: an event loop's, or a server thread's that publishes (it flushes it itself). */
    static FlushSet current() {
        return PER_THREAD.get();
    }

    private ClientConnection[] items = new ClientConnection[LINEAR_LIMIT];
    private int size;
    /** Only for wide fan-outs; IdentityHashMap is open-addressed, so adding allocates nothing once sized. */
    private IdentityHashMap<ClientConnection, Boolean> index;

    void add(ClientConnection c) {
        ClientConnection[] a = items;
        if (size <= LINEAR_LIMIT) {
            // Fan-out lists are short; a linear scan beats hashing for the common 1-8 targets.
            for (int i = 0; i < size; i++) {
                if (a[i] == c) {
                    return;
                }
            }
        } else if (index.containsKey(c)) {
            return;
        }
        if (size == a.length) {
            items = a = Arrays.copyOf(a, size * 2);
        }
        a[size++] = c;
        if (size > LINEAR_LIMIT) {
            if (index == null) {
                index = new IdentityHashMap<>();
            }
            if (size == LINEAR_LIMIT + 1) {
                for (int i = 0; i < size; i++) {
                    index.put(a[i], Boolean.TRUE);
                }
            } else {
                index.put(c, Boolean.TRUE);
            }
        }
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Flushes every listed connection once and empties the set. */
    void flushAll() {
        ClientConnection[] a = items;
        int n = size;
        if (n > LINEAR_LIMIT) {
            index.clear();
        }
        size = 0;
        for (int i = 0; i < n; i++) {
            ClientConnection c = a[i];
            a[i] = null;
            c.requestFlush();
        }
    }
}
