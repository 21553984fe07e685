package io.jnatsd.jetstream.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * One file of a file store: records appended in sequence order. Knows how many of its messages are still live, how
 * many bytes they take, and which tombstones it holds (they must outlive the files of the messages they remove).
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

    /** Appends a whole record; returns its offset. */
    long append(ByteBuffer record) {
        if (indexed) {
            dropIndex(false); // a longer file no longer matches it anyway; this keeps the disk tidy
        }
        long at = size;
        writeAt(record, at);
        size += record.capacity();
        return at;
    }

    void writeAt(ByteBuffer record, long at) {
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
        ByteBuffer b = ByteBuffer.allocate(n);
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
        b.flip();
        return b;
    }

    void truncate(long to) {
        try {
            channel.truncate(to);
            size = to;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot truncate " + path, e);
        }
    }

    void force() {
        try {
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sync " + path, e);
        }
    }

    void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + path, e);
        }
    }
}
