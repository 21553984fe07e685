package io.jnatsd.jetstream.store;

/**
 * How many bytes a stored message counts for against max_bytes: nats-server's file store accounts
 * subject + headers + payload + 30 bytes of record overhead (hdr 22 + 8 for the checksum), 4 more when there are
 * headers (their length), and the same for its memory store, so a stream reports the same "bytes" whichever
 * storage it uses (checked against nats-server 2.9.10's STREAM.INFO).
 */
public final class StoredSize {
    static final int OVERHEAD = 30;

    private StoredSize() {
    }

    public static long of(int subjectLen, int headerLen, int dataLen) {
        return (long) subjectLen + headerLen + dataLen + OVERHEAD + (headerLen > 0 ? 4 : 0);
    }
}
