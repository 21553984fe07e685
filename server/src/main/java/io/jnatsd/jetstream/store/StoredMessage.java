package io.jnatsd.jetstream.store;

/**
 * One message as a stream keeps it: its sequence, subject, header block (empty for none), payload and the time it
 * was stored (nanoseconds since the epoch).
 */
public record StoredMessage(long seq, String subject, byte[] headers, byte[] data, long timestampNanos) {
    /** The size nats-server accounts a message with in a stream's bytes: subject + headers + payload + overhead. */
    public long size() {
        return StoredSize.of(subject.length(), headers.length, data.length);
    }
}
