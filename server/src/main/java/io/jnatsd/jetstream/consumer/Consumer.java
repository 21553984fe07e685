package io.jnatsd.jetstream.consumer;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.client.InternalPublisher;
import io.jnatsd.jetstream.JsTime;
import io.jnatsd.jetstream.store.StoredMessage;
import io.jnatsd.jetstream.store.StreamStore;
import io.jnatsd.jetstream.store.SubjectFilter;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One consumer of a stream: which stored messages it has delivered, which wait for an ack, which are due again, and
 * the pull requests waiting for messages. Every method runs on the stream's consumer thread ({@link StreamConsumers}),
 * so nothing here is locked; the stream's store is thread-safe.
 */
final class Consumer {
    private static final byte[] NO_DATA = new byte[0];

    final String name;
    final long createdNanos;
    private ConsumerConfig config;
    /** The config's filters for store lookups (see lookupFilters), computed once per config. */
    private List<String> filters;
    private final StreamView stream;
    private final StreamConsumers owner;

    /** The next stream sequence to look at for new messages; delivered.stream_seq is this minus one. */
    long sseq;
    /** The next consumer (delivery) sequence; delivered.consumer_seq is this minus one. */
    long dseq = 1;
    long ackFloorStream;
    long ackFloorConsumer;
    private long lastDelivered;
    private long lastAcked;

    /** Delivered and not acked: stream seq to {consumer seq, ack deadline}. */
    final TreeMap<Long, long[]> pending = new TreeMap<>();
    /** Delivery counts of pending messages delivered more than once. */
    final Map<Long, Integer> redelivered = new HashMap<>();
    /** Pending messages due again, in stream order. */
    private final TreeSet<Long> due = new TreeSet<>();
    /** {deadline, stream seq}; stale entries (acked, or deadline moved) are skipped when they come up. */
    private final DeadlineQueue deadlines = new DeadlineQueue();
    /** last_per_subject: the starting messages still to deliver, in stream order. */
    private final ArrayDeque<Long> startSet = new ArrayDeque<>();
    private final ArrayDeque<PullRequest> waiting = new ArrayDeque<>();

    private long lastActivity;
    private long lastHeartbeat;
    private long nextSendAt;
    private long replayWallStart;
    private long replayFirstTs = -1;
    /** Flow control (push): bytes and messages sent since the last answered request, and the unanswered one. */
    private long fcSeq;
    private long fcBytes;
    private long fcMsgs;
    private String fcWaiting;
    private boolean dirty;
    boolean deleted;
    private final AckSubject ackSubject;
    private String lastShown;
    private byte[] lastShownBytes;

    Consumer(StreamView stream, StreamConsumers owner, String name, ConsumerConfig config, long createdNanos,
            long now) {
        this.stream = stream;
        this.owner = owner;
        this.name = name;
        this.ackSubject = new AckSubject(stream.name(), name);
        this.config = config;
        this.filters = lookupFilters();
        this.createdNanos = createdNanos;
        this.lastActivity = now;
        this.lastHeartbeat = now;
    }

    ConsumerConfig config() {
        return config;
    }

    void config(ConsumerConfig c) {
        config = c;
        filters = lookupFilters();
        dirty = true;
    }

    /** Where a new consumer starts, from its deliver policy. */
    void start() {
        StartPosition p = StartPosition.of(config, filters, stream.store());
        sseq = Math.max(1, p.sseq());
        startSet.addAll(p.startSet());
        ackFloorStream = startSet.isEmpty() ? sseq - 1 : startSet.peekFirst() - 1;
        dirty = true;
    }

    /** The filters to look up with: null for "everything" (no filter, or one equal to the stream's one subject). */
    private List<String> lookupFilters() {
        List<String> f = config.filters();
        if (f.isEmpty() || (f.size() == 1 && stream.subjects().size() == 1 && stream.subjects().get(0).equals(f.get(0)))) {
            List<String> all = new ArrayList<>(1);
            all.add(null);
            return all;
        }
        return f;
    }

