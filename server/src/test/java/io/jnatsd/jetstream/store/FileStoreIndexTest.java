package io.jnatsd.jetstream.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import static io.jnatsd.jetstream.store.StreamStoreContract.bytes;
import static io.jnatsd.jetstream.store.StreamStoreContract.put;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-segment index files ({@link SegmentIndexFile}): recovery from them gives exactly what a full read of the
 * segment files gives, they are really used, and any index that is damaged, stale or missing is ignored.
 */
class FileStoreIndexTest {
    private static final int SEGMENT = 4096;

    @TempDir
    Path dir;
    @TempDir
    Path scanDir;

    /** Builds a store in a directory and returns what it holds just before its last close. */
    interface Scenario {
        String run(Path dir);
    }

    private static FileStore open(Path dir) {
        return new FileStore(dir, StoreLimits.NONE, SEGMENT, false);
    }

    private static FileStore open(Path dir, StoreLimits limits) {
        return new FileStore(dir, limits, SEGMENT, false);
    }

    private static void fill(FileStore s, int from, int to) {
        for (int i = from; i <= to; i++) {
            s.store("s." + (i % 7), i % 3 == 0 ? bytes("NATS/1.0\r\nI: " + i + "\r\n\r\n") : new byte[0],
                    bytes("payload-" + i), 1_000_000L * i);
        }
    }

    /** Everything a reader can see of a store, as text, so two stores compare with one assertion. */
    static String snapshot(FileStore s) {
        StringBuilder b = new StringBuilder();
        StreamState st = s.state();
        b.append(st).append('\n').append(s.subjects(">")).append('\n').append(s.deletedSequences()).append('\n');
        for (String subject : s.subjects(">").keySet()) {
            b.append(subject).append(" first ").append(s.loadNextMatching(subject, 0).seq()).append(" last ")
                    .append(s.loadLastBySubject(subject).seq()).append('\n');
        }
        for (long q = st.firstSeq(); q <= st.lastSeq(); q++) {
            StoredMessage m = s.load(q);
            b.append(q).append(' ');
            if (m == null) {
                b.append('-');
            } else {
                b.append(m.seq()).append(' ').append(m.subject()).append(' ')
                        .append(new String(m.headers(), StandardCharsets.UTF_8)).append(' ')
                        .append(new String(m.data(), StandardCharsets.UTF_8)).append(' ').append(m.timestampNanos());
            }
            b.append('\n');
        }
        return b.toString();
    }

