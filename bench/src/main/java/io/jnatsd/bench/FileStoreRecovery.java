package io.jnatsd.bench;

import io.jnatsd.jetstream.store.FileStore;
import io.jnatsd.jetstream.store.StoreLimits;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * How long a file store takes to open: writes N messages of P bytes (16 subjects, default 8 MB segments), closes
 * the store, then times opening it with its per-segment index files and with them deleted (every segment read and
 * checksummed, as before index files; that open also writes the index files of the sealed segments again). With
 * {@code removeEvery} N > 0, every Nth message is removed before the close (tombstones to replay).
 * Run: {@code java -cp bench/target/benchmarks.jar io.jnatsd.bench.FileStoreRecovery [messages] [payload] [runs]
 * [removeEvery]}.
 */
public final class FileStoreRecovery {
    private FileStoreRecovery() {
    }

    public static void main(String[] args) throws IOException {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 128;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int removeEvery = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        Path dir = Files.createTempDirectory("jnatsd-recovery");
        try {
            int live = write(dir, messages, size, removeEvery);
            for (int r = 0; r <= runs; r++) {
                String label = r == 0 ? "warm-up" : "run " + r;
                double indexed = open(dir, live);
                for (Path idx : list(dir, ".idx")) {
                    Files.delete(idx);
                }
                double scanned = open(dir, live);
                System.out.printf("%-8s open with index files %7.1f ms, without %7.1f ms (%.1fx)%n", label, indexed,
                        scanned, scanned / indexed);
            }
        } finally {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** Returns how many messages are left. */
    private static int write(Path dir, int messages, int size, int removeEvery) throws IOException {
        String[] subjects = new String[16];
        for (int i = 0; i < subjects.length; i++) {
            subjects[i] = "bench.subject." + i;
        }
        byte[] none = new byte[0];
        byte[] data = new byte[size];
        long start = System.nanoTime();
        int live = messages;
        try (FileStore s = new FileStore(dir, StoreLimits.NONE)) {
            for (int i = 0; i < messages; i++) {
                s.store(subjects[i % subjects.length], none, data, System.currentTimeMillis() * 1_000_000L);
            }
            for (long q = 1; removeEvery > 0 && q <= messages; q += removeEvery) {
                s.remove(q, false);
                live--;
            }
        }
        double ms = (System.nanoTime() - start) / 1e6;
        System.out.printf("wrote %,d messages of %d B in %.0f ms (%,.0f msgs/s, removals and close included): "
                + "%d segment files %,d B, %d index files %,d B%n", messages, size, ms, messages / ms * 1000, list(dir, ".blk").size(),
                bytes(list(dir, ".blk")), list(dir, ".idx").size(), bytes(list(dir, ".idx")));
        return live;
    }

    /** Milliseconds to open the store (recovery); checks that every message came back. */
    private static double open(Path dir, int messages) {
        long start = System.nanoTime();
        FileStore s = new FileStore(dir, StoreLimits.NONE);
        double ms = (System.nanoTime() - start) / 1e6;
        try {
            if (s.state().msgs() != messages) {
                throw new IllegalStateException("recovered " + s.state().msgs() + " messages, not " + messages);
            }
        } finally {
            s.close();
        }
        return ms;
    }

    private static List<Path> list(Path dir, String suffix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }

    private static long bytes(List<Path> files) throws IOException {
        long n = 0;
        for (Path p : files) {
            n += Files.size(p);
        }
        return n;
    }
}
