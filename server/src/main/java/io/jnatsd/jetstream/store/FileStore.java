package io.jnatsd.jetstream.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * A stream on disk ({@code storage: file}): an append-only log cut into segment files ({@code 00000001.blk}, ...),
 * checksummed records ({@link RecordCodec}), and the {@link SequenceIndex} rebuilt from them on open. Removals
 * append tombstones; a segment whose messages are all gone is deleted, one mostly gone is rewritten with what is
 * left (compaction). Recovery stops at the first record that is incomplete or fails its checksum and truncates the
 * file there: a torn tail is never served. Stored records collect in the active segment's write buffer until
 * {@link #flushWrites()} (or any operation that needs them on file); with {@code syncAlways} every write is written
 * and forced to disk before {@link #store} returns; otherwise the owner calls {@link #sync()} (sync_interval).
 */
public final class FileStore extends IndexedStore {
    private static final Logger LOG = LoggerFactory.getLogger(FileStore.class);
    public static final long DEFAULT_SEGMENT_BYTES = 8L * 1024 * 1024;
    private static final String SUFFIX = ".blk";
    private static final int OFFSET_BITS = 40;

    private final Path dir;
    private final long segmentBytes;
    private final boolean syncAlways;
    private final TreeMap<Integer, Segment> segments = new TreeMap<>();
    private Segment active;
    /** Under the lock: the checksum and the last stored subject's bytes, reused from record to record. */
    private final CRC32C crc = new CRC32C();
    private String lastSubject;
    private byte[] lastSubjectBytes;

    public FileStore(Path dir, StoreLimits limits, long segmentBytes, boolean syncAlways) {
        super(limits);
        this.dir = dir;
        this.segmentBytes = segmentBytes;
        this.syncAlways = syncAlways;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        lock.lock();
        try {
            recover();
        } finally {
            lock.unlock();
        }
    }

    public FileStore(Path dir, StoreLimits limits) {
        this(dir, limits, DEFAULT_SEGMENT_BYTES, false);
    }

    private static long aux(int segment, long offset) {
        return ((long) segment << OFFSET_BITS) | offset;
    }

    private static int segmentOf(long aux) {
        return (int) (aux >>> OFFSET_BITS);
    }

    private static long offsetOf(long aux) {
        return aux & ((1L << OFFSET_BITS) - 1);
    }

    // ---- recovery --------------------------------------------------------------------------------------------

    private void recover() {
        List<Integer> numbers = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(SUFFIX))
                    .forEach(n -> numbers.add(Integer.parseInt(n.substring(0, n.length() - SUFFIX.length()))));
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("cannot read store directory " + dir + ": " + e.getMessage(), e);
        }
        numbers.sort(null);
        for (int n : numbers) {
            Segment s = new Segment(n, segmentPath(n));
            segments.put(n, s);
            scan(s);
        }
        for (Segment s : List.copyOf(segments.values())) {
            if (s != segments.lastEntry().getValue()) {
                compactIfWorth(s); // files a purge or crash left behind
            }
        }
        active = segments.isEmpty() ? newSegment(1) : segments.lastEntry().getValue();
    }

    private void scan(Segment s) {
        long at = 0;
        while (at < s.size) {
            ByteBuffer frame = s.read(at, RecordCodec.FRAME);
            if (frame.remaining() < RecordCodec.FRAME) {
                break;
            }
            int len = frame.getInt();
            int crc = frame.getInt();
            if (len <= 0 || len > RecordCodec.MAX_BODY || at + RecordCodec.FRAME + len > s.size) {
                break;
            }
            ByteBuffer body = s.read(at + RecordCodec.FRAME, len);
            if (body.remaining() < len || !RecordCodec.valid(body, crc)) {
                break;
            }
            apply(s, at, body, len);
            at += RecordCodec.FRAME + len;
        }
        if (at < s.size) {
            LOG.warn("Stream store {}: file {} has an incomplete or damaged record at offset {}, truncated there "
                    + "({} bytes dropped)", dir, s.path.getFileName(), at, s.size - at);
            s.truncate(at);
            s.force();
        }
    }

    private void apply(Segment s, long at, ByteBuffer body, int len) {
        byte type = body.get(0);
        long seq = body.getLong(1);
        switch (type) {
            case RecordCodec.MSG -> {
                if (seq <= index.lastSeq()) {
                    return; // already known (a rewrite that was interrupted): keep the first copy
                }
                StoredMessage m = RecordCodec.decodeMessage(body);
                int size = (int) StoredSize.of(m.subject().length(), m.headers().length, m.data().length);
                index.add(seq, m.subject(), size, m.timestampNanos(), aux(s.number, at));
                s.holds(seq);
                s.liveMsgs++;
                s.liveBytes += RecordCodec.FRAME + len;
            }
            case RecordCodec.DELETE -> {
                s.tombstones.add(seq);
                removeFromIndex(seq);
                index.observe(seq);
                index.lastTime(body.getLong(9));
            }
            case RecordCodec.PURGE -> {
                for (Segment other : segments.values()) {
                    other.liveMsgs = 0;
                    other.liveBytes = 0;
                }
                index.resetTo(seq);
                index.lastTime(body.getLong(9));
            }
            case RecordCodec.ERASED -> index.observe(seq);
            default -> LOG.warn("Stream store {}: unknown record type {} in {}", dir, type, s.path.getFileName());
        }
    }

    private void removeFromIndex(long seq) {
        if (index.contains(seq)) {
            long aux = index.aux(seq);
            index.remove(seq);
            Segment owner = segments.get(segmentOf(aux));
            if (owner != null) {
                owner.liveMsgs--;
                owner.liveBytes -= recordLength(owner, offsetOf(aux));
            }
        }
    }

    private static long recordLength(Segment s, long at) {
        return RecordCodec.FRAME + s.read(at, 4).getInt();
    }

    // ---- writes ----------------------------------------------------------------------------------------------

    @Override
    protected long write(long seq, String subject, byte[] headers, byte[] data, long timestampNanos) {
        if (!subject.equals(lastSubject)) {
            lastSubject = subject; // streams often store runs of one subject: encode it once per run
            lastSubjectBytes = subject.getBytes(StandardCharsets.UTF_8);
        }
        int length = RecordCodec.messageLength(lastSubjectBytes.length, headers.length, data.length);
        if (active.size > 0 && active.size + length > segmentBytes) {
            roll();
        }
        long at = active.appendMessage(crc, seq, lastSubjectBytes, headers, data, timestampNanos);
        active.holds(seq);
        active.liveMsgs++;
        active.liveBytes += length;
        if (syncAlways) {
            active.force();
        }
        return aux(active.number, at);
    }

    private void roll() {
        active.force();
        active.release();
        active = newSegment(active.number + 1);
    }

    private Segment newSegment(int number) {
        Segment s = new Segment(number, segmentPath(number));
        segments.put(number, s);
        return s;
    }

    private Path segmentPath(int number) {
        return dir.resolve(String.format("%08d%s", number, SUFFIX));
    }

    @Override
    protected StoredMessage read(long seq, long aux) {
        Segment s = segments.get(segmentOf(aux));
        long at = offsetOf(aux);
        int len = s.view(at, 4).getInt();
        return RecordCodec.decodeMessage(s.view(at + RecordCodec.FRAME, len));
    }

    @Override
    protected void removed(long seq, long aux, boolean erase) {
        Segment owner = segments.get(segmentOf(aux));
        long at = offsetOf(aux);
        long len = recordLength(owner, at);
        if (erase) {
            owner.writeAt(RecordCodec.erased(seq, (int) (len - RecordCodec.FRAME)), at);
        }
        owner.liveMsgs--;
        owner.liveBytes -= len;
        ByteBuffer t = RecordCodec.marker(RecordCodec.DELETE, seq, index.lastTime());
        if (active.size > 0 && active.size + t.capacity() > segmentBytes) {
            roll();
        }
        active.append(t);
        active.tombstones.add(seq);
        if (syncAlways) {
            active.force();
            if (erase) {
                owner.force();
            }
        }
        if (owner != active) {
            compactIfWorth(owner);
        }
    }

    @Override
    protected void purgedAll(long nextSeq) {
        // The marker goes into a new file first, so a crash before the old files are gone still recovers empty.
        List<Segment> old = List.copyOf(segments.values());
        active.force();
        active = newSegment(active.number + 1);
        active.append(RecordCodec.marker(RecordCodec.PURGE, nextSeq, index.lastTime()));
        active.force();
        for (Segment s : old) {
            delete(s);
        }
    }

    /** Deletes a segment whose messages are gone, or rewrites one mostly gone, keeping the tombstones still needed. */
    private void compactIfWorth(Segment s) {
        List<Long> needed = new ArrayList<>();
        for (long t : s.tombstones) {
            // A tombstone matters while the file of the message it removes still exists.
            if (fileStillHolds(t, s)) {
                needed.add(t);
            }
        }
        if (s.liveMsgs == 0 && needed.isEmpty()) {
            delete(s);
            return;
        }
        long neededBytes = needed.size() * (long) (RecordCodec.FRAME + RecordCodec.MARKER_BODY);
        if ((s.liveBytes + neededBytes) * 2 > s.size) {
            return; // more than half still in use: not worth a rewrite yet
        }
        rewrite(s, needed);
    }

    /** Whether a file other than {@code holder} may still hold the MSG record of {@code seq}. */
    private boolean fileStillHolds(long seq, Segment holder) {
        for (Segment other : segments.values()) {
            if (other != holder && other.mayHold(seq)) {
                return true;
            }
        }
        return false;
    }

    private void rewrite(Segment s, List<Long> tombstones) {
        Path tmp = s.path.resolveSibling(s.path.getFileName() + ".tmp");
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Segment out = new Segment(s.number, tmp);
        List<long[]> moved = new ArrayList<>();
        long from = Math.max(index.firstSeq(), s.firstMsgSeq);
        long to = Math.min(index.lastSeq(), s.lastMsgSeq);
        for (long q = from; q <= to; q++) {
            if (index.contains(q) && segmentOf(index.aux(q)) == s.number) {
                long at = offsetOf(index.aux(q));
                int len = s.read(at, 4).getInt();
                long newAt = out.append(s.read(at, RecordCodec.FRAME + len));
                moved.add(new long[] {q, newAt});
                out.holds(q);
                out.liveMsgs++;
                out.liveBytes += RecordCodec.FRAME + len;
            }
        }
        for (long t : tombstones) {
            out.append(RecordCodec.marker(RecordCodec.DELETE, t, index.lastTime()));
            out.tombstones.add(t);
        }
        out.force();
        out.close();
        s.close();
        try {
            Files.move(tmp, s.path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace " + s.path, e);
        }
        s.open();
        s.liveMsgs = out.liveMsgs;
        s.liveBytes = out.liveBytes;
        s.tombstones.clear();
        s.tombstones.addAll(out.tombstones);
        s.firstMsgSeq = out.firstMsgSeq;
        s.lastMsgSeq = out.lastMsgSeq;
        for (long[] m : moved) {
            index.aux(m[0], aux(s.number, m[1]));
        }
    }

    private void delete(Segment s) {
        if (s == active) {
            return;
        }
        s.close();
        segments.remove(s.number);
        try {
            Files.deleteIfExists(s.path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + s.path, e);
        }
    }

    /** The number of segment files, for tests and monitoring. */
    public int segmentCount() {
        lock.lock();
        try {
            return segments.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    protected void flushLocked() {
        active.flush();
    }

    @Override
    public void sync() {
        lock.lock();
        try {
            active.force();
            // sync_interval's timer also hands back the buffers of idle streams and of files read a while ago.
            for (Segment s : segments.values()) {
                s.release();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            for (Segment s : segments.values()) {
                s.force();
                s.close();
            }
        } finally {
            lock.unlock();
        }
    }
}
