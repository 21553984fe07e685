package io.jnatsd.jetstream.store;

/**
 * A stream's store at one moment, as STREAM.INFO reports it: message and byte counts, the first and last
 * sequences (first = last + 1 when empty) with their times, the number of distinct subjects and of deleted
 * sequences between first and last.
 */
public record StreamState(long msgs, long bytes, long firstSeq, long firstTimeNanos, long lastSeq,
        long lastTimeNanos, long numSubjects, long numDeleted) {
}
