package io.jnatsd.jetstream.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The file store's write buffer and read-ahead window: what a crash of the process finds on file (a copy of the
 * directory taken while the store is still open, as kill -9 leaves it), and reads that meet buffered or overwritten
 * bytes.
 */
class FileStoreBufferingTest {
    @TempDir
    Path dir;
    @TempDir
    Path crashed;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** What the files hold now, opened as a restart after kill -9 would open them. */
    private FileStore afterCrash() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.copy(f, crashed.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return new FileStore(crashed, StoreLimits.NONE, 1 << 20, false);
    }

    @Test
    void storedMessagesAreOnFileOnceFlushedAndNotBefore() throws IOException {
        try (FileStore s = new FileStore(dir, StoreLimits.NONE, 1 << 20, false)) {
            for (int i = 1; i <= 100; i++) {
                s.store("orders." + i, new byte[0], bytes("m" + i), i);
            }
            try (FileStore before = afterCrash()) {
                assertThat(before.state().msgs()).as("a batch is one write, after the batch").isZero();
            }
            s.flushWrites();
            try (FileStore after = afterCrash()) {
                assertThat(after.state().msgs()).isEqualTo(100);
                assertThat(new String(after.load(100).data(), StandardCharsets.UTF_8)).isEqualTo("m100");
            }
        }
    }

    @Test
    void aRemovalIsOnFileWhenRemoveReturns() throws IOException {
        try (FileStore s = new FileStore(dir, StoreLimits.NONE, 1 << 20, false)) {
            for (int i = 1; i <= 10; i++) {
                s.store("a", new byte[0], bytes("m" + i), i);
            }
            s.remove(3, false);
            s.purge(null, 6, 0); // 1, 2, 4, 5
            try (FileStore after = afterCrash()) {
                assertThat(after.state().msgs()).isEqualTo(5);
                assertThat(after.load(3)).isNull();
                assertThat(after.load(5)).isNull();
                assertThat(after.load(6)).isNotNull();
            }
        }
    }

    @Test
    void readsSeeBufferedRecordsAndErasedOnesAreGoneFromTheReadWindow() throws IOException {
        try (FileStore s = new FileStore(dir, StoreLimits.NONE, 1 << 20, false)) {
            for (int i = 1; i <= 50; i++) {
                s.store("a", bytes("h" + i), bytes("data-" + i), i);
                assertThat(new String(s.load(i).data(), StandardCharsets.UTF_8)).isEqualTo("data-" + i);
            }
            s.flushWrites();
            for (int i = 1; i <= 50; i++) {
                assertThat(s.load(i).seq()).isEqualTo(i); // fills the read window
            }
            assertThat(s.remove(10, true)).isTrue();
            assertThat(s.load(10)).isNull();
            assertThat(new String(s.loadNextMatching("a", 10).data(), StandardCharsets.UTF_8)).isEqualTo("data-11");
            // An erase of a record still in the write buffer.
            s.store("a", new byte[0], bytes("secret"), 51);
            assertThat(s.remove(51, true)).isTrue();
            s.store("a", new byte[0], bytes("after"), 52);
            s.flushWrites();
            try (FileStore after = afterCrash()) {
                assertThat(after.state().msgs()).isEqualTo(50);
                assertThat(after.load(10)).isNull();
                assertThat(after.load(51)).isNull();
                assertThat(new String(after.load(52).data(), StandardCharsets.UTF_8)).isEqualTo("after");
                assertThat(new String(after.load(11).headers(), StandardCharsets.UTF_8)).isEqualTo("h11");
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1))
                            .as("an erased payload is overwritten on file").doesNotContain("secret");
                }
            }
        }
    }

    @Test
    void filesACrashLeftHalfWrittenAreRemovedOnOpen() throws IOException {
        try (FileStore s = new FileStore(dir, StoreLimits.NONE, 1 << 20, false)) {
            s.store("a", new byte[0], bytes("kept"), 1);
        }
        Files.write(dir.resolve("00000001.idx.tmp"), bytes("half an index"));
        Files.write(dir.resolve("00000001.blk.tmp"), bytes("half a compaction"));
        try (FileStore s = new FileStore(dir, StoreLimits.NONE, 1 << 20, false)) {
            assertThat(s.load(1).data()).isEqualTo(bytes("kept"));
        }
        assertThat(dir.resolve("00000001.idx.tmp")).doesNotExist();
        assertThat(dir.resolve("00000001.blk.tmp")).doesNotExist();
    }

    @Test
    void recordsLargerThanTheBuffersGoStraightThrough() throws IOException {
        byte[] big = new byte[300 * 1024];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) i;
        }
        try (FileStore s = new FileStore(dir, StoreLimits.NONE, 8 << 20, false)) {
            s.store("small", new byte[0], bytes("one"), 1);
            s.store("big", new byte[0], big, 2);
            s.store("small", new byte[0], bytes("three"), 3);
            assertThat(s.load(2).data()).isEqualTo(big);
            s.flushWrites();
            try (FileStore after = afterCrash()) {
                assertThat(after.load(1).data()).isEqualTo(bytes("one"));
                assertThat(after.load(2).data()).isEqualTo(big);
                assertThat(after.load(3).data()).isEqualTo(bytes("three"));
            }
        }
    }
}
