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
 * The cache type's limit and ttl only bound what nats-server keeps in memory; here every lookup reads the file.
 */
final class DirectoryResolver implements AccountResolver {
    private final Path dir;
    private final boolean allowDelete;
    private final boolean full;

    DirectoryResolver(ResolverSettings s) throws IOException {
        this.dir = Path.of(s.dir());
        this.allowDelete = s.allowDelete();
        this.full = s.type() == ResolverSettings.Type.FULL;
        Files.createDirectories(dir);
    }

    private Path file(String accountKey) {
        return dir.resolve(accountKey + ".jwt");
    }

    @Override
    public String fetch(String accountKey) {
        if (!validName(accountKey)) {
            return null;
        }
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
        Path tmp = dir.resolve(accountKey + ".jwt.tmp");
        Files.writeString(tmp, jwt, StandardCharsets.UTF_8);
        Files.move(tmp, file(accountKey), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public synchronized boolean delete(String accountKey) throws IOException {
        if (!allowDelete) {
            throw new IOException("delete not allowed");
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
