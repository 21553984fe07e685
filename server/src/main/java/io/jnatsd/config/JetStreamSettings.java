package io.jnatsd.config;

import java.time.Duration;

/**
 * The JetStream limits a config file sets ({@code jetstream { max_memory_store, max_file_store, domain,
 * sync_interval }}); the enable switch and store directory are {@link ServerOptions#jetstream()} and
 * {@link ServerOptions#storeDir()}. A limit of -1 leaves the choice to the server (nats-server: 75% of RAM, 1 TB of
 * disk). {@code syncInterval}: how often stream files are forced to disk (2 minutes by default); with
 * {@code syncAlways} every stored message is.
 */
public record JetStreamSettings(long maxMemoryStore, long maxFileStore, String domain, Duration syncInterval,
        boolean syncAlways) {
    public static final Duration DEFAULT_SYNC_INTERVAL = Duration.ofMinutes(2);
    public static final JetStreamSettings DEFAULT = new JetStreamSettings(-1, -1, null);

    public JetStreamSettings(long maxMemoryStore, long maxFileStore, String domain) {
        this(maxMemoryStore, maxFileStore, domain, DEFAULT_SYNC_INTERVAL, false);
    }

    public JetStreamSettings {
        if (maxMemoryStore < -1) {
            throw new ConfigException("max_memory_store",
                    "max_memory_store: must not be negative, got " + maxMemoryStore);
        }
        if (maxFileStore < -1) {
            throw new ConfigException("max_file_store", "max_file_store: must not be negative, got " + maxFileStore);
        }
        if (syncInterval == null || syncInterval.isZero() || syncInterval.isNegative()) {
            syncInterval = DEFAULT_SYNC_INTERVAL;
        }
    }
}
