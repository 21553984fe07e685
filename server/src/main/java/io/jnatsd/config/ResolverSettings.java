package io.jnatsd.config;

import java.time.Duration;
import java.util.Map;

/**
 * Where account JWTs come from in operator mode: {@code resolver: MEMORY} (only {@code resolver_preload}), or a
 * directory of {@code <pubkey>.jwt} files ({@code type: full} keeps every account, {@code type: cache} a bounded
 * number for {@code ttl}). {@code preload} maps account public keys to their JWTs for every type.
 */
public record ResolverSettings(Type type, String dir, boolean allowDelete, Duration interval, int limit,
        Duration timeout, Duration ttl, Map<String, String> preload) {
    public enum Type { MEMORY, FULL, CACHE }

    /** nats-server's defaults: dir ".", interval 2m, limit 1000 (full: unlimited), timeout 1.9s, ttl 2m. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(2);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(1900);
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(2);
    public static final int DEFAULT_CACHE_LIMIT = 1000;

    public ResolverSettings {
        preload = Map.copyOf(preload);
    }

    public static ResolverSettings memory(Map<String, String> preload) {
        return new ResolverSettings(Type.MEMORY, null, false, DEFAULT_INTERVAL, 0, DEFAULT_TIMEOUT, DEFAULT_TTL,
                preload);
    }

    public ResolverSettings withPreload(Map<String, String> p) {
        return new ResolverSettings(type, dir, allowDelete, interval, limit, timeout, ttl, p);
    }

    /** Whether account JWTs live as files in {@link #dir} and updates are accepted over the system account. */
    public boolean directory() {
        return type != Type.MEMORY;
    }
}
