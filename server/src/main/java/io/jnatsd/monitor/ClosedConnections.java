package io.jnatsd.monitor;

import io.jnatsd.client.ClientConnection;
import io.jnatsd.client.ClientRegistry;

import java.util.ArrayList;
import java.util.List;

/**
 * The most recent closed connections, oldest dropped first (nats-server's max_closed_clients ring), for
 * {@code /connz?state=closed}. Written by each connection's event loop as it closes: the lock is held only to store
 * one reference, the record itself is built before taking it.
 */
final class ClosedConnections implements ClientRegistry.CloseObserver {
    private final ConnRecord[] ring;
    private int next;
    private long added;

    ClosedConnections(int capacity) {
        ring = new ConnRecord[capacity];
    }

    @Override
    public void closed(ClientConnection c) {
        if (ring.length == 0) {
            return;
        }
        add(ConnRecord.closed(c, ServerView.nowEpochNanos()));
    }

    synchronized void add(ConnRecord r) {
        ring[next] = r;
        next = (next + 1) % ring.length;
        added++;
    }

    /** Oldest first. */
    synchronized List<ConnRecord> snapshot() {
        int n = (int) Math.min(added, ring.length);
        List<ConnRecord> out = new ArrayList<>(n);
        int first = added > ring.length ? next : 0;
        for (int i = 0; i < n; i++) {
            out.add(ring[(first + i) % ring.length]);
        }
        return out;
    }
}
