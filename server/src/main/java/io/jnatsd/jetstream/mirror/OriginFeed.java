package io.jnatsd.jetstream.mirror;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.account.InternalSubscriber;
import io.jnatsd.client.ClientConnection;
import io.jnatsd.client.InternalPublisher;
import io.jnatsd.protocol.PubArgs;
import io.jnatsd.subject.Subscription;
import io.jnatsd.subject.transform.SubjectTransform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Copies one origin stream into the target stream, as nats-server does: an ephemeral push consumer created on the
 * origin through the JetStream API ({@code <api>.CONSUMER.CREATE.<origin>}; ack none, flow control, 1 s idle
 * heartbeats) delivering to a subject this feed listens on in the target's account. Because it goes through the API
 * and plain subjects, an origin in another account works the same way through a service import of its API and a
 * stream import of the delivery subject ({@code external}).
 *
 * Deliveries arrive on the origin's consumer thread and are handed to the target's writer thread, where all state
 * of this feed lives. A stalled feed (no message nor heartbeat for a while) or a failed create is retried from the
 * last origin sequence copied, so a restart or an origin coming back neither duplicates nor skips messages.
 */
public final class OriginFeed {
    private static final Logger LOG = LoggerFactory.getLogger(OriginFeed.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long HEARTBEAT_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long STALLED_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** No answer to a create this long (e.g. sent at start before the API listens): ask again. */
    private static final long UNANSWERED_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final byte[] NONE = new byte[0];

    private final Origin origin;
    private final boolean mirror;
    private final FeedTarget target;
    private final String indexName;
    private final List<SubjectTransform> transforms = new ArrayList<>();
    private ScheduledFuture<?> check;
    // Writer-thread state.
    private Subscription<InternalSubscriber<ClientConnection>> deliverSub;
    private Subscription<InternalSubscriber<ClientConnection>> replySub;
    private String consumer;
    private String deliverSubject;
    private long lastOriginSeq;
    private long requestedNanos;
    private boolean stopped;
    // Read by STREAM.INFO on the API thread.
    private volatile long lag;
    private volatile long lastContactNanos;
    private volatile JsonNode error;

    OriginFeed(Origin origin, boolean mirror, FeedTarget target) {
        this.origin = origin;
        this.mirror = mirror;
        this.target = target;
        this.indexName = origin.indexName();
        for (String[] t : origin.transforms()) {
            try {
                transforms.add(SubjectTransform.compile(t[0].isEmpty() ? ">" : t[0], t[1]));
            } catch (IllegalArgumentException e) { // a 2.10 key 2.9.10 ignores: a bad one is skipped, not refused
                LOG.warn("stream {}: subject transform {} -> {} of {} ignored: {}", target.name(), t[0], t[1],
                        origin.name(), e.getMessage());
            }
        }
    }

    Origin origin() {
        return origin;
    }

    void start() {
        target.writer().execute(this::begin);
        check = target.writer().scheduleWithFixedDelay(this::checkHealth, 1, 1, TimeUnit.SECONDS);
    }

    private void begin() {
        lastOriginSeq = mirror ? target.lastSeq() : target.lastSourced(indexName);
        createConsumer();
    }

    /** Writer thread: a new consumer starting after the last origin sequence copied. */
    private void createConsumer() {
        if (stopped || origin.name().isEmpty()) { // accepted without a name, as nats-server 2.9.10; copies nothing
            return;
        }
        dropConsumer();
        String token = UUID.randomUUID().toString().replace("-", "");
        String kind = mirror ? "M" : "S";
        deliverSubject = origin.apiPrefix() != null && !origin.deliverPrefix().isEmpty()
                ? origin.deliverPrefix() + "." + kind + "." + token : "$JS." + kind + "." + token;
        String reply = "$JS." + kind + ".R." + token;
        deliverSub = target.account().subscribeInternal(deliverSubject, this::onDelivery);
        replySub = target.account().subscribeInternal(reply, this::onCreateReply);
        ObjectNode req = JsonNodeFactory.instance.objectNode();
        req.put("stream_name", origin.name());
        ObjectNode c = req.putObject("config");
        c.put("deliver_subject", deliverSubject);
        if (lastOriginSeq > 0) {
            c.put("deliver_policy", "by_start_sequence");
            c.put("opt_start_seq", lastOriginSeq + 1);
        } else if (origin.optStartSeq() > 0) {
            c.put("deliver_policy", "by_start_sequence");
            c.put("opt_start_seq", origin.optStartSeq());
        } else if (origin.optStartTime() != null) {
            c.put("deliver_policy", "by_start_time");
            c.put("opt_start_time", origin.optStartTime());
        } else {
            c.put("deliver_policy", "all");
        }
        c.put("ack_policy", "none");
        c.put("max_deliver", 1);
        c.put("idle_heartbeat", HEARTBEAT_NANOS);
        c.put("flow_control", true);
        if (!origin.filterSubject().isEmpty()) {
            c.put("filter_subject", origin.filterSubject());
        }
        requestedNanos = System.nanoTime();
        publish(origin.api() + ".CONSUMER.CREATE." + origin.name(), reply, json(req));
    }

    /** Writer thread: deletes the current consumer on the origin (best effort) and stops listening. */
    private void dropConsumer() {
        if (deliverSub != null) {
            target.account().unsubscribeInternal(deliverSub);
            deliverSub = null;
        }
        if (replySub != null) {
            target.account().unsubscribeInternal(replySub);
            replySub = null;
        }
        if (consumer != null) {
            publish(origin.api() + ".CONSUMER.DELETE." + origin.name() + "." + consumer,
                    "$JS.M.D." + UUID.randomUUID().toString().replace("-", ""), NONE);
            consumer = null;
        }
    }

    private boolean onCreateReply(ClientConnection publisher, PubArgs p, byte[] payload, int off) {
        byte[] body = Arrays.copyOfRange(payload, off + Math.max(p.headerSize, 0), off + p.totalSize);
        String forDeliver = deliverSubject;
        target.writer().execute(() -> created(forDeliver, body));
        return true;
    }

    private void created(String forDeliver, byte[] body) {
        if (stopped || !forDeliver.equals(deliverSubject)) {
            return; // an answer for a consumer given up already
        }
        try {
            JsonNode r = JSON.readTree(body);
            if (r.has("error")) {
                error = r.get("error");
                consumer = null;
                return; // checkHealth retries
            }
            consumer = r.path("name").asText(null);
            error = null;
            lastContactNanos = System.nanoTime();
        } catch (IOException e) {
            LOG.warn("stream {}: bad consumer create reply from {}", target.name(), origin.name());
        }
    }

    /** Origin's consumer thread: a message, a heartbeat or a flow control request. */
    private boolean onDelivery(ClientConnection publisher, PubArgs p, byte[] payload, int off) {
        int hdr = Math.max(p.headerSize, 0);
        byte[] headers = Arrays.copyOfRange(payload, off, off + hdr);
        String reply = p.hasReply() ? new String(p.buf, p.replyOff, p.replyLen, StandardCharsets.UTF_8) : null;
        String forDeliver = p.subject();
        if (isStatus(headers)) {
            target.writer().execute(() -> status(forDeliver, headers, reply));
            return true;
        }
        byte[] data = Arrays.copyOfRange(payload, off + hdr, off + p.totalSize);
        String subject = p.shownLen > 0 ? new String(p.buf, p.shownOff, p.shownLen, StandardCharsets.UTF_8)
                : p.subject();
        target.writer().execute(() -> copy(forDeliver, subject, headers, data, reply));
        return true;
    }

    private static boolean isStatus(byte[] h) {
        // "NATS/1.0 100 ..." (a status line) rather than "NATS/1.0\r\n"
        return h.length > 12 && h[8] == ' ' && h[9] == '1' && h[10] == '0' && h[11] == '0';
    }

    private void status(String forDeliver, byte[] headers, String reply) {
        if (stopped || !forDeliver.equals(deliverSubject)) {
            return;
        }
        lastContactNanos = System.nanoTime();
        if (reply != null) {
            publish(reply, null, NONE); // flow control: answered once what came before it is stored
        }
    }

    /** Writer thread: stores one origin message (reply {@code $JS.ACK.<s>.<c>.<n>.<sseq>.<cseq>.<ts>.<pending>}). */
    private void copy(String forDeliver, String subject, byte[] headers, byte[] data, String reply) {
        if (stopped || !forDeliver.equals(deliverSubject) || reply == null) {
            return;
        }
        // the last four tokens: <sseq>.<cseq>.<ts>.<pending>, read from the end without splitting
        int p4 = reply.lastIndexOf('.');
        int p3 = p4 > 0 ? reply.lastIndexOf('.', p4 - 1) : -1;
        int p2 = p3 > 0 ? reply.lastIndexOf('.', p3 - 1) : -1;
        int p1 = p2 > 0 ? reply.lastIndexOf('.', p2 - 1) : -1;
        if (p1 < 0 || !reply.startsWith("$JS.ACK.")) {
            return;
        }
        long sseq = Long.parseLong(reply, p1 + 1, p2, 10);
        long ts = Long.parseLong(reply, p3 + 1, p4, 10);
        lag = Long.parseLong(reply, p4 + 1, reply.length(), 10);
        lastContactNanos = System.nanoTime();
        if (sseq <= lastOriginSeq) {
            return; // already copied (a consumer re-created from an older point)
        }
        Origins.Refusal refused;
        try {
            refused = mirror ? target.storeFed(subject, headers, data, ts, sseq)
                    : target.storeFed(transformed(subject), withSourceHeader(headers, sseq), data, 0, 0);
        } catch (RuntimeException e) {
            LOG.warn("stream {}: storing a message from {} failed: {}", target.name(), origin.name(), e.toString());
            refused = new Origins.Refusal(500, 10052, e.toString());
        }
        if (refused != null) {
            // Shown in STREAM.INFO; this consumer is given up and checkHealth starts again from this message.
            ObjectNode err = JsonNodeFactory.instance.objectNode();
            err.put("code", refused.code());
            err.put("err_code", refused.errCode());
            err.put("description", refused.description());
            error = err;
            dropConsumer();
            deliverSubject = "";
            return;
        }
        lastOriginSeq = sseq;
    }

    private String transformed(String subject) {
        for (SubjectTransform t : transforms) {
            String out = t.apply(subject);
            if (out != null) {
                return out;
            }
        }
        return subject;
    }

    /** The origin's headers plus {@code Nats-Stream-Source: <index name> <origin sequence>}, as nats-server adds. */
    private byte[] withSourceHeader(byte[] headers, long sseq) {
        String added = "Nats-Stream-Source: " + indexName + " " + sseq + "\r\n\r\n";
        String base = headers.length == 0 ? "NATS/1.0\r\n"
                : new String(headers, 0, headers.length - 2, StandardCharsets.UTF_8);
        return (base + added).getBytes(StandardCharsets.UTF_8);
    }

    /** Writer thread, every second: a failed create, an unanswered one, or a silent consumer starts over. */
    private void checkHealth() {
        if (stopped) {
            return;
        }
        long now = System.nanoTime();
        boolean waiting = consumer == null && now - requestedNanos > UNANSWERED_NANOS;
        boolean failed = consumer == null && error != null;
        boolean silent = consumer != null && now - lastContactNanos > STALLED_NANOS;
        if (waiting || failed || silent) {
            if (silent || waiting) {
                LOG.debug("stream {}: source {} stalled, re-creating its consumer", target.name(), origin.name());
            }
            createConsumer();
        }
    }

    /** Stops copying and deletes the consumer on the origin. */
    void stop() {
        if (check != null) {
            check.cancel(false);
        }
        target.writer().execute(() -> {
            stopped = true;
            dropConsumer();
        });
    }

    /** STREAM.INFO's {@code mirror} / {@code sources} entry, as nats-server 2.9.10's StreamSourceInfo. */
    ObjectNode info() {
        ObjectNode i = JsonNodeFactory.instance.objectNode();
        i.put("name", origin.name());
        if (origin.apiPrefix() != null) {
            i.set("external", origin.externalJson());
        }
        i.put("lag", lag);
        long contact = lastContactNanos;
        i.put("active", contact == 0 ? -1 : System.nanoTime() - contact);
        JsonNode e = error;
        if (e != null) {
            i.set("error", e);
        }
        return i;
    }

    private void publish(String subject, String reply, byte[] body) {
        InternalPublisher.publish(target.account(), subject, reply, body);
    }

    private static byte[] json(ObjectNode n) {
        try {
            return JSON.writeValueAsBytes(n);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