    static Stream<Arguments> scenarios() {
        return Stream.of(
                Arguments.of("many segments", (Scenario) d -> {
                    try (FileStore s = open(d)) {
                        fill(s, 1, 2000);
                        return snapshot(s);
                    }
                }),
                Arguments.of("deletes, some erasing in sealed segments", (Scenario) d -> {
                    try (FileStore s = open(d)) {
                        fill(s, 1, 1000);
                        for (long q = 1; q <= 1000; q += 3) {
                            s.remove(q, false);
                        }
                        for (long q = 2; q <= 1000; q += 7) {
                            s.remove(q, true);
                        }
                        return snapshot(s);
                    }
                }),
                Arguments.of("deletes and erases after a reopen", (Scenario) d -> {
                    try (FileStore s = open(d)) {
                        fill(s, 1, 1000);
                    }
                    try (FileStore s = open(d)) {
                        for (long q = 5; q <= 1000; q += 11) {
                            s.remove(q, q % 2 == 0);
                        }
                        return snapshot(s);
                    }
                }),
                Arguments.of("purge all, then more", (Scenario) d -> {
                    try (FileStore s = open(d)) {
                        fill(s, 1, 500);
                        s.purge(null, 0, 0);
                        fill(s, 501, 700); // rolls: a sealed segment starts with the purge marker
                        return snapshot(s);
                    }
                }),
                Arguments.of("purge all as the last thing", (Scenario) d -> {
                    try (FileStore s = open(d)) {
                        fill(s, 1, 500);
                        s.purge(null, 0, 0);
                        return snapshot(s);
                    }
                }),
                Arguments.of("purge by subject", (Scenario) d -> {
                    try (FileStore s = open(d)) {
                        fill(s, 1, 800);
                        s.purge("s.3", 0, 0);
                        return snapshot(s);
                    }
                }),
                Arguments.of("purge keeping some", (Scenario) d -> {
                    try (FileStore s = open(d)) {
                        fill(s, 1, 800);
                        s.purge(null, 0, 50);
                        s.purge("s.2", 0, 5);
                        return snapshot(s);
                    }
                }),
                Arguments.of("purge below a sequence", (Scenario) d -> {
                    try (FileStore s = open(d)) {
                        fill(s, 1, 800);
                        s.purge(null, 333, 0);
                        return snapshot(s);
                    }
                }),
                Arguments.of("compaction", (Scenario) d -> {
                    try (FileStore s = open(d)) {
                        fill(s, 1, 1000);
                        for (long q = 1; q <= 600; q++) {
                            if (q % 10 != 0) {
                                s.remove(q, false);
                            }
                        }
                        fill(s, 1001, 1100);
                        return snapshot(s);
                    }
                }),
                Arguments.of("max_msgs_per_subject", (Scenario) d -> {
                    StoreLimits limits = StoreLimits.NONE.withMaxMsgsPerSubject(3);
                    try (FileStore s = open(d, limits)) {
                        fill(s, 1, 1500);
                        return snapshot(s);
                    }
                }),
                Arguments.of("reopen after reopen", (Scenario) d -> {
                    String last = null;
                    for (int round = 0; round < 4; round++) {
                        try (FileStore s = open(d)) {
                            fill(s, round * 300 + 1, round * 300 + 300);
                            s.remove(round * 300 + 7, round % 2 == 0);
                            s.purge("s.1", 0, 2);
                            last = snapshot(s);
                        }
                    }
                    return last;
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void recoveryFromIndexFilesEqualsAFullRead(String name, Scenario scenario) throws IOException {
        String before = scenario.run(dir);
        copyWithoutIndexFiles(dir, scanDir);
        int segments = blkFiles(dir).size();
        assertThat(indexFiles(dir)).as("a clean close indexes every segment").hasSize(segments);

        String fromIndex;
        try (FileStore s = open(dir)) {
            assertThat(s.segmentsScanned).isZero();
            assertThat(s.segmentsFromIndex).isEqualTo(segments);
            fromIndex = snapshot(s);
            assertThat(s.liveBytesBySegment()).isEqualTo(liveBytesInFiles(s, dir));
        }
        String fromScan;
        try (FileStore s = open(scanDir)) {
            assertThat(s.segmentsFromIndex).isZero();
            assertThat(s.segmentsScanned).isEqualTo(segments);
            fromScan = snapshot(s);
            assertThat(s.liveBytesBySegment()).isEqualTo(liveBytesInFiles(s, scanDir));
        }
        assertThat(fromIndex).isEqualTo(fromScan).isEqualTo(before);
        try (FileStore indexed = open(dir); FileStore scanned = open(scanDir)) {
            assertThat(indexed.segmentsScanned).as("an untouched store stays indexed").isZero();
            assertThat(snapshot(indexed)).isEqualTo(before);
            // The same removals on both: which files are deleted or compacted depends on the per-file live counts
            // and bytes recovery rebuilt, so the files left must be the same.
            StreamState st = indexed.state();
            for (long q = st.firstSeq(); q <= st.firstSeq() + (st.lastSeq() - st.firstSeq()) * 3 / 5; q++) {
                assertThat(indexed.remove(q, false)).isEqualTo(scanned.remove(q, false));
            }
            assertThat(fileSizes(dir)).isEqualTo(fileSizes(scanDir));
            assertThat(snapshot(indexed)).isEqualTo(snapshot(scanned));
            long next = st.lastSeq() + 1;
            assertThat(put(indexed, "after", "reopen")).isEqualTo(next);
        }
    }

    /**
     * Per segment file, the lengths of the MSG records (read straight from the files) whose message the store still
     * has at that position: what the store's live byte counts must be.
     */
    private static java.util.Map<Integer, Long> liveBytesInFiles(FileStore s, Path d) throws IOException {
        java.util.Map<Integer, Long> out = new java.util.TreeMap<>();
        java.util.Set<Long> counted = new java.util.HashSet<>();
        for (Path p : blkFiles(d)) {
            int number = Integer.parseInt(p.getFileName().toString().replace(".blk", ""));
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(p));
            long live = 0;
            while (b.remaining() >= RecordCodec.FRAME) {
                int at = b.position();
                int length = RecordCodec.FRAME + b.getInt(at);
                long seq = b.getLong(at + RecordCodec.FRAME + 1);
                if (b.get(at + RecordCodec.FRAME) == RecordCodec.MSG && s.load(seq) != null && counted.add(seq)) {
                    live += length;
                }
                b.position(at + length);
            }
            out.put(number, live);
        }
        return out;
    }

    private static java.util.Map<String, Long> fileSizes(Path d) throws IOException {
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        for (Path p : blkFiles(d)) {
            out.put(p.getFileName().toString(), Files.size(p));
        }
        return out;
    }

    @Test
    void theIndexIsUsedInsteadOfReadingTheSegment() throws IOException {
        try (FileStore s = open(dir)) {
            fill(s, 1, 300);
        }
        // Damage the payload of the third message of the first (sealed) segment: a read of that file would
        // stop there and drop the rest of it; replaying its index does not look at the file at all.
        Path first = blkFiles(dir).get(0);
        byte[] all = Files.readAllBytes(first);
        int third = recordOffset(all, 2);
        all[third + RecordCodec.FRAME + 25] ^= 0x40;
        Files.write(first, all);
        copyWithoutIndexFiles(dir, scanDir);
        try (FileStore s = open(dir)) {
            assertThat(s.segmentsScanned).isZero();
            assertThat(s.state().msgs()).isEqualTo(300);
            assertThat(s.load(4).data()).isEqualTo(bytes("payload-4"));
        }
        try (FileStore s = open(scanDir)) {
            assertThat(s.load(2)).isNotNull();
            assertThat(s.load(4)).as("without the index the damage ends the file there").isNull();
            assertThat(s.state().msgs()).isLessThan(300);
        }
    }

    @Test
    void aFlippedByteInAnIndexMeansARead() throws IOException {
        assertFallsBack(idx -> {
            byte[] b = Files.readAllBytes(idx);
            b[b.length / 2] ^= 1;
            Files.write(idx, b);
        });
    }

    @Test
    void aTruncatedIndexMeansARead() throws IOException {
        assertFallsBack(idx -> {
            try (RandomAccessFile raf = new RandomAccessFile(idx.toFile(), "rw")) {
                raf.setLength(raf.length() - 7);
            }
        });
    }

    @Test
    void anEmptyIndexMeansARead() throws IOException {
        assertFallsBack(idx -> Files.write(idx, new byte[0]));
    }

    @Test
    void aMissingIndexMeansARead() throws IOException {
        assertFallsBack(Files::delete);
    }

    @Test
    void anIndexOfAnUnknownVersionMeansARead() throws IOException {
        assertFallsBack(idx -> {
            byte[] b = Files.readAllBytes(idx);
            ByteBuffer.wrap(b).putShort(4, (short) 2);
            CRC32C crc = new CRC32C();
            crc.update(b, 0, b.length - 4);
            ByteBuffer.wrap(b).putInt(b.length - 4, (int) crc.getValue()); // well formed, just newer
            Files.write(idx, b);
        });
    }

    @Test
    void anIndexOfAShorterSegmentFileIsStale() throws IOException {
        try (FileStore s = open(dir)) {
            fill(s, 1, 300);
        }
        String before;
        try (FileStore s = open(dir)) {
            before = snapshot(s);
        }
        // A tombstone appended behind the index's back (as a crash after an append could leave it, had the
        // index not been deleted): the index no longer describes the file.
        Path first = blkFiles(dir).get(0);
        Files.write(first, RecordCodec.marker(RecordCodec.DELETE, 3, 1).array(),
                java.nio.file.StandardOpenOption.APPEND);
        try (FileStore s = open(dir)) {
            assertThat(s.segmentsScanned).isEqualTo(1);
            assertThat(s.load(3)).as("the appended tombstone was read").isNull();
            assertThat(s.state().msgs()).isEqualTo(299);
            assertThat(snapshot(s)).isNotEqualTo(before);
        }
        try (FileStore s = open(dir)) {
            assertThat(s.segmentsScanned).as("indexed again").isZero();
            assertThat(s.load(3)).isNull();
        }
    }

    @Test
    void anEraseInAnIndexedSegmentDeletesItsIndexAtOnce() throws IOException {
        try (FileStore s = open(dir)) {
            fill(s, 1, 300);
        }
        Path firstIdx = indexFiles(dir).get(0);
        FileStore crashed = open(dir);
        crashed.remove(2, true);
        assertThat(firstIdx).as("gone before the store is closed").doesNotExist();
        // No close: as after kill -9. The erased record is read from the file, not from an index claiming a MSG.
        try (FileStore s = open(dir)) {
            assertThat(s.load(2)).isNull();
            assertThat(s.load(1).data()).isEqualTo(bytes("payload-1"));
            assertThat(s.state().msgs()).isEqualTo(299);
        }
        assertThat(firstIdx).as("written again by the clean close").exists();
        crashed.close();
    }

    @Test
    void aTornTailAfterAReopenFromIndexIsStillTruncated() throws IOException {
        try (FileStore s = open(dir)) {
            fill(s, 1, 100);
        }
        Path last = blkFiles(dir).get(blkFiles(dir).size() - 1);
        FileStore crashed = open(dir);
        assertThat(crashed.segmentsScanned).isZero();
        fill(crashed, 101, 103);
        crashed.flushWrites(); // acknowledged, so on file
        assertThat(dir.resolve(last.getFileName().toString().replace(".blk", ".idx")))
                .as("the first append drops the active segment's index").doesNotExist();
        try (RandomAccessFile raf = new RandomAccessFile(last.toFile(), "rw")) {
            raf.setLength(raf.length() - 5);
        }
        try (FileStore s = open(dir)) {
            assertThat(s.state().lastSeq()).isEqualTo(102);
            assertThat(s.load(102).data()).isEqualTo(bytes("payload-102"));
            assertThat(s.load(103)).isNull();
        }
        crashed.close();
    }

    @Test
    void aNewSegmentIgnoresAnIndexLeftOverFromAnOlderFileOfTheSameNumber() throws IOException {
        try (FileStore s = open(dir)) {
            fill(s, 1, 10);
        }
        Path blk = blkFiles(dir).get(0);
        Path idx = indexFiles(dir).get(0);
        byte[] oldIndex = Files.readAllBytes(idx);
        Files.delete(blk);
        Files.delete(idx);
        Files.write(idx, oldIndex); // an orphan: its segment file is gone
        FileStore crashed = open(dir);
        for (int i = 1; i <= 10; i++) { // other subjects of the same length: a file of the very same size
            crashed.store("t." + (i % 7), i % 3 == 0 ? bytes("NATS/1.0\r\nI: " + i + "\r\n\r\n") : new byte[0],
                    bytes("payload-" + i), 1_000_000L * i);
        }
        crashed.flushWrites();
        assertThat(Files.size(blk)).isEqualTo(oldIndexDescribes(oldIndex));
        // No close: as after kill -9.
        try (FileStore s = open(dir)) {
            assertThat(s.subjects(">")).containsOnlyKeys("t.0", "t.1", "t.2", "t.3", "t.4", "t.5", "t.6");
        }
        crashed.close();
    }

    private static long oldIndexDescribes(byte[] index) {
        return ByteBuffer.wrap(index).getLong(6);
    }

    private interface Damage {
        void apply(Path idx) throws IOException;
    }

    /** Damages the index of the second segment; that one is read instead, with the same result. */
    private void assertFallsBack(Damage damage) throws IOException {
        String before;
        try (FileStore s = open(dir)) {
            fill(s, 1, 600);
            s.remove(10, false);
            s.remove(11, true);
            before = snapshot(s);
        }
        int segments = blkFiles(dir).size();
        assertThat(segments).isGreaterThan(3);
        damage.apply(indexFiles(dir).get(1));
        try (FileStore s = open(dir)) {
            assertThat(s.segmentsScanned).isEqualTo(1);
            assertThat(s.segmentsFromIndex).isEqualTo(segments - 1);
            assertThat(snapshot(s)).isEqualTo(before);
        }
        try (FileStore s = open(dir)) {
            assertThat(s.segmentsScanned).as("the read wrote a good index").isZero();
            assertThat(snapshot(s)).isEqualTo(before);
        }
    }

    /** The offset of record {@code n} (from 0) in a segment file's bytes. */
    private static int recordOffset(byte[] file, int n) {
        ByteBuffer b = ByteBuffer.wrap(file);
        int at = 0;
        for (int i = 0; i < n; i++) {
            at += RecordCodec.FRAME + b.getInt(at);
        }
        return at;
    }

    private static List<Path> blkFiles(Path d) throws IOException {
        return list(d, ".blk");
    }

    private static List<Path> indexFiles(Path d) throws IOException {
        return list(d, ".idx");
    }

    private static List<Path> list(Path d, String suffix) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }

    private static void copyWithoutIndexFiles(Path from, Path to) throws IOException {
        for (Path p : blkFiles(from)) {
            Files.copy(p, to.resolve(p.getFileName()));
        }
    }
}
