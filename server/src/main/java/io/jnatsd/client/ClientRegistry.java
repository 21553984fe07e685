package io.jnatsd.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** The server's live client connections, their ids, and the totals of closed ones. */
public final class ClientRegistry {
    private final ConcurrentHashMap<Long, ClientConnection> clients = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong();
    private final LongAdder slowConsumers = new LongAdder();
    private final LongAdder totalConnections = new LongAdder();

    long nextClientId() {
        return nextId.incrementAndGet();
    }

    /** @return false when {@code max} connections are already registered */
    synchronized boolean register(ClientConnection c, int max) {
        if (clients.size() >= max) {
            return false;
        }
        clients.put(c.id(), c);
        totalConnections.increment();
        return true;
    }

    void unregister(ClientConnection c) {
        clients.remove(c.id(), c);
    }

    void countSlowConsumer() {
        slowConsumers.increment();
    }

    public int size() {
        return clients.size();
    }

    public long slowConsumers() {
        return slowConsumers.sum();
    }

    public long totalConnections() {
        return totalConnections.sum();
    }

    public List<ClientConnection> snapshot() {
        return new ArrayList<>(clients.values());
    }
}
