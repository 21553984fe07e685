package io.jnatsd.operator;

import io.jnatsd.config.ResolverSettings;

import java.io.IOException;
import java.util.List;

/** Where operator mode finds account JWTs by account public key. Implementations are thread-safe. */
public interface AccountResolver {
    /** The account's JWT, or null when this resolver does not have it. */
    String fetch(String accountKey);

    /** Keeps a (newer) account JWT, e.g. pushed over the system account. */
    void store(String accountKey, String jwt) throws IOException;

    /** Forgets the account; false when there was nothing to delete. */
    boolean delete(String accountKey) throws IOException;

    /** Whether JWT updates may be pushed to this resolver over the system account. */
    boolean acceptsUpdates();

    /** Whether a fetch reads files (then a login needing it is checked off the event loop). */
    default boolean readsFiles() {
        return false;
    }

    /** Whether this is a full resolver (every account JWT kept): it answers claim LIST and PACK requests. */
    default boolean full() {
        return false;
    }

    /** How often {@link #sweep} should run (a cache's ttl); null when it never needs to. */
    default java.time.Duration sweepInterval() {
        return null;
    }

    /** Drops what has outlived its time (a cache's ttl). */
    default void sweep() {
    }

    /** The public keys of the accounts this resolver holds. */
    List<String> accounts();

    /** The resolver for these settings, with the preloaded JWTs in it. */
    static AccountResolver of(ResolverSettings s) throws IOException {
        AccountResolver r = s.directory() ? new DirectoryResolver(s) : new MemoryResolver();
        for (var e : s.preload().entrySet()) {
            if (r.fetch(e.getKey()) == null || !s.directory()) {
                r.store(e.getKey(), e.getValue());
            }
        }
        return r;
    }
}
