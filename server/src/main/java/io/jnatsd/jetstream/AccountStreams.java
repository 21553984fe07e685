package io.jnatsd.jetstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.account.Account;
import io.jnatsd.client.ClientConnection;
import io.jnatsd.jetstream.store.FileStore;
import io.jnatsd.jetstream.store.MemoryStore;
import io.jnatsd.jetstream.store.StreamStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The streams of one account and where they live on disk: {@code <store_dir>/jetstream/<account>/streams/<name>/}
 * with {@code meta.json} (config and creation time) and {@code msgs/} (the file store; memory streams keep only
 * their config there and start empty after a restart, as nats-server's).
 */
final class AccountStreams {
    private static final Logger LOG = LoggerFactory.getLogger(AccountStreams.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Account<ClientConnection> account;
    private final Path dir;
    private final Map<String, JsStream> streams = new TreeMap<>();

    AccountStreams(Account<ClientConnection> account, Path jetstreamDir) {
        this.account = account;
        this.dir = jetstreamDir.resolve(account.name()).resolve("streams");
    }

    Account<ClientConnection> account() {
        return account;
    }

    /** A stream's directory (its consumers keep their state in {@code obs/} there). */
    Path streamDir(String name) {
        return dir.resolve(name);
    }

    synchronized void load() {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.sorted().toList()) {
                Path meta = p.resolve("meta.json");
                if (!Files.exists(meta)) {
                    continue;
                }
                try {
                    JsonNode m = JSON.readTree(meta.toFile());
                    StreamConfig c = StreamConfig.parse(m.get("config"));
                    streams.put(c.name(), open(c, m.path("created").asLong(JsStream.now())));
                } catch (IOException | RuntimeException e) {
                    LOG.error("Error recreating stream from {}: {}", p, e.toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!streams.isEmpty()) {
            LOG.info("Restored {} stream(s) for account \"{}\"", streams.size(), account.name());
        }
    }

    private JsStream open(StreamConfig c, long created) {
        StreamStore store = c.memory() ? new MemoryStore(c.limits())
                : new FileStore(dir.resolve(c.name()).resolve("msgs"), c.limits());
        return new JsStream(account, c, created, store);
    }

    synchronized JsStream get(String name) {
        return streams.get(name);
    }

    synchronized List<JsStream> all() {
        return List.copyOf(streams.values());
    }

    /** Creates (or finds the same) stream; {@code created[0]} tells whether it is new. */
    synchronized JsStream create(StreamConfig c, boolean[] created) {
        JsStream existing = streams.get(c.name());
        if (existing != null) {
            if (!existing.config().equals(c)) {
                throw new JsException(JsError.STREAM_NAME_IN_USE);
            }
            created[0] = false;
            return existing;
        }
        for (JsStream other : streams.values()) {
            for (String a : other.config().subjects()) {
                for (String b : c.subjects()) {
                    if (SubjectOverlap.overlaps(a, b)) {
                        throw new JsException(JsError.SUBJECTS_OVERLAP);
                    }
                }
            }
        }
        long now = JsStream.now();
        writeMeta(c, now);
        JsStream s = open(c, now);
        streams.put(c.name(), s);
        created[0] = true;
        return s;
    }

    synchronized JsStream update(StreamConfig c) {
        JsStream s = streams.get(c.name());
        if (s == null) {
            throw new JsException(JsError.STREAM_NOT_FOUND);
        }
        if (!s.config().subjects().equals(c.subjects()) || !s.config().storage().equals(c.storage())) {
            throw new JsException(JsError.BAD_REQUEST.withDescription(
                    "stream configuration update can not change subjects or storage in jnatsd yet"));
        }
        writeMeta(c, s.createdNanos());
        s.update(c);
        return s;
    }

    synchronized boolean delete(String name) {
        JsStream s = streams.remove(name);
        if (s == null) {
            return false;
        }
        s.stop();
        s.store().close();
        deleteTree(dir.resolve(name));
        return true;
    }

    synchronized void close() {
        for (JsStream s : streams.values()) {
            s.stop();
            s.store().close();
        }
        streams.clear();
    }

    private void writeMeta(StreamConfig c, long created) {
        ObjectNode m = JSON.createObjectNode();
        m.set("config", c.toJson());
        m.put("created", created);
        Path d = dir.resolve(c.name());
        try {
            Files.createDirectories(d);
            Path tmp = d.resolve("meta.json.tmp");
            Files.write(tmp, JSON.writeValueAsBytes(m));
            Files.move(tmp, d.resolve("meta.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write stream meta in " + d, e);
        }
    }

    private static void deleteTree(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path f : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            LOG.warn("could not remove {}: {}", p, e.toString());
        }
    }
}
