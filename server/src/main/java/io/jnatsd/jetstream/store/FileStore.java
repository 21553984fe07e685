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
    private static final String INDEX_SUFFIX = ".idx";
    private static final int OFFSET_BITS = 40;

    private final Path dir;
    private final long segmentBytes;
    private final boolean syncAlways;
    private final TreeMap<Integer, Segment> segments = new TreeMap<>();
    private Segment active;
    /** Counts changes to the set of files and their message ranges (for cached tombstone checks). */
    private long layout;
    /** Under the lock: the checksum and the last stored subject's bytes, reused from record to record. */
    private final CRC32C crc = new CRC32C();
    private String lastSubject;
    private byte[] lastSubjectBytes;
    /** How the last open recovered: segments replayed from their index file, and segments read in full. */
    int segmentsFromIndex;
    int segmentsScanned;
    /** While recovering: the record length of each message replayed so far. */
    private RecordLengths recovered;

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

    /**
     * Rebuilds the index from the segment files in order: each from its index file when one still describes it
     * ({@link SegmentIndexFile}), else by reading the file ({@link RecordScanner}) and truncating a damaged tail.
     */
    private void recover() {
        List<Integer> numbers = new ArrayList<>();
        List<Path> leftovers = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                String n = p.getFileName().toString();
                if (n.endsWith(SUFFIX)) {
                    numbers.add(Integer.parseInt(n.substring(0, n.length() - SUFFIX.length())));
                } else if (n.endsWith(".tmp")) {
                    leftovers.add(p); // an index or a compaction a crash interrupted before its rename
                }
            }
            for (Path p : leftovers) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("cannot read store directory " + dir + ": " + e.getMessage(), e);
        }
        numbers.sort(null);
        recovered = new RecordLengths();
        for (int n : numbers) {
            Segment s = new Segment(n, segmentPath(n), indexPath(n));
            segments.put(n, s);
            boolean last = n == numbers.get(numbers.size() - 1);
            // The last segment is appended to next: the builder follows it from here on.
            SegmentIndexFile.Builder builder = new SegmentIndexFile.Builder();
            boolean fromIndex = loadIndex(s, last ? builder : null);
            if (!fromIndex) {
                scan(s, builder);
            }
            if (last) {
                s.pending = builder;
            } else if (!fromIndex) {
                writeIndex(s, builder);
            }
        }
        recovered = null;
        for (Segment s : List.copyOf(segments.values())) {
            if (s != segments.lastEntry().getValue()) {
                compactIfWorth(s); // files a purge or crash left behind
            }
        }
        active = segments.isEmpty() ? newSegment(1, null) : segments.lastEntry().getValue();
    }

    /** Replays {@code s} (and into {@code builder}, if any) from its index file when one still describes it. */
    private boolean loadIndex(Segment s, SegmentIndexFile.Builder builder) {
        RecordVisitor replay = new Replay(s);
        try {
            if (SegmentIndexFile.load(s.indexPath, s.size, builder == null ? replay : replay.andThen(builder))) {
                s.indexed = true;
                segmentsFromIndex++;
                return true;
            }
            LOG.debug("Stream store {}: no index for {}, reading it", dir, s.path.getFileName());
        } catch (SegmentIndexFile.Invalid e) {
            LOG.warn("Stream store {}: index {} not used ({}), reading {} instead", dir, s.indexPath.getFileName(),
                    e.getMessage(), s.path.getFileName());
            deleteIndexFile(s.indexPath);
        }
        return false;
    }

    /** Replays {@code s} (and into {@code builder}) from the file itself, truncating a damaged tail. */
    private void scan(Segment s, SegmentIndexFile.Builder builder) {
        long at = RecordScanner.scan(s, new Replay(s).andThen(builder));
        segmentsScanned++;
        if (at < s.size) {
            LOG.warn("Stream store {}: file {} has an incomplete or damaged record at offset {}, truncated there "
                    + "({} bytes dropped)", dir, s.path.getFileName(), at, s.size - at);
            s.truncate(at);
            s.force();
        }
    }

    /** Applies one segment's records to the index and the segments' counts, as they are met on recovery. */
    private final class Replay implements RecordVisitor {
        private final Segment s;

        Replay(Segment s) {
            this.s = s;
        }

        @Override
        public void message(long at, int length, long seq, String subject, int size, long time) {
            if (seq <= index.lastSeq()) {
                return; // already known (a rewrite that was interrupted): keep the first copy
            }
            index.add(seq, subject, size, time, aux(s.number, at));
            recovered.put(seq, length);
            s.holds(seq);
            s.liveMsgs++;
            s.liveBytes += length;
        }

        @Override
        public void delete(long at, int length, long seq, long lastTime) {
            s.tombstones.add(seq);
            removeFromIndex(seq);
            index.observe(seq);
            index.lastTime(lastTime);
        }

        @Override
        public void purge(long at, int length, long nextSeq, long lastTime) {
            for (Segment other : segments.values()) {
                other.liveMsgs = 0;
                other.liveBytes = 0;
            }
            index.resetTo(nextSeq);
            index.lastTime(lastTime);
            recovered.clear();
        }

        @Override
        public void erased(long at, int length, long seq) {
            index.observe(seq);
        }

        @Override
        public void unknown(long at, int length, byte type) {
            LOG.warn("Stream store {}: unknown record type {} in {}", dir, type, s.path.getFileName());
        }
    }

    /** A tombstone met on recovery: the message leaves the index and its segment's counts. */
    private void removeFromIndex(long seq) {
        if (index.contains(seq)) {
            long aux = index.aux(seq);
            index.remove(seq);
            Segment owner = segments.get(segmentOf(aux));
            if (owner != null) {
                owner.liveMsgs--;
                int length = recovered.get(seq);
                owner.liveBytes -= length > 0 ? length : recordLength(owner, offsetOf(aux));
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
        if (active.pending != null) {
            int size = (int) StoredSize.of(subject.length(), headers.length, data.length);
            active.pending.message(at, length, seq, subject, size, timestampNanos);
        }
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
        SegmentIndexFile.Builder spare = indexSealed(active);
        active.release();
        active = newSegment(active.number + 1, spare);
    }

    /** A new, empty segment file; its index is collected in {@code spare} (emptied) when there is one. */
    private Segment newSegment(int number, SegmentIndexFile.Builder spare) {
        deleteIndexFile(indexPath(number)); // one left behind by a crash must not describe the new file
        Segment s = new Segment(number, segmentPath(number), indexPath(number));
        if (spare != null) {
            spare.reset();
        }
        s.pending = spare != null ? spare : new SegmentIndexFile.Builder();
        segments.put(number, s);
        return s;
    }

    private Path segmentPath(int number) {
        return dir.resolve(String.format("%08d%s", number, SUFFIX));
    }

    private Path indexPath(int number) {
        return dir.resolve(String.format("%08d%s", number, INDEX_SUFFIX));
    }

    // ---- index files -----------------------------------------------------------------------------------------

    /**
     * Writes the index of a segment no longer appended to (forced to disk already): the one collected while it was
     * written, else read back from its file. Returns the builder, for the next segment to reuse.
     */
    private SegmentIndexFile.Builder indexSealed(Segment s) {
        SegmentIndexFile.Builder builder = s.pending;
        s.pending = null;
        if (s.indexed) {
            return builder;
        }
        if (builder == null) {
            builder = new SegmentIndexFile.Builder();
            try {
                if (RecordScanner.scan(s, builder) != s.size) {
                    return null;
                }
            } catch (UncheckedIOException e) {
                LOG.warn("Stream store {}: cannot read {} to index it: {}", dir, s.path.getFileName(), e.getMessage());
                return null;
            }
        }
        writeIndex(s, builder);
        return builder;
    }

    private void writeIndex(Segment s, SegmentIndexFile.Builder builder) {
        try {
            s.indexed = builder.write(s.indexPath, s.size);
            if (!s.indexed) {
                LOG.debug("Stream store {}: no index written for {}", dir, s.path.getFileName());
            }
        } catch (IOException | UncheckedIOException e) {
            // Only a cache: the next open reads the segment instead.
            LOG.warn("Stream store {}: cannot write index {}: {}", dir, s.indexPath.getFileName(), e.getMessage());
            deleteIndexFile(s.indexPath);
        }
    }

    private void deleteIndexFile(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path, e);
        }
    }

    @Override
    protected StoredMessage read(long seq, long aux) {
        Segment s = segments.get(segmentOf(aux));
        long at = offsetOf(aux);
        int len = s.view(at, 4).getInt();
        // The index holds the subject's string already: no new string per load.
        return RecordCodec.decodeMessage(s.view(at + RecordCodec.FRAME, len), index.subject(seq));
    }

    @Override
    protected void removed(long seq, long aux, boolean erase) {
        Segment owner = segments.get(segmentOf(aux));
        long at = offsetOf(aux);
        long len = recordLength(owner, at);
        if (erase) {
            owner.dropIndex(true); // same size after the erase: the index's size check would not see it
            owner.pending = null; // it says MSG there: read the file back when sealing instead
            owner.writeAt(RecordCodec.erased(seq, (int) (len - RecordCodec.FRAME)), at);
        }
        owner.liveMsgs--;
        owner.liveBytes -= len;
        long lastTime = index.lastTime();
        ByteBuffer t = RecordCodec.marker(RecordCodec.DELETE, seq, lastTime);
        if (active.size > 0 && active.size + t.capacity() > segmentBytes) {
            roll();
        }
        long tAt = active.append(t);
        if (active.pending != null) {
            active.pending.delete(tAt, t.capacity(), seq, lastTime);
        }
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
        Segment previous = active;
        active = newSegment(previous.number + 1, previous.pending); // the old files go: no index for them
        previous.pending = null;
        ByteBuffer purge = RecordCodec.marker(RecordCodec.PURGE, nextSeq, index.lastTime());
        long at = active.append(purge);
        active.pending.purge(at, purge.capacity(), nextSeq, index.lastTime());
        active.force();
        for (Segment s : old) {
            delete(s);
        }
    }

    /** Deletes a segment whose messages are gone, or rewrites one mostly gone, keeping the tombstones still needed. */
    private void compactIfWorth(Segment s) {
        if (s.liveMsgs > 0 && s.liveBytes * 2 > s.size) {
            return; // more than half still live, whatever tombstones it must keep: not worth a rewrite
        }
        List<Long> needed = neededTombstones(s);
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

    /**
     * The tombstones of {@code s} still needed: those whose message's file may still exist. Kept on the segment until
     * the files change (a deletion or a rewrite): a file holds up to ~300k tombstones, and looking at each of them on
     * every removal of one of its messages made removals O(n^2) (500k removals: over a minute).
     */
    private List<Long> neededTombstones(Segment s) {
        if (s.needed != null && s.neededLayout == layout && s.neededOf == s.tombstones.size()) {
            return s.needed;
        }
        List<Long> needed = new ArrayList<>();
        for (long t : s.tombstones) {
            // A tombstone matters while the file of the message it removes still exists.
            if (fileStillHolds(t, s)) {
                needed.add(t);
            }
        }
        s.needed = needed;
        s.neededLayout = layout;
        s.neededOf = s.tombstones.size();
        return needed;
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
        layout++; // the file's range of messages may shrink
        Path tmp = s.path.resolveSibling(s.path.getFileName() + ".tmp");
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Segment out = new Segment(s.number, tmp);
        SegmentIndexFile.Builder builder = new SegmentIndexFile.Builder();
        List<long[]> moved = new ArrayList<>();
        long from = Math.max(index.firstSeq(), s.firstMsgSeq);
        long to = Math.min(index.lastSeq(), s.lastMsgSeq);
        for (long q = from; q <= to; q++) {
            if (index.contains(q) && segmentOf(index.aux(q)) == s.number) {
                long at = offsetOf(index.aux(q));
                int len = s.read(at, 4).getInt();
                long newAt = out.append(s.read(at, RecordCodec.FRAME + len));
                builder.message(newAt, RecordCodec.FRAME + len, q, index.subject(q), index.size(q), index.time(q));
                moved.add(new long[] {q, newAt});
                out.holds(q);
                out.liveMsgs++;
                out.liveBytes += RecordCodec.FRAME + len;
            }
        }
        for (long t : tombstones) {
            ByteBuffer marker = RecordCodec.marker(RecordCodec.DELETE, t, index.lastTime());
            builder.delete(out.append(marker), marker.capacity(), t, index.lastTime());
            out.tombstones.add(t);
        }
        out.force();
        out.close();
        s.close();
        s.dropIndex(false);
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
        writeIndex(s, builder);
    }

    private void delete(Segment s) {
        if (s == active) {
            return;
        }
        s.close();
        segments.remove(s.number);
        layout++;
        s.dropIndex(false);
        try {
            Files.deleteIfExists(s.path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + s.path, e);
        }
    }

    /** Per segment file number, the bytes of its records still live (what compaction decides on); for tests. */
    java.util.Map<Integer, Long> liveBytesBySegment() {
        lock.lock();
        try {
            java.util.Map<Integer, Long> out = new TreeMap<>();
            for (Segment s : segments.values()) {
                out.put(s.number, s.liveBytes);
            }
            return out;
        } finally {
            lock.unlock();
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
                indexSealed(s);
                s.close();
            }
        } finally {
            lock.unlock();
        }
    }
}
