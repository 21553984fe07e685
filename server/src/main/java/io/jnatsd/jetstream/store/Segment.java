package io.jnatsd.jetstream.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * One file of a file store: records appended in sequence order. Knows how many of its messages are still live, how
 * many bytes they take, and which tombstones it holds (they must outlive the files of the messages they remove).
 * Appends collect in a write buffer until the owner flushes; reads go through a read-ahead window, so a consumer
 * reading in order does one read system call per 64 KB rather than two per message.
 */
final class Segment {
    final int number;
    final Path path;
    FileChannel channel;
    long size;
    long liveMsgs;
    long liveBytes;
    /** Where this segment's {@link SegmentIndexFile} goes; null for a scratch file. */
    final Path indexPath;
    /** An index file on disk describes this file as it is now; any write must drop it first. */
    boolean indexed;
    /**
     * The index of this file as it is now, kept up to date by the store while it appends here (the active segment),
     * written as the index file when the segment is sealed; null when unknown (then the file is read back).
     */
    SegmentIndexFile.Builder pending;
    /** The range of sequences whose MSG records this file holds (or held); empty when first > last. */
    long firstMsgSeq = Long.MAX_VALUE;
    long lastMsgSeq;
    final List<Long> tombstones = new ArrayList<>();
    /** The store's cache of the tombstones still needed, valid for its layout and this many tombstones. */
    List<Long> needed;
    long neededLayout;
    int neededOf;
    /** Appended records not yet written to the file (the active segment only); they end at {@link #size}. */
    private ByteBuffer tail;
    private static final int TAIL_BYTES = 128 * 1024;
    /** The last bytes read ahead from the file, [windowAt, windowAt + windowLen). */
    private byte[] window;
    private long windowAt;
    private int windowLen;
    private static final int WINDOW_BYTES = 64 * 1024;

    Segment(int number, Path path, Path indexPath) {
        this.number = number;
        this.path = path;
        this.indexPath = indexPath;
        open();
    }

    Segment(int number, Path path) {
        this(number, path, null);
    }

