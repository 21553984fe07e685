package io.jnatsd.jetstream.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Durable consumers on disk, one directory each under the stream's {@code obs/} (as nats-server lays them out, with
 * jnatsd's own format): {@code meta.json} = config and creation time, {@code state.json} = delivered sequences, ack
 * floor, pending messages (stream seq to consumer seq) and delivery counts. Each file is replaced atomically
 * (written to a temporary file, then renamed); the state is written on the consumer thread at most every tick.
 */
final class ConsumerFiles {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerFiles.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    /** The config each consumer's meta.json was last written with: meta is rewritten only when it changes. */
    private final Map<String, ConsumerConfig> written = new HashMap<>();

    ConsumerFiles(Path obsDir) {
        this.dir = obsDir;
    }

    record Loaded(String name, ConsumerConfig config, long created, JsonNode state) {
        void restoreInto(Consumer c, long now) {
            if (state == null) {
                c.start();
                return;
            }
            Map<Long, Long> pending = new TreeMap<>();
            state.path("pending").fields().forEachRemaining(e ->
                    pending.put(Long.parseLong(e.getKey()), e.getValue().asLong()));
            Map<Long, Integer> counts = new HashMap<>();
            state.path("redelivered").fields().forEachRemaining(e ->
                    counts.put(Long.parseLong(e.getKey()), e.getValue().asInt()));
            c.restore(state.path("sseq").asLong(1), state.path("dseq").asLong(1),
                    state.path("ack_floor_stream").asLong(0), state.path("ack_floor_consumer").asLong(0), pending,
                    counts, now);
        }
    }

    List<Loaded> loadAll() {
        List<Loaded> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> list = Files.list(dir)) {
            for (Path d : list.sorted().toList()) {
                Path meta = d.resolve("meta.json");
                if (!Files.exists(meta)) {
                    continue;
                }
                try {
                    JsonNode m = JSON.readTree(meta.toFile());
                    Path state = d.resolve("state.json");
                    out.add(new Loaded(d.getFileName().toString(), ConsumerConfig.parse(m.get("config")),
                            m.path("created").asLong(), Files.exists(state) ? JSON.readTree(state.toFile()) : null));
                } catch (IOException | RuntimeException e) {
                    LOG.error("Error recreating consumer from {}: {}", d, e.toString());
                }
            }
        } catch (IOException e) {
            LOG.error("cannot list consumers in {}: {}", dir, e.toString());
        }
        return out;
    }

    void write(Consumer c) {
        Path d = dir.resolve(c.name);
        try {
            Files.createDirectories(d);
            if (!c.config().equals(written.get(c.name))) {
                ObjectNode meta = JSON.createObjectNode();
                meta.set("config", c.config().toJson());
                meta.put("created", c.createdNanos);
                replace(d.resolve("meta.json"), JSON.writeValueAsBytes(meta));
                written.put(c.name, c.config());
            }
            ObjectNode s = JSON.createObjectNode();
            s.put("sseq", c.sseq);
            s.put("dseq", c.dseq);
            s.put("ack_floor_stream", c.ackFloorStream);
            s.put("ack_floor_consumer", c.ackFloorConsumer);
            ObjectNode p = s.putObject("pending");
            c.pending.forEach((seq, v) -> p.put(Long.toString(seq), v[0]));
            ObjectNode r = s.putObject("redelivered");
            c.redelivered.forEach((seq, n) -> r.put(Long.toString(seq), n));
            replace(d.resolve("state.json"), JSON.writeValueAsBytes(s));
        } catch (IOException e) {
            LOG.error("cannot write consumer state in {}: {}", d, e.toString());
        }
    }

    private static void replace(Path target, byte[] bytes) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    void delete(String name) {
        written.remove(name);
        Path d = dir.resolve(name);
        if (!Files.exists(d)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(d)) {
            for (Path f : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            LOG.warn("could not remove {}: {}", d, e.toString());
        }
    }
}
