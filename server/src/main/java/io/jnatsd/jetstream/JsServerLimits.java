package io.jnatsd.jetstream;

import io.jnatsd.config.JetStreamSettings;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The server-wide JetStream limits: {@code max_memory_store} / {@code max_file_store} when configured, else
 * nats-server's dynamic choice (75% of the machine's memory, 75% of the store directory's free disk), and how the
 * stream writers sync their files.
 */
final class JsServerLimits {
    final long maxMemory;
    final long maxStore;
    /** Only configured limits are checked on every publish; the dynamic ones are too far away to matter. */
    final boolean memoryConfigured;
    final boolean storeConfigured;
    final Duration syncInterval;
    final boolean syncAlways;
    final String domain;

    JsServerLimits(JetStreamSettings s, Path storeDir) {
        memoryConfigured = s.maxMemoryStore() >= 0;
        storeConfigured = s.maxFileStore() >= 0;
        maxMemory = memoryConfigured ? s.maxMemoryStore() : dynamicMemory();
        maxStore = storeConfigured ? s.maxFileStore() : dynamicStore(storeDir);
        syncInterval = s.syncInterval();
        syncAlways = s.syncAlways();
        domain = s.domain();
    }

    private static long dynamicMemory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize() / 4 * 3;
        }
        return Runtime.getRuntime().maxMemory();
    }

    private static long dynamicStore(Path dir) {
        try {
            Files.createDirectories(dir);
            return Files.getFileStore(dir).getUsableSpace() / 4 * 3;
        } catch (java.io.IOException e) {
            return 1L << 40; // nats-server's guess when it cannot ask: 1 TB
        }
    }
}
