package io.jnatsd.config;

/**
 * The JetStream limits a config file sets ({@code jetstream { max_memory_store, max_file_store, domain }}); the
 * enable switch and store directory are {@link ServerOptions#jetstream()} and {@link ServerOptions#storeDir()}.
 * A limit of -1 leaves the choice to the server (nats-server: 75% of RAM, 1 TB of disk).
 */
public record JetStreamSettings(long maxMemoryStore, long maxFileStore, String domain) {
    public static final JetStreamSettings DEFAULT = new JetStreamSettings(-1, -1, null);

    public JetStreamSettings {
        if (maxMemoryStore < -1) {
            throw new ConfigException("max_memory_store",
                    "max_memory_store: must not be negative, got " + maxMemoryStore);
        }
        if (maxFileStore < -1) {
            throw new ConfigException("max_file_store", "max_file_store: must not be negative, got " + maxFileStore);
        }
    }
}
