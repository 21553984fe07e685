package io.jnatsd.jetstream.store;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * A segment's index ({@code 00000001.idx} beside {@code 00000001.blk}): every record of the segment file in file
 * order, minus the message bytes, so recovery can replay the segment without reading it. Only a cache: it is
 * trusted when its checksum holds and the segment file still has the size it describes; otherwise the segment is
 * scanned. Big-endian:
 * <pre>
 *   u32 magic "JSIX" | u16 version 1 | u64 segment file size | u64 first MSG seq | u64 last MSG seq
 *   u32 subject count | u32 record count
 *   subjects:  u16 length | UTF-8                         (each subject once; MSG entries refer to it by number)
 *   records:   u8 type | u32 record length (frame included) | u64 seq, then
 *              MSG  u64 time | u32 subject number | u32 accounted size
 *              DELETE, PURGE  u64 last time
 *              ERASED  nothing
 *   u32 crc32c of everything before it
 * </pre>
 * A record's offset in the segment file is the sum of the lengths before it; they must add up to the file size.
 */
final class SegmentIndexFile {
    static final int MAGIC = 0x4A534958;
    static final short VERSION = 1;
    private static final int HEADER = 4 + 2 + 8 + 8 + 8 + 4 + 4;

    private SegmentIndexFile() {
    }

    /** Why an index file was not used. */
    static final class Invalid extends Exception {
        Invalid(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * Replays the index at {@code path} into {@code v} when it describes a segment file of {@code segmentSize}
     * bytes. Nothing reaches {@code v} unless the whole file checked out. False when there is no index file.
     */
    static boolean load(Path path, long segmentSize, RecordVisitor v) throws Invalid {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new Invalid("unreadable: " + e.getMessage());
        }
        if (bytes.length < HEADER + 4) {
            throw new Invalid("truncated");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes, 0, bytes.length - 4);
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        if ((int) crc.getValue() != ByteBuffer.wrap(bytes).getInt(bytes.length - 4)) {
            throw new Invalid("checksum mismatch");
        }
        if (b.getInt() != MAGIC) {
            throw new Invalid("not an index file");
        }
        short version = b.getShort();
        if (version != VERSION) {
            throw new Invalid("unknown version " + version);
        }
        long describes = b.getLong();
        if (describes != segmentSize) {
            throw new Invalid("it describes " + describes + " bytes, the segment file has " + segmentSize);
        }
        long firstMsgSeq = b.getLong();
        long lastMsgSeq = b.getLong();
        int subjectCount = b.getInt();
        int recordCount = b.getInt();
        if (subjectCount < 0 || recordCount < 0 || subjectCount > bytes.length || recordCount > bytes.length) {
            throw new Invalid("malformed");
        }
        try {
            String[] subjects = new String[subjectCount];
            for (int i = 0; i < subjectCount; i++) {
                byte[] s = new byte[b.getShort() & 0xffff];
                b.get(s);
                subjects[i] = new String(s, StandardCharsets.UTF_8);
            }
            int records = b.position();
            check(b, recordCount, subjects.length, segmentSize, firstMsgSeq, lastMsgSeq);
            b.position(records);
            replay(b, recordCount, subjects, v);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new Invalid("malformed");
        }
        return true;
    }

    /** A dry run over the records: every one well formed, and they cover the segment file exactly. */
    private static void check(ByteBuffer b, int count, int subjects, long segmentSize, long firstMsgSeq,
            long lastMsgSeq) throws Invalid {
        long at = 0;
        long first = Long.MAX_VALUE;
        long last = 0;
        for (int i = 0; i < count; i++) {
            byte type = b.get();
            int length = b.getInt();
            long seq = b.getLong();
            if (length <= RecordCodec.FRAME) {
                throw new Invalid("malformed");
            }
            switch (type) {
                case RecordCodec.MSG -> {
                    b.position(b.position() + 8);
                    int subject = b.getInt();
                    b.getInt();
                    if (subject < 0 || subject >= subjects) {
                        throw new Invalid("malformed");
                    }
                    first = Math.min(first, seq);
                    last = Math.max(last, seq);
                }
                case RecordCodec.DELETE, RecordCodec.PURGE -> b.getLong();
                case RecordCodec.ERASED -> {
                }
                default -> throw new Invalid("unknown record type " + type);
            }
            at += length;
        }
        if (b.hasRemaining()) {
            throw new Invalid("malformed");
        }
        if (at != segmentSize || first != firstMsgSeq || last != lastMsgSeq) {
            throw new Invalid("inconsistent");
        }
    }

