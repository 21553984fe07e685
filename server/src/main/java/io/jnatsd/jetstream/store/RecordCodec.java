package io.jnatsd.jetstream.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The file store's record format. Every record is {@code u32 length | u32 crc32c | body}, the CRC over the body,
 * so a torn or flipped record is recognised on recovery. Bodies (big-endian):
 * <pre>
 *   MSG     u8 1 | u64 seq | u64 time | u16 subject length | subject | u32 header length | headers | u32 length | data
 *   DELETE  u8 2 | u64 seq | u64 last time   a message removed (lives until its message's file is gone)
 *   PURGE   u8 3 | u64 next seq | u64 last time   everything below next seq is gone
 * </pre>
 * The markers carry the stream's last-message time, so it survives the removal of the last message's record.
 * <pre>
 *   ERASED  u8 4 | u64 seq | zeros         a MSG overwritten in place by an erasing delete, same length
 * </pre>
 */
final class RecordCodec {
    static final byte MSG = 1;
    static final byte DELETE = 2;
    static final byte PURGE = 3;
    static final byte ERASED = 4;
    static final int FRAME = 8;
    /** Larger than any record a stream accepts (max_payload is at most 64 MB); guards against garbage lengths. */
    static final int MAX_BODY = 128 * 1024 * 1024;

    private RecordCodec() {
    }

    static ByteBuffer message(long seq, String subject, byte[] headers, byte[] data, long time) {
        byte[] s = subject.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(messageLength(s.length, headers.length, data.length));
        putMessage(b, new CRC32C(), seq, s, headers, data, time);
        b.flip();
        return b;
    }

    /** A MSG record's whole length, frame included. */
    static int messageLength(int subjectLen, int headersLen, int dataLen) {
        return FRAME + 1 + 8 + 8 + 2 + subjectLen + 4 + headersLen + 4 + dataLen;
    }

    /**
     * Writes a whole MSG record at {@code dst}'s position (a heap buffer with room for
     * {@link #messageLength}) and advances it: the file store encodes straight into its write buffer.
     */
    static void putMessage(ByteBuffer dst, CRC32C crc, long seq, byte[] subject, byte[] headers, byte[] data,
            long time) {
        int start = dst.position();
        int body = messageLength(subject.length, headers.length, data.length) - FRAME;
        dst.position(start + FRAME);
        dst.put(MSG).putLong(seq).putLong(time).putShort((short) subject.length).put(subject)
                .putInt(headers.length).put(headers).putInt(data.length).put(data);
        crc.reset();
        crc.update(dst.array(), dst.arrayOffset() + start + FRAME, body);
        dst.putInt(start, body);
        dst.putInt(start + 4, (int) crc.getValue());
    }

    static final int MARKER_BODY = 17;

    static ByteBuffer marker(byte type, long seq, long lastTime) {
        ByteBuffer b = ByteBuffer.allocate(FRAME + MARKER_BODY);
        b.position(FRAME);
        b.put(type).putLong(seq).putLong(lastTime);
        return frame(b, MARKER_BODY);
    }

    /** An ERASED record exactly as long as the MSG record it replaces ({@code body} bytes of body). */
    static ByteBuffer erased(long seq, int body) {
        ByteBuffer b = ByteBuffer.allocate(FRAME + body);
        b.position(FRAME);
        b.put(ERASED).putLong(seq); // the rest stays zero
        return frame(b, body);
    }

    private static ByteBuffer frame(ByteBuffer b, int body) {
        CRC32C crc = new CRC32C();
        crc.update(b.array(), FRAME, body);
        b.putInt(0, body);
        b.putInt(4, (int) crc.getValue());
        b.position(0);
        return b;
    }

    /** True when the body's checksum is the one in the frame. */
    static boolean valid(ByteBuffer body, int expectedCrc) {
        CRC32C crc = new CRC32C();
        crc.update(body.array(), body.arrayOffset(), body.limit());
        return (int) crc.getValue() == expectedCrc;
    }

    /** As {@link #decodeMessage(ByteBuffer)}, with the subject known (the store's index has it): not decoded. */
    static StoredMessage decodeMessage(ByteBuffer body, String subject) {
        body.position(1);
        long seq = body.getLong();
        long time = body.getLong();
        int subjectLength = body.getShort() & 0xffff;
        body.position(body.position() + subjectLength);
        byte[] h = bytes(body.getInt());
        body.get(h);
        byte[] d = new byte[body.getInt()];
        body.get(d);
        return new StoredMessage(seq, subject, h, d, time);
    }

    private static final byte[] NONE = new byte[0];

    /** A new array, or the shared empty one (most messages have no headers). */
    private static byte[] bytes(int n) {
        return n == 0 ? NONE : new byte[n];
    }

    static StoredMessage decodeMessage(ByteBuffer body) {
        body.position(1);
        long seq = body.getLong();
        long time = body.getLong();
        byte[] s = new byte[body.getShort() & 0xffff];
        body.get(s);
        byte[] h = bytes(body.getInt());
        body.get(h);
        byte[] d = new byte[body.getInt()];
        body.get(d);
        return new StoredMessage(seq, new String(s, StandardCharsets.UTF_8), h, d, time);
    }
}