    boolean matches(String subject) {
        for (String f : filters) {
            if (f == null || SubjectFilter.matches(f, subject)) {
                return true;
            }
        }
        return false;
    }

    long numPending() {
        long n = startSet.size();
        for (String f : filters) {
            n += stream.store().countMatching(f, sseq);
        }
        return n;
    }

    // ---- pull requests

    void pull(String reply, byte[] body, long now) {
        lastActivity = now;
        if (!config.pull()) {
            status(reply, "409 Consumer is push based");
            return;
        }
        PullRequest r;
        try {
            r = PullRequest.parse(reply, body, now);
        } catch (Exception e) {
            status(reply, "400 Bad Request");
            return;
        }
        if (config.maxBatch() > 0 && r.batch > config.maxBatch()) {
            status(reply, "409 Exceeded MaxRequestBatch of " + config.maxBatch());
            return;
        }
        if (config.maxBytes() > 0 && r.bytesLeft > config.maxBytes()) {
            status(reply, "409 Exceeded MaxRequestMaxBytes of " + config.maxBytes());
            return;
        }
        if (config.maxExpiresNanos() > 0 && r.expiresIn(now) > config.maxExpiresNanos()) {
            status(reply, "409 Exceeded MaxRequestExpires of " + GoDuration.format(config.maxExpiresNanos()));
            return;
        }
        if (waiting.size() >= config.maxWaiting()) {
            status(reply, "409 Exceeded MaxWaiting");
            return;
        }
        waiting.add(r);
        pump(now);
        if (r.noWait && waiting.remove(r)) {
            if (r.delivered == 0) {
                status(reply, "404 No Messages");
            } else {
                timeout(r);
            }
        }
    }

    private void timeout(PullRequest r) {
        ended(r, "408 Request Timeout");
    }

    /** A status that ends a request, with what it still wanted (as nats-server 2.9.10 sends them). */
    private void ended(PullRequest r, String status) {
        status(r.reply, status + "\r\nNats-Pending-Messages: " + r.batch + "\r\nNats-Pending-Bytes: "
                + (r.byteLimited ? r.bytesLeft : 0));
    }

    private void status(String to, String status) {
        InternalPublisher.publish(stream.account(), to, null,
                ("NATS/1.0 " + status + "\r\n\r\n").getBytes(StandardCharsets.UTF_8), NO_DATA);
    }

    private boolean interest(String subject) {
        return interest(subject.getBytes(StandardCharsets.UTF_8));
    }

    private boolean interest(byte[] b) {
        // internal: a mirror / source feed (jetstream/mirror) or a stream import listens without a client
        return !stream.account().index().match(b).isEmpty()
                || (stream.account().hasInternal() && !stream.account().internal().match(b).isEmpty());
    }

    int numWaiting() {
        return waiting.size();
    }

    // ---- delivery

    /** Delivers what it can: to waiting pull requests, or to the deliver subject of a push consumer. */
    void pump(long now) {
        if (deleted) {
            return;
        }
        try {
            deliverWhatWeCan(now);
        } finally {
            InternalPublisher.flush(); // one flush for the whole batch of deliveries
        }
    }

