package io.jnatsd.jetstream.store;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random stores, removals, purges and reopens on a file store with small segments (so files roll, empty and get
 * compacted often), checked after every step against the memory store doing the same: same state, same messages.
 * Reopens follow a clean close (recovery from index files) or none at all (as after kill -9).
 */
class FileStoreModelTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 1234})
    void behavesLikeTheMemoryStore(long seed) {
        Random r = new Random(seed);
        MemoryStore model = new MemoryStore(StoreLimits.NONE);
        FileStore file = new FileStore(dir, StoreLimits.NONE, 1024, false);
        List<FileStore> crashed = new ArrayList<>();
        try {
            for (int step = 0; step < 1500; step++) {
                int op = r.nextInt(100);
                if (op < 60) {
                    String subject = "s." + r.nextInt(6);
                    byte[] data = ("d" + step + "-" + "x".repeat(r.nextInt(40))).getBytes(StandardCharsets.UTF_8);
                    assertThat(file.store(subject, new byte[0], data, step)).isEqualTo(model.store(subject,
                            new byte[0], data, step));
                } else if (op < 85) {
                    long last = model.state().lastSeq();
                    long q = last == 0 ? 1 : 1 + r.nextInt((int) last);
                    boolean erase = r.nextBoolean();
                    assertThat(file.remove(q, erase)).isEqualTo(model.remove(q, erase));
                } else if (op < 88) {
                    String filter = r.nextBoolean() ? null : "s." + r.nextInt(6);
                    long before = r.nextBoolean() ? 0 : model.state().lastSeq() / 2;
                    long keep = r.nextInt(3);
                    assertThat(file.purge(filter, before, keep)).isEqualTo(model.purge(filter, before, keep));
                } else if (op < 90) {
                    file.purge(null, 0, 0);
                    model.purge(null, 0, 0);
                } else if (op < 95) {
                    file.close(); // writes the index files the next open replays
                    file = new FileStore(dir, StoreLimits.NONE, 1024, false);
                } else {
                    file.flushWrites(); // what a stream has acknowledged is on file; the rest may be lost
                    crashed.add(file); // no close, as after kill -9: no index for what changed since
                    file = new FileStore(dir, StoreLimits.NONE, 1024, false);
                }
                assertThat(file.state()).as("step %d", step).isEqualTo(model.state());
            }
            StreamState st = model.state();
            for (long q = st.firstSeq(); q <= st.lastSeq(); q++) {
                StoredMessage want = model.load(q);
                StoredMessage got = file.load(q);
                if (want == null) {
                    assertThat(got).as("seq %d", q).isNull();
                } else {
                    assertThat(got.subject()).isEqualTo(want.subject());
                    assertThat(got.data()).isEqualTo(want.data());
                }
            }
        } finally {
            file.close();
            crashed.forEach(FileStore::close);
        }
    }
}