    private static void replay(ByteBuffer b, int count, String[] subjects, RecordVisitor v) {
        long at = 0;
        for (int i = 0; i < count; i++) {
            byte type = b.get();
            int length = b.getInt();
            long seq = b.getLong();
            switch (type) {
                case RecordCodec.MSG -> {
                    long time = b.getLong();
                    String subject = subjects[b.getInt()];
                    v.message(at, length, seq, subject, b.getInt(), time);
                }
                case RecordCodec.DELETE -> v.delete(at, length, seq, b.getLong());
                case RecordCodec.PURGE -> v.purge(at, length, seq, b.getLong());
                default -> v.erased(at, length, seq);
            }
            at += length;
        }
    }

    /**
     * Collects a segment's records and writes them as the segment's index: fed by the store as it appends to its
     * active segment (nothing allocated per record once the buffer has grown), or by a read of a segment file. A
     * segment with a record type it does not know gets no index.
     */
    static final class Builder implements RecordVisitor {
        private final Map<String, Integer> subjectNumbers = new HashMap<>();
        private final List<byte[]> subjects = new ArrayList<>();
        private int subjectBytes;
        private ByteBuffer records = ByteBuffer.allocate(4096);
        private int count;
        /** The length of the segment file the records added so far describe. */
        private long bytes;
        private long firstMsgSeq = Long.MAX_VALUE;
        private long lastMsgSeq;
        private boolean unknownRecords;

        /** Empties this builder for the next segment, keeping its buffer. */
        void reset() {
            subjectNumbers.clear();
            subjects.clear();
            subjectBytes = 0;
            records.clear();
            count = 0;
            bytes = 0;
            firstMsgSeq = Long.MAX_VALUE;
            lastMsgSeq = 0;
            unknownRecords = false;
        }

        @Override
        public void message(long at, int length, long seq, String subject, int size, long time) {
            Integer n = subjectNumbers.get(subject);
            if (n == null) {
                n = subjects.size();
                byte[] s = subject.getBytes(StandardCharsets.UTF_8);
                subjects.add(s);
                subjectBytes += 2 + s.length;
                subjectNumbers.put(subject, n);
            }
            room(29, length).put(RecordCodec.MSG).putInt(length).putLong(seq).putLong(time).putInt(n).putInt(size);
            firstMsgSeq = Math.min(firstMsgSeq, seq);
            lastMsgSeq = Math.max(lastMsgSeq, seq);
        }

        @Override
        public void delete(long at, int length, long seq, long lastTime) {
            room(21, length).put(RecordCodec.DELETE).putInt(length).putLong(seq).putLong(lastTime);
        }

        @Override
        public void purge(long at, int length, long nextSeq, long lastTime) {
            room(21, length).put(RecordCodec.PURGE).putInt(length).putLong(nextSeq).putLong(lastTime);
        }

        @Override
        public void erased(long at, int length, long seq) {
            room(13, length).put(RecordCodec.ERASED).putInt(length).putLong(seq);
        }

        @Override
        public void unknown(long at, int length, byte type) {
            unknownRecords = true;
            bytes += length;
        }

        private ByteBuffer room(int n, int length) {
            count++;
            bytes += length;
            if (records.remaining() < n) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(records.capacity() * 2, records.position() + n));
                records.flip();
                bigger.put(records);
                records = bigger;
            }
            return records;
        }

        /**
         * Writes the index of a segment file of {@code segmentSize} bytes to {@code path} (through a temporary file
         * and a rename, so a reader sees the old file or the whole new one). False when there is nothing worth
         * writing: unknown record types, or records that do not add up to the file (a bug; the index is not written).
         */
        boolean write(Path path, long segmentSize) throws IOException {
            if (unknownRecords || bytes != segmentSize) {
                return false;
            }
            ByteBuffer out = ByteBuffer.allocate(HEADER + subjectBytes + records.position() + 4);
            out.putInt(MAGIC).putShort(VERSION).putLong(segmentSize).putLong(firstMsgSeq).putLong(lastMsgSeq)
                    .putInt(subjects.size()).putInt(count);
            for (byte[] s : subjects) {
                out.putShort((short) s.length).put(s);
            }
            out.put(records.array(), 0, records.position());
            CRC32C crc = new CRC32C();
            crc.update(out.array(), 0, out.position());
            out.putInt((int) crc.getValue());
            Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
            Files.write(tmp, out.array());
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        }
    }
}