    void open() {
        try {
            channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            size = channel.size();
            windowLen = 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + path, e);
        }
    }

    void holds(long seq) {
        firstMsgSeq = Math.min(firstMsgSeq, seq);
        lastMsgSeq = Math.max(lastMsgSeq, seq);
    }

    /** Reads from {@code at} until {@code into} is full or the file ends; returns it flipped. */
    ByteBuffer readInto(ByteBuffer into, long at) {
        if (tail != null && tail.position() > 0 && at + into.remaining() > size - tail.position()) {
            flush(); // the bytes asked for may still be in the write buffer
        }
        try {
            long p = at;
            while (into.hasRemaining()) {
                int r = channel.read(into, p);
                if (r < 0) {
                    break;
                }
                p += r;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
        return into.flip();
    }

    /**
     * Deletes this segment's index file. {@code durable}: the deletion reaches the disk before this returns, for a
     * write that leaves the file's size alone (an erase), which the index's size check would not notice.
     */
    void dropIndex(boolean durable) {
        if (!indexed) {
            return;
        }
        indexed = false;
        try {
            Files.deleteIfExists(indexPath);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + indexPath, e);
        }
        if (durable) {
            try (FileChannel d = FileChannel.open(indexPath.getParent(), StandardOpenOption.READ)) {
                d.force(true);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot sync " + indexPath.getParent(), e);
            }
        }
    }

    boolean mayHold(long seq) {
        return seq >= firstMsgSeq && seq <= lastMsgSeq;
    }

    /**
     * Appends a whole record; returns its offset. The record may stay in the write buffer until {@link #flush()}
     * (or any read, overwrite, truncate, sync or close that needs it on file): a burst of records costs one write
     * system call instead of one each.
     */
    long append(ByteBuffer record) {
        if (indexed) {
            dropIndex(false); // a longer file no longer matches it anyway; this keeps the disk tidy
        }
        long at = size;
        int n = record.remaining();
        if (n > TAIL_BYTES) {
            flush();
            writeAt(record, at);
        } else {
            if (tail == null) {
                tail = ByteBuffer.allocate(TAIL_BYTES);
            } else if (tail.remaining() < n) {
                flush();
            }
            tail.put(record);
        }
        size += n;
        return at;
    }

    /**
     * Appends a MSG record encoded straight into the write buffer (no record object per message); returns its
     * offset. Records larger than the buffer go through {@link #append}.
     */
    long appendMessage(CRC32C crc, long seq, byte[] subject, byte[] headers, byte[] data, long time) {
        if (indexed) {
            dropIndex(false); // as append: a longer file no longer matches it
        }
        int n = RecordCodec.messageLength(subject.length, headers.length, data.length);
        if (n > TAIL_BYTES) {
            ByteBuffer r = ByteBuffer.allocate(n);
            RecordCodec.putMessage(r, crc, seq, subject, headers, data, time);
            r.flip();
            return append(r);
        }
        if (tail == null) {
            tail = ByteBuffer.allocate(TAIL_BYTES);
        } else if (tail.remaining() < n) {
            flush();
        }
        long at = size;
        RecordCodec.putMessage(tail, crc, seq, subject, headers, data, time);
        size += n;
        return at;
    }

    /** Writes the buffered records to the file (to the OS: a process crash no longer loses them). */
    void flush() {
        if (tail == null || tail.position() == 0) {
            return;
        }
        tail.flip();
        long at = size - tail.remaining();
        writeAt(tail, at);
        tail.clear();
    }

    /** Flushes and gives the buffers' memory back (a sealed or idle segment); they come back on the next use. */
    void release() {
        flush();
        tail = null;
        dropWindow();
    }

    void writeAt(ByteBuffer record, long at) {
        if (tail != null && tail.position() > 0 && at + record.remaining() > size - tail.position()) {
            flush(); // an overwrite of bytes still in the buffer: put them in the file first
        }
        forget(at, record.remaining());
        try {
            long p = at;
            while (record.hasRemaining()) {
                p += channel.write(record, p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }

    /** Reads {@code n} bytes at {@code at}; fewer when the file ends first. */
    ByteBuffer read(long at, int n) {
        if (at >= windowAt && at + n <= windowAt + windowLen) {
            // Sequential readers (consumers, recovery) find the next record in the window: no system call. A copy,
            // so the bytes stay valid after the next read moves the window.
            int from = (int) (at - windowAt);
            return ByteBuffer.wrap(Arrays.copyOfRange(window, from, from + n));
        }
        if (tail != null && tail.position() > 0 && at + n > size - tail.position()) {
            flush();
        }
        if (n <= WINDOW_BYTES / 4 && fillWindow(at)) {
            return ByteBuffer.wrap(Arrays.copyOf(window, Math.min(n, windowLen)));
        }
        ByteBuffer b = ByteBuffer.allocate(n);
        readFully(b, at);
        b.flip();
        return b;
    }

    /**
     * As {@link #read}, but a view of the read window when the bytes are in it: valid only until the next read of
     * this segment, for a caller that decodes at once (a message load: one copy into the message, not two).
     */
    ByteBuffer view(long at, int n) {
        if (!(at >= windowAt && at + n <= windowAt + windowLen)) {
            if (tail != null && tail.position() > 0 && at + n > size - tail.position()) {
                flush();
            }
            if (n > WINDOW_BYTES / 4 || !fillWindow(at) || n > windowLen) {
                return read(at, n);
            }
        }
        return ByteBuffer.wrap(window, (int) (at - windowAt), n).slice();
    }

    /** Reads up to the window's size from {@code at}; false when nothing could be read. */
    private boolean fillWindow(long at) {
        if (window == null) {
            window = new byte[WINDOW_BYTES];
        }
        ByteBuffer b = ByteBuffer.wrap(window, 0, (int) Math.max(0, Math.min(WINDOW_BYTES, size - at)));
        readFully(b, at);
        windowAt = at;
        windowLen = b.position();
        return windowLen > 0;
    }

    private void readFully(ByteBuffer b, long at) {
        try {
            long p = at;
            while (b.hasRemaining()) {
                int r = channel.read(b, p);
                if (r < 0) {
                    break;
                }
                p += r;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** Drops the read window if it covers any of [at, at + n): those bytes change. */
    private void forget(long at, long n) {
        if (at < windowAt + windowLen && at + n > windowAt) {
            windowLen = 0;
        }
    }

    private void dropWindow() {
        window = null;
        windowLen = 0;
    }

    void truncate(long to) {
        flush();
        windowLen = 0;
        try {
            channel.truncate(to);
            size = to;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot truncate " + path, e);
        }
    }

    void force() {
        flush();
        try {
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sync " + path, e);
        }
    }

    void close() {
        release();
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + path, e);
        }
    }
}