    private void deliverWhatWeCan(long now) {
        if (config.pull()) {
            while (!waiting.isEmpty()) {
                PullRequest r = waiting.peekFirst();
                if (!interest(r.replyBytes)) {
                    waiting.pollFirst();
                    continue;
                }
                if (!canSend(now)) {
                    return;
                }
                Next m = next();
                if (m == null) {
                    return;
                }
                int size = m.msg.headers().length + m.msg.data().length + m.msg.subject().length();
                if (r.byteLimited && size > r.bytesLeft) {
                    putBack(m);
                    waiting.pollFirst();
                    ended(r, r.delivered == 0 ? "409 Message Size Exceeds MaxBytes" : "409 Batch Completed");
                    continue;
                }
                deliver(m, r.replyBytes, now);
                r.delivered++;
                r.bytesLeft -= size;
                r.nextHeartbeat = r.heartbeatNanos > 0 ? now + r.heartbeatNanos : 0;
                if (--r.batch == 0) {
                    waiting.pollFirst();
                } else if (r.byteLimited && r.bytesLeft <= 0) {
                    waiting.pollFirst();
                    ended(r, "409 Batch Completed");
                }
            }
            return;
        }
        String to = config.deliverSubject();
        byte[] toBytes = to.getBytes(StandardCharsets.UTF_8);
        while (canSend(now) && !flowControlStalled() && interest(toBytes)) {
            Next m = next();
            if (m == null) {
                return;
            }
            if (!replayReady(m, now)) {
                putBack(m);
                return;
            }
            deliver(m, toBytes, now);
            lastActivity = now;
            if (config.flowControl()) {
                fcBytes += m.msg.headers().length + m.msg.data().length;
                fcMsgs++;
                if (fcWaiting == null && (fcBytes >= FC_ASK_BYTES || fcMsgs >= FC_ASK_MSGS)) {
                    fcWaiting = "$JS.FC." + stream.name() + "." + name + "." + (++fcSeq);
                    InternalPublisher.publish(stream.account(), to, fcWaiting,
                            "NATS/1.0 100 FlowControl Request\r\n\r\n".getBytes(StandardCharsets.UTF_8), NO_DATA);
                }
            }
        }
    }

    /** Ask for flow control after this much; stall when this much more is out and the request is unanswered. */
    private static final long FC_ASK_BYTES = 256 * 1024;
    private static final long FC_ASK_MSGS = 1024;
    private static final long FC_STALL_BYTES = 4 * FC_ASK_BYTES;
    private static final long FC_STALL_MSGS = 4 * FC_ASK_MSGS;

    private boolean flowControlStalled() {
        return fcWaiting != null && (fcBytes >= FC_STALL_BYTES || fcMsgs >= FC_STALL_MSGS);
    }

    /** The client answered a flow control request: what it had been sent up to then has been taken. */
    void flowControlReply(String subject, long now) {
        if (subject.equals(fcWaiting)) {
            fcWaiting = null;
            fcBytes = 0;
            fcMsgs = 0;
            pump(now);
        }
    }

    private boolean canSend(long now) {
        if (config.maxAckPending() > 0 && config.acks() && pending.size() >= config.maxAckPending() && due.isEmpty()) {
            return false;
        }
        return config.rateLimitBps() <= 0 || now >= nextSendAt;
    }

    private boolean replayReady(Next m, long now) {
        if (!config.replayPolicy().equals("original") || m.redelivery) {
            return true;
        }
        if (replayFirstTs < 0) {
            replayFirstTs = m.msg.timestampNanos();
            replayWallStart = now;
            return true;
        }
        return now - replayWallStart >= m.msg.timestampNanos() - replayFirstTs;
    }

    /** A message to deliver: a redelivery (count > 1) or the next new one. */
    private record Next(StoredMessage msg, int count, boolean redelivery, long prevSseq, boolean fromStartSet) {
    }

    private Next next() {
        StreamStore store = stream.store();
        while (!due.isEmpty()) {
            long seq = due.pollFirst();
            if (!pending.containsKey(seq)) {
                continue;
            }
            StoredMessage m = store.load(seq);
            if (m == null) {
                dropPending(seq);
                continue;
            }
            int count = redelivered.getOrDefault(seq, 1) + 1;
            if (config.maxDeliver() > 0 && count > config.maxDeliver()) {
                dropPending(seq); // max_deliver reached: it stays unacked but is never sent again
                owner.advisories.maxDeliveries(name, seq, count - 1);
                continue;
            }
            return new Next(m, count, true, 0, false);
        }
        while (!startSet.isEmpty()) {
            long seq = startSet.pollFirst();
            StoredMessage m = store.load(seq);
            if (m != null) {
                return new Next(m, 1, false, seq, true);
            }
        }
        StoredMessage best = null;
        for (String f : filters) {
            StoredMessage m = store.loadNextMatching(f == null ? ">" : f, sseq);
            if (m != null && (best == null || m.seq() < best.seq())) {
                best = m;
            }
        }
        if (best == null) {
            return null;
        }
        Next n = new Next(best, 1, false, sseq, false);
        sseq = best.seq() + 1;
        return n;
    }

