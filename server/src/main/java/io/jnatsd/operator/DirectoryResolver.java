package io.jnatsd.operator;

import io.jnatsd.config.ResolverSettings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code resolver { type: full | cache, dir: ... }}: account JWTs as {@code <dir>/<pubkey>.jwt} files, nats-server's
 * layout (so a directory can be shared with it). Files are written whole to a temporary name, then renamed.
 * The cache type keeps a JWT for {@code ttl} after it was stored or last read and at most {@code limit} of them
 * (least recently used evicted first), deleting the files it drops, as nats-server's cache resolver does; accounts
 * already loaded keep running.
 */
final class DirectoryResolver implements AccountResolver {
    private final Path dir;
    private final boolean allowDelete;
    private final boolean full;
    /** The cache type's ttl and limit bookkeeping (guarded by this); null for the full type. */
    private final CacheIndex cache;
    private final java.time.Duration sweepInterval;
    /** The full type's most JWT files (0: no limit); at the limit a new account is refused, as nats-server. */
    private final int fullLimit;

    DirectoryResolver(ResolverSettings s) throws IOException {
        this.dir = Path.of(s.dir());
        this.allowDelete = s.allowDelete();
        this.full = s.type() == ResolverSettings.Type.FULL;
        this.fullLimit = full ? Math.max(0, s.limit()) : 0;
        Files.createDirectories(dir);
        if (full) {
            cache = null;
            sweepInterval = null;
        } else {
            long ttl = s.ttl().toMillis();
            cache = new CacheIndex(ttl, s.limit());
            // nats-server checks for expired entries every ttl/2, at most every minute
            sweepInterval = ttl <= 0 ? null : java.time.Duration.ofMillis(Math.max(1, Math.min(ttl / 2, 60_000)));
            long now = System.currentTimeMillis();
            for (String key : new java.util.TreeSet<>(accounts())) {
                deleteFiles(cache.put(key, now));
            }
        }
    }

    private Path file(String accountKey) {
        return dir.resolve(accountKey + ".jwt");
    }

    @Override
    public String fetch(String accountKey) {
        if (!validName(accountKey)) {
            return null;
        }
        if (cache != null) {
            return fetchCached(accountKey);
        }
        return read(accountKey);
    }

    private synchronized String fetchCached(String accountKey) {
        long now = System.currentTimeMillis();
        if (cache.touch(accountKey, now)) {
            return read(accountKey);
        }
        if (cache.contains(accountKey)) { // expired
            cache.remove(accountKey);
            deleteFiles(List.of(accountKey));
            return null;
        }
        String jwt = read(accountKey); // a file put there by hand
        if (jwt != null) {
            deleteFiles(cache.put(accountKey, now));
        }
        return jwt;
    }

    private String read(String accountKey) {
        try {
            return Files.readString(file(accountKey), StandardCharsets.UTF_8).trim();
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public synchronized void store(String accountKey, String jwt) throws IOException {
        if (!validName(accountKey)) {
            throw new IOException("not an account key: " + accountKey);
        }
        if (fullLimit > 0 && !Files.exists(file(accountKey)) && accounts().size() >= fullLimit) {
            throw new IOException("jwt store is full");
        }
        Path tmp = dir.resolve(accountKey + ".jwt.tmp");
        Files.writeString(tmp, jwt, StandardCharsets.UTF_8);
        Files.move(tmp, file(accountKey), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        if (cache != null) {
            deleteFiles(cache.put(accountKey, System.currentTimeMillis()));
        }
    }

    @Override
    public java.time.Duration sweepInterval() {
        return sweepInterval;
    }

    /** The cache type: drops the JWTs whose ttl has passed. */
    @Override
    public synchronized void sweep() {
        if (cache != null) {
            deleteFiles(cache.expire(System.currentTimeMillis()));
        }
    }

    private void deleteFiles(List<String> keys) {
        for (String k : keys) {
            try {
                Files.deleteIfExists(file(k));
            } catch (IOException e) {
                // the next sweep or fetch finds it again
            }
        }
    }

    @Override
    public synchronized boolean delete(String accountKey) throws IOException {
        if (!allowDelete) {
            throw new IOException("delete not allowed");
        }
        if (cache != null) {
            cache.remove(accountKey);
        }
        return validName(accountKey) && Files.deleteIfExists(file(accountKey));
    }

    @Override
    public boolean readsFiles() {
        return true;
    }

    @Override
    public boolean acceptsUpdates() {
        return true;
    }

    @Override
    public boolean full() {
        return full;
    }

    boolean allowsDelete() {
        return allowDelete;
    }

    @Override
    public List<String> accounts() {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jwt"))
                    .forEach(n -> out.add(n.substring(0, n.length() - 4)));
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    /** Public keys only: never a path of our choosing from a request subject. */
    private static boolean validName(String key) {
        return io.jnatsd.auth.nkey.NKeys.typeOf(key) == io.jnatsd.auth.nkey.NKeyType.ACCOUNT;
    }
}
