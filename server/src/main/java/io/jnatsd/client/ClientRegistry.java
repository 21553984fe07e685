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

    // ---- closed connections (monitoring) -------------------------------------------------------------------------
    // Server-wide message totals are the live connections' counters plus these sums of closed ones: one addition per
    // closed connection instead of a shared counter written per message.

    /** Told about every registered connection that closes, on that connection's event loop. */
    public interface CloseObserver {
        void closed(ClientConnection c);
    }

    private final LongAdder closedInMsgs = new LongAdder();
    private final LongAdder closedInBytes = new LongAdder();
    private final LongAdder closedOutMsgs = new LongAdder();
    private final LongAdder closedOutBytes = new LongAdder();
    private volatile CloseObserver closeObserver;

    /** Sets the one observer (monitoring's ring of recently closed connections); null removes it. */
    public void closeObserver(CloseObserver observer) {
        closeObserver = observer;
    }

    /**
     * Called once by a connection that closed, before it drops its subscriptions and unregisters. Connections that
     * were never registered (refused at max_connections) are not counted, as nats-server does not list them either.
     */
    void closed(ClientConnection c) {
        synchronized (this) {
            // Leave the live set and join the closed sums in one step under the registry's lock, which monitoring
            // takes to sum both: a closing connection is never counted twice or not at all.
            if (!clients.remove(c.id(), c)) {
                return;
            }
            addClosedTotals(c);
        }
        CloseObserver o = closeObserver;
        if (o != null) {
            o.closed(c);
        }
    }

    private void addClosedTotals(ClientConnection c) {
        closedInMsgs.add(c.inMsgs());
        closedInBytes.add(c.inBytes());
        closedOutMsgs.add(c.outMsgs());
        closedOutBytes.add(c.outBytes());
    }

    /** Messages received from connections that have closed. */
    public long closedInMsgs() {
        return closedInMsgs.sum();
    }

    public long closedInBytes() {
        return closedInBytes.sum();
    }

    /** Messages sent to connections that have closed. */
    public long closedOutMsgs() {
        return closedOutMsgs.sum();
    }

    public long closedOutBytes() {
        return closedOutBytes.sum();
    }
}
