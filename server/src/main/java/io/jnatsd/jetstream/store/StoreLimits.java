package io.jnatsd.jetstream.store;

import java.time.Duration;

/**
 * The limits a stream puts on its store. -1 (or {@link Duration#ZERO} for the age) = none. With {@code discardNew}
 * a store that is full refuses new messages; otherwise it removes the oldest ones to make room.
 * {@code discardNewPerSubject} (2.10) applies discard new to max_msgs_per_subject too.
 */
public record StoreLimits(long maxMsgs, long maxBytes, Duration maxAge, long maxMsgsPerSubject, int maxMsgSize,
        boolean discardNew, boolean discardNewPerSubject) {
    public static final StoreLimits NONE = new StoreLimits(-1, -1, Duration.ZERO, -1, -1, false, false);

    public StoreLimits withMaxMsgs(long v) {
        return new StoreLimits(v, maxBytes, maxAge, maxMsgsPerSubject, maxMsgSize, discardNew, discardNewPerSubject);
    }

    public StoreLimits withMaxBytes(long v) {
        return new StoreLimits(maxMsgs, v, maxAge, maxMsgsPerSubject, maxMsgSize, discardNew, discardNewPerSubject);
    }

    public StoreLimits withMaxAge(Duration v) {
        return new StoreLimits(maxMsgs, maxBytes, v, maxMsgsPerSubject, maxMsgSize, discardNew, discardNewPerSubject);
    }

    public StoreLimits withMaxMsgsPerSubject(long v) {
        return new StoreLimits(maxMsgs, maxBytes, maxAge, v, maxMsgSize, discardNew, discardNewPerSubject);
    }

    public StoreLimits withMaxMsgSize(int v) {
        return new StoreLimits(maxMsgs, maxBytes, maxAge, maxMsgsPerSubject, v, discardNew, discardNewPerSubject);
    }

    public StoreLimits withDiscardNew(boolean v, boolean perSubject) {
        return new StoreLimits(maxMsgs, maxBytes, maxAge, maxMsgsPerSubject, maxMsgSize, v, perSubject);
    }
}
