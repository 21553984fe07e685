package io.jnatsd.jetstream.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The file store: the contract, plus what only a disk has: recovery, torn tails, damage, compaction. */
class FileStoreTest extends StreamStoreContract {
    @TempDir
    Path dir;

    @Override
    protected StreamStore create(StoreLimits limits) {
        return new FileStore(dir, limits, 4096, false);
    }

    private FileStore reopen() {
        return new FileStore(dir, StoreLimits.NONE, 4096, false);
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".blk")).sorted().toList();
        }
    }

    @Test
    void everythingComesBackAfterAReopen() {
        try (FileStore s = new FileStore(dir, StoreLimits.NONE, 4096, false)) {
            for (int i = 1; i <= 300; i++) {
                s.store("sub." + (i % 5), bytes("h" + i), bytes("data-" + i), i);
            }
            s.remove(10, false);
            s.remove(11, true);
            s.purge("sub.3", 0, 0);
        }
        try (FileStore s = reopen()) {
            StreamState st = s.state();
            assertThat(st.lastSeq()).isEqualTo(300);
            assertThat(s.load(10)).isNull();
            assertThat(s.load(11)).isNull();
            assertThat(s.subjects("sub.3")).isEmpty();
            StoredMessage m = s.load(299);
            assertThat(new String(m.data(), StandardCharsets.UTF_8)).isEqualTo("data-299");
            assertThat(new String(m.headers(), StandardCharsets.UTF_8)).isEqualTo("h299");
            assertThat(m.timestampNanos()).isEqualTo(299);
            assertThat(st.msgs()).isEqualTo(300 - 2 - 60);
            assertThat(s.store("next", new byte[0], bytes("x"), 0)).isEqualTo(301);
        }
    }

    @Test
    void aTornTailIsTruncatedNeverServed() throws IOException {
        try (FileStore s = new FileStore(dir, StoreLimits.NONE, 1 << 20, false)) {
            for (int i = 1; i <= 10; i++) {
                put(s, "t", "message-" + i);
            }
        }
        Path f = files().get(files().size() - 1);
        long full = Files.size(f);
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(full - 5); // a write cut off in the middle of the last record
        }
        try (FileStore s = reopen()) {
            assertThat(s.state().lastSeq()).isEqualTo(9);
            assertThat(s.load(10)).isNull();
            assertThat(Files.size(f)).isLessThan(full - 5);
            assertThat(s.store("t", new byte[0], bytes("again"), 0)).as("the torn sequence is stored anew")
                    .isEqualTo(10);
            assertThat(new String(s.load(10).data(), StandardCharsets.UTF_8)).isEqualTo("again");
        }
    }

    @Test
    void aDamagedRecordEndsTheFileThere() throws IOException {
        try (FileStore s = new FileStore(dir, StoreLimits.NONE, 1 << 20, false)) {
            for (int i = 1; i <= 10; i++) {
                put(s, "t", "message-" + i);
            }
        }
        Files.delete(dir.resolve("00000001.idx")); // its index would be trusted instead (FileStoreIndexTest)
        Path f = files().get(0);
        byte[] all = Files.readAllBytes(f);
        int recordSize = all.length / 10;
        all[recordSize * 6 + 20] ^= 0x40; // flip a bit inside record 7
        Files.write(f, all);
        try (FileStore s = reopen()) {
            assertThat(s.state().msgs()).isEqualTo(6);
            assertThat(s.state().lastSeq()).isEqualTo(6);
            assertThat(s.load(7)).isNull();
        }
    }

    @Test
    void garbageLengthsAreNotTrusted() throws IOException {
        try (FileStore s = new FileStore(dir, StoreLimits.NONE, 1 << 20, false)) {
            put(s, "t", "one");
        }
        Path f = files().get(0);
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.seek(raf.length());
            raf.writeInt(Integer.MAX_VALUE);
            raf.writeInt(0);
        }
        try (FileStore s = reopen()) {
            assertThat(s.state().msgs()).isEqualTo(1);
            assertThat(new String(s.load(1).data(), StandardCharsets.UTF_8)).isEqualTo("one");
        }
    }

    @Test
    void segmentsWhoseMessagesAreGoneAreDeleted() throws IOException {
        try (FileStore s = new FileStore(dir, StoreLimits.NONE, 4096, false)) {
            for (int i = 1; i <= 500; i++) {
                put(s, "x", "payload-" + i);
            }
            int before = s.segmentCount();
            assertThat(before).isGreaterThan(5);
            for (long q = 1; q <= 400; q++) {
                s.remove(q, false);
            }
            assertThat(s.segmentCount()).isLessThan(before);
            s.purge(null, 0, 0);
            assertThat(files()).hasSize(1);
        }
        try (FileStore s = reopen()) {
            assertThat(s.state().msgs()).isZero();
            assertThat(s.state().firstSeq()).as("the purge survives the reopen").isEqualTo(501);
            assertThat(put(s, "x", "new")).isEqualTo(501);
        }
    }

    @Test
    void removalsInOlderFilesSurviveTheirTombstoneFileBeingCompacted() {
        try (FileStore s = new FileStore(dir, StoreLimits.NONE, 2048, false)) {
            for (int i = 1; i <= 200; i++) {
                put(s, "x", "payload-" + i);
            }
            s.remove(5, false); // its tombstone goes to the newest file
            for (long q = 100; q <= 200; q++) {
                s.remove(q, false); // empties the newer files, which also hold tombstones
            }
            for (int i = 0; i < 50; i++) {
                put(s, "y", "more-" + i);
            }
        }
        try (FileStore s = reopen()) {
            assertThat(s.load(5)).as("removed before, still removed").isNull();
            assertThat(s.load(6)).isNotNull();
            assertThat(s.load(150)).isNull();
            assertThat(s.state().msgs()).isEqualTo(98 + 50);
        }
    }

    @Test
    void syncAlwaysWritesThroughAndRecovers() {
        try (FileStore s = new FileStore(dir, StoreLimits.NONE, 4096, true)) {
            put(s, "a", "durable");
        }
        try (FileStore s = reopen()) {
            assertThat(new String(s.load(1).data(), StandardCharsets.UTF_8)).isEqualTo("durable");
        }
    }
}
