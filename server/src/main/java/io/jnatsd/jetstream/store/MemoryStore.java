package io.jnatsd.jetstream.store;

import java.util.HashMap;
import java.util.Map;

/** A stream kept in memory only ({@code storage: memory}): the messages themselves, by sequence. */
public final class MemoryStore extends IndexedStore {
    private final Map<Long, StoredMessage> messages = new HashMap<>();

    public MemoryStore(StoreLimits limits) {
        super(limits);
    }

    @Override
    protected long write(long seq, String subject, byte[] headers, byte[] data, long timestampNanos) {
        messages.put(seq, new StoredMessage(seq, subject, headers, data, timestampNanos));
        return 0;
    }

    @Override
    protected StoredMessage read(long seq, long aux) {
        return messages.get(seq);
    }

    @Override
    protected void removed(long seq, long aux, boolean erase) {
        messages.remove(seq);
    }

    @Override
    protected void purgedAll(long nextSeq) {
        messages.clear();
    }

    @Override
    public void sync() {
    }

    @Override
    public void close() {
    }
}
