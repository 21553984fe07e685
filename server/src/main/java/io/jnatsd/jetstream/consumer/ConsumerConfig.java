package io.jnatsd.jetstream.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.jetstream.JsError;
import io.jnatsd.jetstream.JsException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A consumer's configuration with nats-server 2.9.10's defaults applied, written back in its field order and with
 * its omissions (ack_wait and max_ack_pending only with acks, max_waiting only for pull, inactive_threshold only for
 * ephemerals).
 */
public record ConsumerConfig(String durable, String name, String description, String deliverPolicy, long optStartSeq,
        String optStartTime, String ackPolicy, long ackWaitNanos, long maxDeliver, List<Long> backoff,
        String filterSubject, List<String> filterSubjects, String replayPolicy, long rateLimitBps, String sampleFreq,
        long maxWaiting, long maxAckPending, long idleHeartbeatNanos, boolean flowControl, boolean headersOnly,
        long maxBatch, long maxExpiresNanos, long maxBytes, String deliverSubject, String deliverGroup,
        long inactiveThresholdNanos, int replicas, boolean memStorage) {
    static final long DEFAULT_ACK_WAIT = 30_000_000_000L;
    static final long DEFAULT_INACTIVE = 5_000_000_000L;

    static ConsumerConfig parse(JsonNode n) {
        String durable = text(n, "durable_name");
        String name = text(n, "name");
        String ack = n.path("ack_policy").asText("none");
        if (!ack.equals("none") && !ack.equals("all") && !ack.equals("explicit")) {
            throw new JsException(new JsError(400, 10025, "invalid JSON"));
        }
        String deliver = n.path("deliver_policy").asText("all");
        switch (deliver) {
            case "all", "last", "new", "by_start_sequence", "by_start_time", "last_per_subject" -> { }
            default -> throw new JsException(new JsError(400, 10025, "invalid JSON"));
        }
        String replay = n.path("replay_policy").asText("instant");
        String deliverSubject = text(n, "deliver_subject");
        boolean pull = deliverSubject == null;
        boolean acks = !ack.equals("none");
        List<Long> backoff = new ArrayList<>();
        n.path("backoff").forEach(b -> backoff.add(b.asLong()));
        List<String> filters = new ArrayList<>();
        n.path("filter_subjects").forEach(f -> filters.add(f.asText()));
        long ackWait = n.path("ack_wait").asLong(0);
        long maxDeliver = n.path("max_deliver").asLong(0);
        long maxWaiting = n.path("max_waiting").asLong(0);
        long maxAckPending = n.path("max_ack_pending").asLong(0);
        long inactive = n.path("inactive_threshold").asLong(0);
        boolean ephemeral = durable == null;
        return new ConsumerConfig(durable, name, text(n, "description"), deliver, n.path("opt_start_seq").asLong(0),
                text(n, "opt_start_time"), ack,
                ackWait > 0 ? ackWait : (!backoff.isEmpty() ? backoff.get(0) : DEFAULT_ACK_WAIT),
                maxDeliver == 0 ? -1 : maxDeliver, List.copyOf(backoff), text(n, "filter_subject"),
                List.copyOf(filters), replay, n.path("rate_limit_bps").asLong(0), text(n, "sample_freq"),
                pull && maxWaiting == 0 ? 512 : maxWaiting, acks && maxAckPending == 0 ? 1000 : maxAckPending,
                n.path("idle_heartbeat").asLong(0), n.path("flow_control").asBoolean(false),
                n.path("headers_only").asBoolean(false), n.path("max_batch").asLong(0),
                n.path("max_expires").asLong(0), n.path("max_bytes").asLong(0), deliverSubject,
                text(n, "deliver_group"), ephemeral && inactive == 0 ? DEFAULT_INACTIVE : inactive,
                n.path("num_replicas").asInt(0), n.path("mem_storage").asBoolean(false));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() || v.asText().isEmpty() ? null : v.asText();
    }

    ConsumerConfig withName(String n) {
        return new ConsumerConfig(durable, n, description, deliverPolicy, optStartSeq, optStartTime, ackPolicy,
                ackWaitNanos, maxDeliver, backoff, filterSubject, filterSubjects, replayPolicy, rateLimitBps,
                sampleFreq, maxWaiting, maxAckPending, idleHeartbeatNanos, flowControl, headersOnly, maxBatch,
                maxExpiresNanos, maxBytes, deliverSubject, deliverGroup, inactiveThresholdNanos, replicas,
                memStorage);
    }

    ObjectNode toJson() {
        ObjectNode c = JsonNodeFactory.instance.objectNode();
        putText(c, "durable_name", durable);
        putText(c, "name", name);
        putText(c, "description", description);
        c.put("deliver_policy", deliverPolicy);
        if (optStartSeq > 0) {
            c.put("opt_start_seq", optStartSeq);
        }
        putText(c, "opt_start_time", optStartTime);
        c.put("ack_policy", ackPolicy);
        if (acks()) {
            c.put("ack_wait", ackWaitNanos);
        }
        c.put("max_deliver", maxDeliver);
        if (!backoff.isEmpty()) {
            backoff.forEach(c.putArray("backoff")::add);
        }
        putText(c, "filter_subject", filterSubject);
        if (!filterSubjects.isEmpty()) {
            filterSubjects.forEach(c.putArray("filter_subjects")::add);
        }
        c.put("replay_policy", replayPolicy);
        if (rateLimitBps > 0) {
            c.put("rate_limit_bps", rateLimitBps);
        }
        putText(c, "sample_freq", sampleFreq);
        if (maxWaiting > 0) {
            c.put("max_waiting", maxWaiting);
        }
        if (maxAckPending > 0) {
            c.put("max_ack_pending", maxAckPending);
        }
        if (idleHeartbeatNanos > 0) {
            c.put("idle_heartbeat", idleHeartbeatNanos);
        }
        if (flowControl) {
            c.put("flow_control", true);
        }
        if (headersOnly) {
            c.put("headers_only", true);
        }
        if (maxBatch > 0) {
            c.put("max_batch", maxBatch);
        }
        if (maxExpiresNanos > 0) {
            c.put("max_expires", maxExpiresNanos);
        }
        if (maxBytes > 0) {
            c.put("max_bytes", maxBytes);
        }
        putText(c, "deliver_subject", deliverSubject);
        putText(c, "deliver_group", deliverGroup);
        if (inactiveThresholdNanos > 0) {
            c.put("inactive_threshold", inactiveThresholdNanos);
        }
        c.put("num_replicas", replicas);
        if (memStorage) {
            c.put("mem_storage", true);
        }
        return c;
    }

    private static void putText(ObjectNode c, String field, String v) {
        if (v != null) {
            c.put(field, v);
        }
    }

    boolean acks() {
        return !ackPolicy.equals("none");
    }

    boolean pull() {
        return deliverSubject == null;
    }

    boolean durableConsumer() {
        return durable != null;
    }

    /** The filters as a list: filter_subjects, else filter_subject, else empty (everything). */
    List<String> filters() {
        if (!filterSubjects.isEmpty()) {
            return filterSubjects;
        }
        return filterSubject == null ? List.of() : List.of(filterSubject);
    }

    long optStartTimeNanos() {
        if (optStartTime == null) {
            return 0;
        }
        Instant i = Instant.parse(optStartTime);
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }
}
