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
    /** The streams without the lock, for the writers' limit checks; replaced on every change. */
    private volatile List<JsStream> live = List.of();
    private volatile io.jnatsd.account.JetStreamAccountLimits limits =
            io.jnatsd.account.JetStreamAccountLimits.UNLIMITED;
    private JsResources resources;

    AccountStreams(Account<ClientConnection> account, Path jetstreamDir) {
        this.account = account;
        this.dir = jetstreamDir.resolve(account.name()).resolve("streams");
    }

    Account<ClientConnection> account() {
        return account;
    }

    /** The account's limits and the server's resource checks; before {@link #load}. */
    void limits(io.jnatsd.account.JetStreamAccountLimits l, JsResources r) {
        limits = l;
        resources = r;
    }

    io.jnatsd.account.JetStreamAccountLimits limits() {
        return limits;
    }

    List<JsStream> liveStreams() {
        return live;
    }

    private void changed() {
        live = List.copyOf(streams.values());
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
        changed();
        if (!streams.isEmpty()) {
            LOG.info("Restored {} stream(s) for account \"{}\"", streams.size(), account.name());
        }
    }

    private JsStream open(StreamConfig c, long created) {
        StreamStore store = c.memory() ? new MemoryStore(c.limits())
                : new FileStore(dir.resolve(c.name()).resolve("msgs"), c.limits(), FileStore.DEFAULT_SEGMENT_BYTES,
                        syncAlways());
        JsStream s = new JsStream(account, c, created, store);
        if (resources != null) {
            JsServerLimits server = resources.server();
            s.guard((memory, size) -> resources.checkStore(this, memory, size));
            if (!c.memory() && !server.syncAlways) {
                s.syncEvery(server.syncInterval);
            }
        }
        return s;
    }

    private boolean syncAlways() {
        return resources != null && resources.server().syncAlways;
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
        checkOverlap(c);
        if (resources != null) {
            resources.checkCreate(this, c, null);
        }
        long now = JsStream.now();
        writeMeta(c, now);
        JsStream s = open(c, now);
        if (c.extras().firstSeq() > 1) {
            s.store().startAt(c.extras().firstSeq());
        }
        streams.put(c.name(), s);
        changed();
        StreamAdvisories.publish(account, "CREATED", "create", c.name());
        created[0] = true;
        return s;
    }

    /** 10065 when {@code c}'s subjects overlap those of another stream of the account. */
    private void checkOverlap(StreamConfig c) {
        for (JsStream other : streams.values()) {
            if (other.config().name().equals(c.name())) {
                continue;
            }
            for (String a : other.config().subjects()) {
                for (String b : c.subjects()) {
                    if (SubjectOverlap.overlaps(a, b)) {
                        throw new JsException(JsError.SUBJECTS_OVERLAP);
                    }
                }
            }
        }
    }

    synchronized JsStream update(StreamConfig c) {
        JsStream s = streams.get(c.name());
        if (s == null) {
            throw new JsException(JsError.STREAM_NOT_FOUND);
        }
        if (!s.config().storage().equals(c.storage())) {
            throw new JsException(new JsError(500, 10052, "stream configuration update can not change storage type"));
        }
        if (!java.util.Objects.equals(s.config().extras().republish(), c.extras().republish())) {
            throw new JsException(new JsError(500, 10052, "stream configuration update can not change RePublish"));
        }
        if (!java.util.Objects.equals(s.config().origins().mirror(), c.origins().mirror())) {
            throw new JsException(new JsError(400, 10055, "stream mirror configuration can not be updated"));
        }
        boolean newSubjects = !s.config().subjects().equals(c.subjects());
        if (newSubjects) {
            checkOverlap(c);
        }
        if (resources != null) {
            resources.checkCreate(this, c, s);
        }
        writeMeta(c, s.createdNanos());
        s.update(c);
        if (newSubjects) {
            s.resubscribe();
        }
        StreamAdvisories.publish(account, "UPDATED", "modify", c.name());
        return s;
    }

    synchronized boolean delete(String name) {
        JsStream s = streams.remove(name);
        if (s == null) {
            return false;
        }
        changed();
        s.stop();
        s.store().close();
        deleteTree(dir.resolve(name));
        StreamAdvisories.publish(account, "DELETED", "delete", name);
        return true;
    }

    synchronized void close() {
        for (JsStream s : streams.values()) {
            s.stop();
            s.store().close();
        }
        streams.clear();
        changed();
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