    /** Undoes {@link #next} for a message that could not be sent now. */
    private void putBack(Next m) {
        if (m.redelivery) {
            due.add(m.msg.seq());
        } else if (m.fromStartSet) {
            startSet.addFirst(m.msg.seq());
        } else {
            sseq = m.prevSseq;
        }
    }

    private void dropPending(long seq) {
        pending.remove(seq);
        redelivered.remove(seq);
        due.remove(seq);
        moveAckFloor();
    }

    /** The subject's bytes, reused while messages on the same subject follow each other. */
    private byte[] shownBytes(String subject) {
        if (!subject.equals(lastShown)) {
            lastShown = subject;
            lastShownBytes = subject.getBytes(StandardCharsets.UTF_8);
        }
        return lastShownBytes;
    }

    private void deliver(Next n, byte[] to, long now) {
        StoredMessage m = n.msg;
        long cseq = dseq++;
        long seq = m.seq();
        if (n.redelivery) {
            redelivered.put(seq, n.count);
        }
        if (config.acks()) {
            long wait = ackWait(n.count);
            pending.put(seq, new long[] {cseq, now + wait});
            deadlines.add(now + wait, seq);
        }
        long left = numPending();
        byte[] reply = ackSubject.of(n.count, seq, cseq, m.timestampNanos(), left);
        byte[] headers = m.headers();
        byte[] data = m.data();
        if (config.headersOnly()) {
            String h = headers.length == 0 ? "NATS/1.0\r\n"
                    : new String(headers, 0, headers.length - 2, StandardCharsets.UTF_8);
            headers = (h + "Nats-Msg-Size: " + data.length + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
            data = NO_DATA;
        }
        InternalPublisher.deliver(stream.account(), to, shownBytes(m.subject()), reply, headers, data);
        lastDelivered = now;
        lastHeartbeat = now;
        if (config.rateLimitBps() > 0) {
            long bits = (long) (headers.length + data.length + m.subject().length()) * 8;
            nextSendAt = Math.max(nextSendAt, now) + bits * 1_000_000_000L / config.rateLimitBps();
        }
        if (!config.acks()) {
            ackFloorStream = Math.max(ackFloorStream, seq);
            ackFloorConsumer = cseq;
            owner.acked(this, seq);
        }
        dirty = true;
    }

    private long ackWait(int count) {
        List<Long> b = config.backoff();
        if (!b.isEmpty()) {
            return b.get(Math.min(count - 1, b.size() - 1));
        }
        return config.ackWaitNanos();
    }

    // ---- acks

    /**
     * An ack on {@code $JS.ACK.<stream>.<consumer>.<count>.<sseq>.<cseq>.<ts>.<pending>}. Delivers nothing itself: the
     * caller pumps after a batch of acks.
     */
    void ack(long seq, String body, String reply, long now) {
        lastActivity = now;
        String kind = body.length() >= 4 ? body.substring(0, 4) : body;
        switch (kind) {
            case "-NAK" -> nak(seq, body.substring(4).trim(), now);
            case "+WPI" -> {
                long[] p = pending.get(seq);
                if (p != null) {
                    p[1] = now + config.ackWaitNanos();
                    deadlines.add(p[1], seq);
                }
            }
            case "+TER" -> {
                long[] p = pending.get(seq);
                if (p != null) {
                    String reason = body.length() > 5 ? body.substring(5).trim() : null;
                    owner.advisories.terminated(name, p[0], seq, redelivered.getOrDefault(seq, 1), reason);
                }
                acked(seq, now, false);
            }
            case "+NXT" -> {
                acked(seq, now, true);
                if (reply != null) {
                    pull(reply, body.substring(4).trim().getBytes(StandardCharsets.UTF_8), now);
                }
                return; // the reply gets messages, not an ack confirmation
            }
            default -> acked(seq, now, true);
        }
        if (reply != null) {
            InternalPublisher.publish(stream.account(), reply, null, NO_DATA);
        }
        // No pump here: the owner pumps once after a batch of acks.
    }

    private void nak(long seq, String arg, long now) {
        long[] p = pending.get(seq);
        if (p == null) {
            return;
        }
        long delay = 0;
        if (!arg.isEmpty()) {
            if (arg.startsWith("{")) {
                try {
                    delay = new com.fasterxml.jackson.databind.ObjectMapper().readTree(arg).path("delay").asLong(0);
                } catch (Exception ignored) {
                    delay = 0;
                }
            } else {
                delay = GoDuration.parse(arg);
            }
        }
        if (delay > 0) {
            p[1] = now + delay;
            deadlines.add(p[1], seq);
        } else {
            due.add(seq);
        }
    }

    private void acked(long seq, long now, boolean counted) {
        if (!config.acks()) {
            return;
        }
        if (config.ackPolicy().equals("all")) {
            for (Iterator<Long> it = pending.headMap(seq, true).keySet().iterator(); it.hasNext(); ) {
                long s = it.next();
                it.remove();
                redelivered.remove(s);
                due.remove(s);
                owner.acked(this, s);
            }
        } else if (pending.remove(seq) != null) {
            // Both are usually empty: asking first saves boxing the sequence on every ack.
            if (!redelivered.isEmpty()) {
                redelivered.remove(seq);
            }
            if (!due.isEmpty()) {
                due.remove(seq);
            }
            owner.acked(this, seq);
        } else {
            return;
        }
        lastAcked = now;
        moveAckFloor();
    }

    private void moveAckFloor() {
        if (pending.isEmpty()) {
            long upTo = startSet.isEmpty() ? sseq - 1 : startSet.peekFirst() - 1;
            ackFloorStream = Math.max(ackFloorStream, upTo);
            ackFloorConsumer = dseq - 1;
        } else {
            Long first = pending.firstKey(); // boxed once: the lookup below reuses it
            ackFloorStream = Math.max(ackFloorStream, first - 1);
            ackFloorConsumer = Math.max(ackFloorConsumer, pending.get(first)[0] - 1);
        }
        dirty = true;
    }

    /** Whether this consumer is done with stream message {@code seq} (interest retention). */
    boolean doneWith(long seq) {
        if (pending.containsKey(seq)) {
            return false;
        }
        StoredMessage m = stream.store().load(seq);
        return m == null || !matches(m.subject()) || seq < sseq;
    }

    // ---- timers

    /** Called about every 50 ms: redeliveries that are due, expired pull requests, heartbeats, inactivity. */
    boolean tick(long now) {
        forgetRemoved();
        deadlines.takeDue(now, (deadline, seq) -> {
            long[] p = pending.get(seq);
            if (p != null && p[1] == deadline) { // else acked, or its deadline moved (a later pair stands for it)
                due.add(seq);
            }
        });
        for (Iterator<PullRequest> it = waiting.iterator(); it.hasNext(); ) {
            PullRequest r = it.next();
            if (r.expiresAt > 0 && now >= r.expiresAt) {
                it.remove();
                timeout(r);
                lastActivity = now;
            } else if (r.heartbeatNanos > 0 && now >= r.nextHeartbeat) {
                r.nextHeartbeat = now + r.heartbeatNanos;
                heartbeat(r.reply, false);
            }
        }
        if (!config.pull()) {
            if (config.idleHeartbeatNanos() > 0 && now - lastHeartbeat >= config.idleHeartbeatNanos()) {
                lastHeartbeat = now;
                heartbeat(config.deliverSubject(), flowControlStalled());
            }
            if (interest(config.deliverSubject())) {
                lastActivity = now;
            }
        } else if (!waiting.isEmpty()) {
            lastActivity = now;
        }
        pump(now);
        return !config.durableConsumer() && config.inactiveThresholdNanos() > 0
                && now - lastActivity > config.inactiveThresholdNanos();
    }

    /**
     * Messages below the stream's first sequence are gone (purge, max_age, discard old, workqueue acks): they stop
     * being pending and the consumer moves past them, as nats-server does on a purge.
     */
    private void forgetRemoved() {
        long first = stream.store().state().firstSeq();
        boolean moved = false;
        while (!pending.isEmpty() && pending.firstKey() < first) {
            long seq = pending.firstKey();
            pending.remove(seq);
            redelivered.remove(seq);
            due.remove(seq);
            moved = true;
        }
        while (!startSet.isEmpty() && startSet.peekFirst() < first) {
            startSet.pollFirst();
        }
        if (sseq < first && startSet.isEmpty()) {
            sseq = first;
            moved = true;
        }
        if (moved) {
            moveAckFloor();
        }
    }

    private void heartbeat(String to, boolean stalled) {
        String h = "NATS/1.0 100 Idle Heartbeat\r\nNats-Last-Consumer: " + (dseq - 1) + "\r\nNats-Last-Stream: "
                + (sseq - 1) + "\r\n";
        if (stalled) {
            h += "Nats-Consumer-Stalled: " + fcWaiting + "\r\n";
        }
        InternalPublisher.publish(stream.account(), to, null, (h + "\r\n").getBytes(StandardCharsets.UTF_8),
                NO_DATA);
    }

    /** The consumer is going away: waiting pull requests are told, as nats-server does. */
    void close() {
        deleted = true;
        for (PullRequest r : waiting) {
            status(r.reply, "409 Consumer Deleted");
        }
        waiting.clear();
    }

    boolean takeDirty() {
        boolean d = dirty;
        dirty = false;
        return d;
    }

    // ---- info

    ObjectNode info() {
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        r.put("stream_name", stream.name());
        r.put("name", name);
        r.put("created", JsTime.format(createdNanos));
        r.set("config", config.toJson());
        ObjectNode d = r.putObject("delivered");
        d.put("consumer_seq", dseq - 1);
        d.put("stream_seq", Math.max(0, sseq - 1));
        if (lastDelivered != 0) {
            d.put("last_active", JsTime.format(wall(lastDelivered)));
        }
        ObjectNode a = r.putObject("ack_floor");
        a.put("consumer_seq", ackFloorConsumer);
        a.put("stream_seq", ackFloorStream);
        if (lastAcked != 0) {
            a.put("last_active", JsTime.format(wall(lastAcked)));
        }
        r.put("num_ack_pending", pending.size());
        r.put("num_redelivered", redelivered.size());
        r.put("num_waiting", waiting.size());
        r.put("num_pending", numPending());
        if (!config.pull() && interest(config.deliverSubject())) {
            r.put("push_bound", true);
        }
        return r;
    }

    /** Monotonic nanos (what the timers use) to wall-clock epoch nanos for JSON. */
    private static long wall(long monotonic) {
        return StreamConsumers.epochNanos() - (System.nanoTime() - monotonic);
    }

    // ---- persistence support

    /** Restores state read back from disk; pending messages are due again after ack_wait. */
    void restore(long sseq, long dseq, long floorStream, long floorConsumer, Map<Long, Long> pendingCseq,
            Map<Long, Integer> counts, long now) {
        this.sseq = sseq;
        this.dseq = dseq;
        this.ackFloorStream = floorStream;
        this.ackFloorConsumer = floorConsumer;
        for (var e : pendingCseq.entrySet()) {
            long deadline = now + config.ackWaitNanos();
            pending.put(e.getKey(), new long[] {e.getValue(), deadline});
            deadlines.add(deadline, e.getKey());
        }
        redelivered.putAll(counts);
    }
}
