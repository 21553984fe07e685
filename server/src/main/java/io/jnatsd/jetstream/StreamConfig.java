package io.jnatsd.jetstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.jetstream.store.StoreLimits;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A stream's configuration with nats-server 2.9.10's defaults filled in, written back in its field order (the
 * order clients and tools see in STREAM.INFO). Fields jnatsd does not act on yet are refused rather than silently
 * ignored when they would change behaviour. Mirror and sources: {@link io.jnatsd.jetstream.mirror.Origins}.
 */
record StreamConfig(String name, String description, List<String> subjects, String retention, long maxConsumers,
        long maxMsgs, long maxBytes, long maxAgeNanos, long maxMsgsPerSubject, int maxMsgSize, String discard,
        String storage, int replicas, long duplicateWindowNanos, boolean allowDirect, boolean mirrorDirect,
        boolean sealed, boolean denyDelete, boolean denyPurge, boolean allowRollup, StreamExtras extras,
        io.jnatsd.jetstream.mirror.Origins origins) {
    static final long DEFAULT_DUPLICATE_WINDOW = Duration.ofMinutes(2).toNanos();

    /** Reads a request's config; throws {@link JsException} with nats-server's error for bad values. */
    static StreamConfig parse(JsonNode n) {
        String name = n.path("name").asText("");
        List<String> subjects = new ArrayList<>();
        n.path("subjects").forEach(s -> subjects.add(s.asText()));
        var origins = io.jnatsd.jetstream.mirror.Origins.parse(n); // mirrors and sources: jetstream/mirror
        var refusal = origins.check(name, !subjects.isEmpty());
        if (refusal != null) {
            throw new JsException(new JsError(refusal.code(), refusal.errCode(), refusal.description()));
        }
        if (subjects.isEmpty() && !name.isEmpty() && !origins.any()) {
            subjects.add(name); // nats-server: a stream without subjects listens on its name
        }
        String retention = n.path("retention").asText("limits");
        if (!retention.equals("limits") && !retention.equals("interest") && !retention.equals("workqueue")) {
            throw new JsException(JsError.INVALID_JSON); // consumers remove acked messages (jetstream/consumer)
        }
        String discard = n.path("discard").asText("old");
        String storage = n.path("storage").asText("file");
        if (!discard.equals("old") && !discard.equals("new")) {
            throw new JsException(JsError.INVALID_JSON);
        }
        if (!storage.equals("file") && !storage.equals("memory")) {
            throw new JsException(JsError.INVALID_JSON);
        }
        long window = n.path("duplicate_window").asLong(0);
        return new StreamConfig(name, n.hasNonNull("description") ? n.get("description").asText() : null,
                List.copyOf(subjects), retention, n.path("max_consumers").asLong(-1), n.path("max_msgs").asLong(-1),
                n.path("max_bytes").asLong(-1), n.path("max_age").asLong(0),
                n.path("max_msgs_per_subject").asLong(-1), n.path("max_msg_size").asInt(-1), discard, storage,
                Math.max(1, n.path("num_replicas").asInt(1)), window > 0 ? window : DEFAULT_DUPLICATE_WINDOW,
                n.path("allow_direct").asBoolean(false), n.path("mirror_direct").asBoolean(false),
                n.path("sealed").asBoolean(false), n.path("deny_delete").asBoolean(false),
                n.path("deny_purge").asBoolean(false), n.path("allow_rollup_hdrs").asBoolean(false),
                StreamExtras.parse(n, discard.equals("new")), origins);
    }

    ObjectNode toJson() {
        ObjectNode c = JsonNodeFactory.instance.objectNode();
        c.put("name", name);
        if (description != null) {
            c.put("description", description);
        }
        if (!subjects.isEmpty()) {
            subjects.forEach(c.putArray("subjects")::add); // a mirror has none, and nats-server omits the field
        }
        c.put("retention", retention);
        c.put("max_consumers", maxConsumers);
        c.put("max_msgs", maxMsgs);
        c.put("max_bytes", maxBytes);
        c.put("max_age", maxAgeNanos);
        c.put("max_msgs_per_subject", maxMsgsPerSubject);
        c.put("max_msg_size", maxMsgSize);
        c.put("discard", discard);
        c.put("storage", storage);
        c.put("num_replicas", replicas);
        if (origins.mirror() == null) {
            c.put("duplicate_window", duplicateWindowNanos); // a mirror does not deduplicate: nats-server omits it
        }
        origins.write(c);
        extras.writeBeforeDirect(c);
        c.put("allow_direct", allowDirect);
        c.put("mirror_direct", mirrorDirect);
        extras.writeAfterDirect(c);
        c.put("sealed", sealed);
        c.put("deny_delete", denyDelete);
        c.put("deny_purge", denyPurge);
        c.put("allow_rollup_hdrs", allowRollup);
        extras.writeLast(c);
        return c;
    }

    StoreLimits limits() {
        return new StoreLimits(maxMsgs, maxBytes, Duration.ofNanos(Math.max(0, maxAgeNanos)), maxMsgsPerSubject,
                maxMsgSize, discard.equals("new"), extras.discardNewPerSubject());
    }

    boolean memory() {
        return storage.equals("memory");
    }

    /** A valid stream name: not empty, no '.', '*', '>', whitespace or path separators. */
    static boolean validName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '.' || c == '*' || c == '>' || c == '/' || c == '\\' || Character.isWhitespace(c)) {
                return false;
            }
        }
        return true;
    }
}
