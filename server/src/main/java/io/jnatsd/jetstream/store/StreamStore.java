package io.jnatsd.jetstream.store;

import java.util.Map;

/**
 * A stream's messages by sequence: the one interface of the file and the memory store. Sequences grow by one per
 * stored message and are never reused; removed messages leave gaps. Implementations are thread-safe, and may do disk
 * I/O: call them from JetStream's own threads, never from an event loop.
 */
public interface StreamStore extends AutoCloseable {
    /**
     * Stores a message under the next sequence and applies the limits (removing old messages, or refusing with
     * {@link StoreFullException} under discard new or max_msg_size).
     *
     * @param headers the header block, empty for none
     * @return the new message's sequence
     */
    long store(String subject, byte[] headers, byte[] data, long timestampNanos);

    /** The message at {@code seq}, or null when there is none (never stored, removed, or purged). */
    StoredMessage load(long seq);

    /** The first message at or after {@code fromSeq} whose subject matches {@code filter} (wildcards allowed). */
    StoredMessage loadNextMatching(String filter, long fromSeq);

    /** How many messages at or after {@code fromSeq} match {@code filter} (a consumer's num_pending). */
    long countMatching(String filter, long fromSeq);

    /** The last message on exactly this subject, or null. */
    StoredMessage loadLastBySubject(String subject);

    /** Removes one message; false when it was not there. {@code erase} overwrites its bytes where stored. */
    boolean remove(long seq, boolean erase);

    /**
     * Removes the messages matching {@code filter} (null = all) with a sequence below {@code beforeSeq} (0 = any),
     * keeping the newest {@code keep} of them (0 = none kept), as STREAM.PURGE does.
     *
     * @return how many were removed
     */
    long purge(String filter, long beforeSeq, long keep);

    /** Replaces the limits; messages over the new ones are removed at once. */
    void limits(StoreLimits limits);

    /** Removes messages older than max_age now (a stream calls this on a timer). */
    void expireOld(long nowNanos);

    StreamState state();

    /** The bytes the stream accounts (as {@code state().bytes()}, without building the state: asked per store). */
    default long bytes() {
        return state().bytes();
    }

    /** Messages per subject for the subjects matching {@code filter} (">" for all). */
    Map<String, Long> subjects(String filter);

    /** A store that never held a message starts its sequences at {@code seq} (a stream's first_seq). */
    void startAt(long seq);

    /** The removed sequences between the first and the last (STREAM.INFO's deleted_details). */
    java.util.List<Long> deletedSequences();

    /**
     * Hands what {@link #store} buffered to the operating system, so that a crash of this process no longer loses it
     * (a no-op for memory). A stream acknowledges a message only after this: a burst of stores then costs one write.
     */
    default void flushWrites() {
    }

    /** Forces what was stored to stable storage (a no-op for memory). */
    void sync();

    @Override
    void close();
}
