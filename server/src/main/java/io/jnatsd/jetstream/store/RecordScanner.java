package io.jnatsd.jetstream.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads a segment file front to back in large chunks and hands each record to a {@link RecordVisitor}, stopping at
 * the first one that is incomplete, has an impossible length or fails its checksum.
 */
final class RecordScanner {
    private static final int CHUNK = 1 << 20;

    private final Segment segment;
    private ByteBuffer buf = ByteBuffer.allocate(CHUNK).limit(0);
    /** File offset of buf[0]. */
    private long bufStart;

    private RecordScanner(Segment segment) {
        this.segment = segment;
    }

    /** Visits the valid records of {@code s}; returns the offset where they end (s.size when all are valid). */
    static long scan(Segment s, RecordVisitor v) {
        return new RecordScanner(s).run(v);
    }

    private long run(RecordVisitor v) {
        long at = 0;
        while (at < segment.size) {
            if (!fill(at, RecordCodec.FRAME)) {
                break;
            }
            int p = (int) (at - bufStart);
            int len = buf.getInt(p);
            int crc = buf.getInt(p + 4);
            if (len <= 0 || len > RecordCodec.MAX_BODY || at + RecordCodec.FRAME + len > segment.size
                    || !fill(at, RecordCodec.FRAME + len)) {
                break;
            }
            p = (int) (at - bufStart);
            ByteBuffer body = buf.slice(p + RecordCodec.FRAME, len);
            if (!RecordCodec.valid(body, crc)) {
                break;
            }
            visit(at, RecordCodec.FRAME + len, body, v);
            at += RecordCodec.FRAME + len;
        }
        return at;
    }

    private static void visit(long at, int length, ByteBuffer body, RecordVisitor v) {
        byte type = body.get(0);
        long seq = body.getLong(1);
        switch (type) {
            case RecordCodec.MSG -> {
                long time = body.getLong(9);
                int subjectLen = body.getShort(17) & 0xffff;
                String subject = new String(body.array(), body.arrayOffset() + 19, subjectLen,
                        StandardCharsets.UTF_8);
                int headerLen = body.getInt(19 + subjectLen);
                int dataLen = body.getInt(19 + subjectLen + 4 + headerLen);
                int size = (int) StoredSize.of(subject.length(), headerLen, dataLen);
                v.message(at, length, seq, subject, size, time);
            }
            case RecordCodec.DELETE -> v.delete(at, length, seq, body.getLong(9));
            case RecordCodec.PURGE -> v.purge(at, length, seq, body.getLong(9));
            case RecordCodec.ERASED -> v.erased(at, length, seq);
            default -> v.unknown(at, length, type);
        }
    }

    /** Makes bytes [at, at + n) available in the buffer; false when the file ends first. */
    private boolean fill(long at, int n) {
        if (at >= bufStart && at + n <= bufStart + buf.limit()) {
            return true;
        }
        if (n > buf.capacity()) {
            buf = ByteBuffer.allocate(n);
        }
        buf.clear();
        ByteBuffer read = segment.readInto(buf, at);
        bufStart = at;
        return read.limit() >= n;
    }
}
