package io.jnatsd.jetstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.client.InternalPublisher;
import io.jnatsd.jetstream.store.StoredMessage;

import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The JetStream JSON API on {@code $JS.API.>} for one account (consumer requests go to {@code ConsumerApi}), with nats-server 2.9.10's response
 * shapes and errors: INFO, STREAM.CREATE / UPDATE / INFO / DELETE / NAMES / LIST / PURGE / MSG.GET / MSG.DELETE.
 * Runs on JetStream's API thread.
 */
final class JsApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "$JS.API.";

    private final AccountStreams streams;
    private final JsConsumers consumers;
    private final io.jnatsd.jetstream.consumer.ConsumerApi consumerApi;
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private ApiAudit audit;
    /** The calling client's RTT, for the audit event (API thread only). */
    private long rtt;

    JsApi(AccountStreams streams, JsConsumers consumers) {
        this.streams = streams;
        this.consumers = consumers;
        this.consumerApi = new io.jnatsd.jetstream.consumer.ConsumerApi(consumers::of);
    }

    /** Sends $JS.EVENT.ADVISORY.API events after each reply. */
    void audit(ApiAudit a) {
        audit = a;
    }

    /** {@link #handle(String, String, byte[])} for a client whose RTT the audit event reports. */
    void handle(String subject, String reply, byte[] body, long clientRttNanos) {
        rtt = clientRttNanos;
        handle(subject, reply, body);
    }

    void handle(String subject, String reply, byte[] body) {
        if (reply == null || !subject.startsWith(PREFIX)) {
            return;
        }
        total.incrementAndGet();
        String op = subject.substring(PREFIX.length());
        String[] t = op.split("\\.");
        if (t.length >= 3 && t[0].equals("DIRECT") && t[1].equals("GET")) {
            directGet(t, op, reply, body);
            return;
        }
        if (io.jnatsd.jetstream.consumer.ConsumerApi.isPull(t)) {
            consumerApi.pull(t, reply, body); // consumers: answered with messages or statuses
            return;
        }
        String type = responseType(t);
        ObjectNode r = JSON.createObjectNode();
        r.put("type", "io.nats.jetstream.api.v1." + type);
        try {
            JsonNode req = parse(body);
            RequestShape.check(t, req);
            switch (t[0]) {
                case "INFO" -> accountInfo(r);
                case "STREAM" -> stream(t, req, r);
                case "CONSUMER" -> consumerApi.handle(t, req, r); // consumers: io.jnatsd.jetstream.consumer
                default -> throw new JsException(JsError.BAD_REQUEST.withDescription(
                        "this JetStream API is not supported by jnatsd yet"));
            }
        } catch (RuntimeException e) { // JsException: the request's error; anything else: a bug
            JsError error;
            if (e instanceof JsException j) {
                error = j.error;
            } else {
                // A bug, not the request: still answered (as nats-server's general failure), never left to time out.
                org.slf4j.LoggerFactory.getLogger(JsApi.class).error("JetStream API {} failed", subject, e);
                error = new JsError(500, 10051, "unexpected error: " + e);
            }
            errors.incrementAndGet();
            ObjectNode err = JSON.createObjectNode();
            err.put("code", error.code());
            err.put("err_code", error.errCode());
            err.put("description", error.description());
            r.removeAll();
            r.put("type", "io.nats.jetstream.api.v1." + type);
            r.set("error", err);
            if (type.equals("stream_info_response")) {
                r.put("total", 0);
                r.put("offset", 0);
                r.put("limit", 0);
            } else if (type.equals("stream_purge_response")) {
                r.put("purged", 0); // not omitempty in nats-server's response struct
            }
        }
        byte[] response;
        try {
            response = JSON.writeValueAsBytes(r);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        InternalPublisher.publish(streams.account(), reply, null, response);
        if (audit != null) {
            audit.publish(streams.account(), subject, body, response, rtt);
        }
    }

    long apiTotal() {
        return total.get();
    }

    long apiErrors() {
        return errors.get();
    }

    /** The reply of an account without JetStream on a server with it: 503/10039 in the request's response type. */
    static void notEnabled(io.jnatsd.account.Account<io.jnatsd.client.ClientConnection> account, String subject,
            String reply) {
        if (reply == null || !subject.startsWith(PREFIX)) {
            return;
        }
        String[] t = subject.substring(PREFIX.length()).split("\\.");
        ObjectNode r = JSON.createObjectNode();
        r.put("type", "io.nats.jetstream.api.v1." + responseType(t));
        ObjectNode err = r.putObject("error");
        err.put("code", 503);
        err.put("err_code", 10039);
        err.put("description", "JetStream not enabled for account");
        try {
            InternalPublisher.publish(account, reply, null, JSON.writeValueAsBytes(r));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String responseType(String[] t) {
        if (t[0].equals("INFO")) {
            return "account_info_response";
        }
        if (t[0].equals("CONSUMER")) {
            return io.jnatsd.jetstream.consumer.ConsumerApi.responseType(t);
        }
        if (t[0].equals("STREAM") && t.length > 1) {
            return switch (t[1]) {
                case "MSG" -> t.length > 2 && t[2].equals("DELETE") ? "stream_msg_delete_response"
                        : "stream_msg_get_response";
                default -> "stream_" + t[1].toLowerCase(java.util.Locale.ROOT) + "_response";
            };
        }
        return "error_response";
    }

    private static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode n = JSON.readTree(body);
            if (n == null || !n.isObject()) {
                throw new JsException(JsError.INVALID_JSON);
            }
            return n;
        } catch (IOException e) {
            throw new JsException(JsError.INVALID_JSON);
        }
    }

    private void accountInfo(ObjectNode r) {
        long memory = 0;
        long storage = 0;
        for (JsStream s : streams.all()) {
            long b = s.store().state().bytes();
            if (s.config().memory()) {
                memory += b;
            } else {
                storage += b;
            }
        }
        r.put("memory", memory);
        r.put("storage", storage);
        r.put("streams", streams.all().size());
        r.put("consumers", consumers.total());
        io.jnatsd.account.JetStreamAccountLimits limits = streams.limits();
        ObjectNode l = r.putObject("limits");
        l.put("max_memory", limits.maxMemory());
        l.put("max_storage", limits.maxStore());
        l.put("max_streams", limits.maxStreams());
        l.put("max_consumers", limits.maxConsumers());
        l.put("max_ack_pending", -1);
        l.put("memory_max_stream_bytes", -1);
        l.put("storage_max_stream_bytes", -1);
        l.put("max_bytes_required", false);
        ObjectNode api = r.putObject("api");
        api.put("total", total.get());
        api.put("errors", errors.get());
    }

    private void stream(String[] t, JsonNode req, ObjectNode r) {
        String op = t.length > 1 ? t[1] : "";
        switch (op) {
            case "NAMES" -> names(req, r);
            case "LIST" -> list(req, r);
            case "CREATE", "UPDATE" -> {
                String name = nameIn(t, 2);
                JsonNode cfg = req;
                String bodyName = cfg.path("name").asText("");
                if (!bodyName.isEmpty() && !bodyName.equals(name)) {
                    throw new JsException(JsError.NAME_MISMATCH);
                }
                ((ObjectNode) cfg).put("name", name);
                if (!StreamConfig.validName(name)) {
                    throw new JsException(JsError.INVALID_NAME);
                }
                StreamConfig c = StreamConfig.parse(cfg);
                JsStream s;
                if (op.equals("CREATE")) {
                    boolean[] created = new boolean[1];
                    s = streams.create(c, created);
                    consumers.streamCreated(s);
                    info(s, r, null);
                    r.remove("mirror"); // nats-server's create reply has no mirror / sources state yet
                    r.remove("sources");
                    r.put("did_create", created[0]);
                } else {
                    s = streams.update(c);
                    info(s, r, null);
                }
            }
            case "INFO" -> {
                JsStream s = stream(nameIn(t, 2));
                r.put("total", 0);
                r.put("offset", 0);
                r.put("limit", 0);
                info(s, r, req.hasNonNull("subjects_filter") ? req.get("subjects_filter").asText() : null);
                if (req.path("deleted_details").asBoolean(false)) {
                    deletedDetails(s, (ObjectNode) r.get("state"));
                }
            }
            case "DELETE" -> {
                consumers.streamDeleting(nameIn(t, 2));
                if (!streams.delete(nameIn(t, 2))) {
                    throw new JsException(JsError.STREAM_NOT_FOUND);
                }
                r.put("success", true);
            }
            case "PURGE" -> {
                JsStream s = stream(nameIn(t, 2));
                if (s.config().sealed()) {
                    throw new JsException(JsError.SEALED);
                }
                if (s.config().denyPurge()) {
                    throw new JsException(JsError.PURGE_DENIED);
                }
                s.drain();
                String filter = req.hasNonNull("filter") ? req.get("filter").asText() : null;
                long purged = s.store().purge(filter, req.path("seq").asLong(0), req.path("keep").asLong(0));
                r.put("success", true);
                r.put("purged", purged);
            }
            case "MSG" -> {
                String what = t.length > 2 ? t[2] : "";
                JsStream s = stream(nameIn(t, 3));
                s.drain();
                if (what.equals("GET")) {
                    msgGet(s, req, r);
                } else if (what.equals("DELETE")) {
                    if (s.config().sealed()) {
                        throw new JsException(JsError.SEALED);
                    }
                    if (s.config().denyDelete()) {
                        throw new JsException(JsError.MSG_DELETE_DENIED);
                    }
                    boolean erase = !req.path("no_erase").asBoolean(false);
                    if (!s.store().remove(req.path("seq").asLong(0), erase)) {
                        throw new JsException(new JsError(500, 10057, "no message found"));
                    }
                    r.put("success", true);
                } else {
                    throw new JsException(JsError.BAD_REQUEST);
                }
            }
            default -> throw new JsException(JsError.BAD_REQUEST.withDescription(
                    "this JetStream API is not supported by jnatsd yet"));
        }
    }

    private static String nameIn(String[] t, int i) {
        if (t.length <= i) {
            throw new JsException(JsError.BAD_REQUEST);
        }
        return t[i];
    }

    private JsStream stream(String name) {
        JsStream s = streams.get(name);
        if (s == null) {
            throw new JsException(JsError.STREAM_NOT_FOUND);
        }
        return s;
    }

    private void info(JsStream s, ObjectNode r, String subjectsFilter) {
        s.drain();
        r.set("config", s.config().toJson());
        r.put("created", JsTime.format(s.createdNanos()));
        ObjectNode state = s.stateJson();
        if (subjectsFilter != null) {
            ObjectNode subjects = state.putObject("subjects");
            s.store().subjects(subjectsFilter).forEach(subjects::put);
        }
        state.put("consumer_count", consumers.count(s));
        r.set("state", state);
        s.feeds().writeInfo(r); // mirror / sources state (jetstream/mirror)
    }

    /** STREAM.INFO {@code deleted_details}: the removed sequences, after num_deleted as nats-server orders it. */
    private static void deletedDetails(JsStream s, ObjectNode state) {
        List<Long> deleted = s.store().deletedSequences();
        if (deleted.isEmpty()) {
            return;
        }
        JsonNode consumers = state.remove("consumer_count");
        deleted.forEach(state.putArray("deleted")::add);
        if (consumers != null) {
            state.set("consumer_count", consumers);
        }
    }

    private void names(JsonNode req, ObjectNode r) {
        String filter = req.hasNonNull("subject") ? req.get("subject").asText() : null;
        ApiPage.write(r, req, "streams", ApiPage.NAMES, filtered(filter), (a, s) -> a.add(s.config().name()));
    }

    private void list(JsonNode req, ObjectNode r) {
        String filter = req.hasNonNull("subject") ? req.get("subject").asText() : null;
        ApiPage.write(r, req, "streams", ApiPage.LIST, filtered(filter), (a, s) -> info(s, a.addObject(), null));
    }

    private List<JsStream> filtered(String subject) {
        if (subject == null || subject.isEmpty()) {
            return streams.all();
        }
        return streams.all().stream()
                .filter(s -> s.config().subjects().stream().anyMatch(x -> SubjectOverlap.overlaps(x, subject)))
                .toList();
    }

    private static void msgGet(JsStream s, JsonNode req, ObjectNode r) {
        StoredMessage m;
        if (req.hasNonNull("last_by_subj")) {
            m = s.store().loadLastBySubject(req.get("last_by_subj").asText());
        } else if (req.hasNonNull("next_by_subj")) {
            m = s.store().loadNextMatching(req.get("next_by_subj").asText(), req.path("seq").asLong(0));
        } else if (req.has("seq")) {
            m = s.store().load(req.get("seq").asLong());
        } else {
            throw new JsException(JsError.BAD_REQUEST);
        }
        if (m == null) {
            throw new JsException(JsError.NO_MESSAGE);
        }
        ObjectNode msg = r.putObject("message");
        msg.put("subject", m.subject());
        msg.put("seq", m.seq());
        if (m.headers().length > 0) {
            msg.put("hdrs", Base64.getEncoder().encodeToString(m.headers()));
        }
        if (m.data().length > 0) {
            msg.put("data", Base64.getEncoder().encodeToString(m.data()));
        }
        msg.put("time", JsTime.format(m.timestampNanos()));
    }

    /**
     * DIRECT.GET on a stream with allow_direct: the stored message itself as the reply, with Nats-Stream,
     * Nats-Subject, Nats-Sequence and Nats-Time-Stamp added to its headers; {@code 404 Message Not Found} or
     * {@code 408 Bad Request} as a status otherwise, as nats-server 2.9.10 answers.
     */
    private void directGet(String[] t, String op, String reply, byte[] body) {
        JsStream s = streams.get(t[2]);
        if (s == null || !s.config().allowDirect()) {
            s = mirrorDirect(t[2]);
        }
        if (s == null) {
            return; // nats-server only listens for streams with allow_direct (and their mirror_direct mirrors)
        }
        s.drain();
        StoredMessage m;
        if (t.length > 3) {
            // $JS.API.DIRECT.GET.<stream>.<subject...>: the last message on that subject
            String prefix = "DIRECT.GET." + t[2] + ".";
            m = s.store().loadLastBySubject(op.substring(prefix.length()));
        } else {
            JsonNode req;
            try {
                req = body.length == 0 ? null : JSON.readTree(body);
            } catch (IOException e) {
                req = null;
            }
            if (req == null || !req.isObject()) {
                status(reply, body.length == 0 ? "408 Empty Request" : "408 Bad Request");
                return;
            }
            if (DirectBatch.isBatch(req)) {
                DirectBatch.reply(streams.account(), s, req, reply);
                return;
            }
            if (req.hasNonNull("last_by_subj")) {
                m = s.store().loadLastBySubject(req.get("last_by_subj").asText());
            } else if (req.hasNonNull("next_by_subj")) {
                m = s.store().loadNextMatching(req.get("next_by_subj").asText(), req.path("seq").asLong(0));
            } else if (req.has("seq")) {
                m = s.store().load(req.get("seq").asLong());
            } else {
                status(reply, "408 Bad Request");
                return;
            }
        }
        if (m == null) {
            status(reply, "404 Message Not Found");
            return;
        }
        String stored = m.headers().length == 0 ? "NATS/1.0\r\n"
                : new String(m.headers(), 0, m.headers().length - 2, java.nio.charset.StandardCharsets.UTF_8);
        String headers = stored + "Nats-Stream: " + s.config().name() + "\r\nNats-Subject: " + m.subject()
                + "\r\nNats-Sequence: " + m.seq() + "\r\nNats-Time-Stamp: " + JsTime.format(m.timestampNanos())
                + "\r\n\r\n";
        InternalPublisher.publish(streams.account(), reply, null,
                headers.getBytes(java.nio.charset.StandardCharsets.UTF_8), m.data());
    }

    /** A mirror of {@code origin} with allow_direct and mirror_direct answers the origin's direct gets. */
    private JsStream mirrorDirect(String origin) {
        for (JsStream m : streams.all()) {
            var mirror = m.config().origins().mirror();
            if (mirror != null && m.config().mirrorDirect() && m.config().allowDirect()
                    && mirror.apiPrefix() == null && mirror.name().equals(origin)) {
                return m;
            }
        }
        return null;
    }

    private void status(String reply, String status) {
        InternalPublisher.publish(streams.account(), reply, null,
                ("NATS/1.0 " + status + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8),
                new byte[0]);
    }
}
