package io.jnatsd.jetstream;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.account.Account;
import io.jnatsd.account.InternalSubscriber;
import io.jnatsd.client.ClientConnection;
import io.jnatsd.client.InternalPublisher;
import io.jnatsd.jetstream.store.StoreFullException;
import io.jnatsd.jetstream.store.StreamState;
import io.jnatsd.jetstream.store.StreamStore;
import io.jnatsd.protocol.PubArgs;
import io.jnatsd.subject.Subscription;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * One stream: an internal subscription on its subjects in its account feeds its store on the stream's own writer
 * thread (never an event loop), which answers each publish that has a reply with nats-server's pub ack.
 * Implements exactly-once publishing (Nats-Msg-Id within the duplicate window) and the Nats-Expected-* checks.
 */
final class JsStream implements InternalSubscriber<ClientConnection>, io.jnatsd.jetstream.mirror.FeedTarget {
    private static final Logger LOG = LoggerFactory.getLogger(JsStream.class);

    private final Account<ClientConnection> account;
    private volatile StreamConfig config;
    private final long createdNanos;
    private final StreamStore store;
    private final java.util.concurrent.ScheduledExecutorService writer;
    private final List<Subscription<InternalSubscriber<ClientConnection>>> subscriptions = new ArrayList<>();
    /** Nats-Msg-Id to sequence, oldest first, for the duplicate window. Writer thread only. */
    private final Map<String, long[]> msgIds = new LinkedHashMap<>();
    private String lastMsgId;
    private volatile StoreGuard guard;
    /** Consumers' hook: told each stored message (sequence, subject) on the writer thread; null without consumers. */
    private volatile java.util.function.ObjLongConsumer<String> onStored;
    /** Mirror / sources: the feeds copying other streams into this one (jetstream/mirror). */
    private final io.jnatsd.jetstream.mirror.StreamFeeds feeds = new io.jnatsd.jetstream.mirror.StreamFeeds(this);
    /** Publishes on their way from the event loops to the writer, taken in batches. */
    private final BatchHandOff<Inbound> inbound;
    /** The batch's pub acks (reply subject, JSON bytes, ...) and stored messages, writer thread only. */
    private final List<Object> acks = new ArrayList<>();
    private final List<String> storedSubjects = new ArrayList<>();
    private long[] storedSeqs = new long[64];

    /** Asked before each store whether the account and server limits leave room; null = ok. */
    interface StoreGuard {
        JsError check(boolean memory, long size);
    }

    JsStream(Account<ClientConnection> account, StreamConfig config, long createdNanos, StreamStore store) {
        this.account = account;
        this.config = config;
        this.createdNanos = createdNanos;
        this.store = store;
        this.writer = Executors.newSingleThreadScheduledExecutor(
                new DefaultThreadFactory("jnatsd-js-" + config.name(), true));
        // max_age: expired messages are removed on the writer thread, about every second (or max_age if shorter).
        writer.scheduleWithFixedDelay(this::expire, 1, 1, TimeUnit.SECONDS);
        inbound = new BatchHandOff<>(writer, this::ingest, this::endOfBatch);
        for (String s : config.subjects()) {
            subscriptions.add(account.subscribeInternal(s, this));
        }
        feeds.apply(config.origins());
    }

    StreamConfig config() {
        return config;
    }

    void guard(StoreGuard g) {
        guard = g;
    }

    /** sync_interval: the writer forces the stream's files to disk this often (not with sync always). */
    void syncEvery(java.time.Duration interval) {
        long ms = Math.max(1, interval.toMillis());
        writer.scheduleWithFixedDelay(this::syncNow, ms, ms, TimeUnit.MILLISECONDS);
    }

    private void syncNow() {
        try {
            store.sync();
        } catch (RuntimeException e) {
            LOG.error("stream {}: sync failed", config.name(), e);
        }
    }

    StreamStore store() {
        return store;
    }

    long createdNanos() {
        return createdNanos;
    }

    private void expire() {
        try {
            if (config.maxAgeNanos() > 0) {
                store.expireOld(now());
            }
        } catch (RuntimeException e) {
            LOG.error("stream {}: expiring old messages failed", config.name(), e);
        }
    }

    void onStored(java.util.function.ObjLongConsumer<String> hook) {
        onStored = hook;
    }

    void update(StreamConfig c) {
        config = c;
        store.limits(c.limits());
        feeds.apply(c.origins());
    }

    @Override
    public boolean onMessage(ClientConnection publisher, PubArgs p, byte[] payload, int off) {
        String subject = p.subject();
        String reply = p.reply();
        int hdr = Math.max(p.headerSize, 0);
        byte[] headers = hdr == 0 ? NO_HEADERS : Arrays.copyOfRange(payload, off, off + hdr);
        byte[] data = Arrays.copyOfRange(payload, off + hdr, off + p.totalSize);
        inbound.offer(new Inbound(subject, reply, headers, data));
        return true;
    }

    private static final byte[] NO_HEADERS = new byte[0];

    /** A published message on its way to the writer thread. */
    private record Inbound(String subject, String reply, byte[] headers, byte[] data) {
    }

    private void ingest(Inbound m) {
        ingest(m.subject, m.reply, m.headers, m.data);
    }

    /**
     * After a batch of publishes: the stored records go to the file in one write, and only then are the pub acks
     * sent and the consumers told, so an acknowledged message survives a crash of this process.
     */
    private void endOfBatch() {
        try {
            store.flushWrites();
        } catch (RuntimeException e) {
            LOG.error("stream {}: writing stored messages failed", config.name(), e);
            acks.clear(); // unwritten: not acknowledged (the publishers time out and retry)
            storedSubjects.clear();
            return;
        }
        for (int i = 0, n = acks.size(); i < n; i += 2) {
            InternalPublisher.publishUnflushed(account, (String) acks.get(i), (byte[]) acks.get(i + 1));
        }
        acks.clear();
        InternalPublisher.flush();
        var hook = onStored;
        for (int i = 0, n = storedSubjects.size(); i < n; i++) {
            if (hook != null) {
                hook.accept(storedSubjects.get(i), storedSeqs[i]);
            }
        }
        storedSubjects.clear();
    }

    private void ingest(String published, String reply, byte[] headers, byte[] data) {
        String name = config.name();
        String subject = transformed(published);
        try {
            if (config.sealed()) {
                throw new JsException(JsError.SEALED);
            }
            String msgId = MessageHeaders.get(headers, "Nats-Msg-Id");
            String expectedStream = MessageHeaders.get(headers, "Nats-Expected-Stream");
            if (expectedStream != null && !expectedStream.equals(name)) {
                throw new JsException(JsError.STREAM_EXPECTED);
            }
            String expectedLast = MessageHeaders.get(headers, "Nats-Expected-Last-Sequence");
            if (expectedLast != null) {
                long last = store.state().lastSeq();
                if (parseLong(expectedLast) != last) {
                    throw wrongLastSequence(last);
                }
            }
            String expectedSubjectLast = MessageHeaders.get(headers, "Nats-Expected-Last-Subject-Sequence");
            if (expectedSubjectLast != null) {
                var last = store.loadLastBySubject(subject);
                long have = last == null ? 0 : last.seq();
                if (parseLong(expectedSubjectLast) != have) {
                    throw wrongLastSequence(have);
                }
            }
            String expectedLastId = MessageHeaders.get(headers, "Nats-Expected-Last-Msg-Id");
            if (expectedLastId != null && !expectedLastId.equals(lastMsgId == null ? "" : lastMsgId)) {
                throw new JsException(new JsError(400, 10070, "wrong last msg ID: "
                        + (lastMsgId == null ? "" : lastMsgId)));
            }
            String rollup = MessageHeaders.get(headers, "Nats-Rollup");
            if (rollup != null) {
                if (!config.allowRollup()) {
                    throw new JsException(new JsError(500, 10111, "rollup not permitted"));
                }
                if (!rollup.equals("sub") && !rollup.equals("all")) {
                    throw new JsException(new JsError(500, 10111, "rollup value invalid: \"" + rollup + "\""));
                }
            }
            long now = now();
            expireIds(now);
            if (msgId != null) {
                long[] seen = msgIds.get(msgId);
                if (seen != null) {
                    ack(reply, "{\"stream\":\"" + name + "\", \"seq\":" + seen[0] + ",\"duplicate\": true}");
                    return;
                }
            }
            StoreGuard g = guard;
            if (g != null) {
                JsError full = g.check(config.memory(),
                        io.jnatsd.jetstream.store.StoredSize.of(subject.length(), headers.length, data.length));
                if (full != null) {
                    throw new JsException(full);
                }
            }
            StreamExtras.Republish republish = config.extras().republish();
            long subjectLast = republish == null ? 0 : lastOnSubject(subject);
            long seq;
            try {
                seq = store.store(subject, headers, data, now);
            } catch (StoreFullException full) {
                int code = full.getMessage().equals(StoreFullException.MAX_MSG_SIZE) ? 400 : 503;
                int errCode = code == 400 ? 10054 : 10077;
                throw new JsException(new JsError(code, errCode, full.getMessage()));
            }
            if (rollup != null) {
                // The new message replaces what came before it: on its subject, or in the whole stream.
                store.purge(rollup.equals("sub") ? subject : null, seq, 0);
            }
            if (msgId != null) {
                msgIds.put(msgId, new long[] {seq, now});
                lastMsgId = msgId;
            }
            if (republish != null) {
                Republisher.publish(account, name, republish, subject, seq, subjectLast, headers, data);
            }
            ack(reply, "{\"stream\":\"" + name + "\", \"seq\":" + seq + "}");
            int n = storedSubjects.size();
            if (n == storedSeqs.length) {
                storedSeqs = Arrays.copyOf(storedSeqs, n * 2);
            }
            storedSeqs[n] = seq;
            storedSubjects.add(subject);
        } catch (JsException e) {
            JsError err = e.error;
            ack(reply, "{\"error\":{\"code\":" + err.code() + ",\"err_code\":" + err.errCode()
                    + ",\"description\":\"" + err.description() + "\"},\"stream\":\"" + name + "\",\"seq\":0}");
        } catch (RuntimeException e) {
            LOG.error("stream {}: storing a message failed", name, e);
        }
    }

    /** The subject's last sequence before this message (republish's Nats-Last-Sequence), 0 for none. */
    private long lastOnSubject(String subject) {
        var last = store.loadLastBySubject(subject);
        return last == null ? 0 : last.seq();
    }

    /** subject_transform: the subject the message is stored under. */
    private String transformed(String subject) {
        StreamExtras.Transform t = config.extras().transform();
        if (t == null) {
            return subject;
        }
        String out = t.transform().apply(subject);
        return out == null ? subject : out;
    }

    /** After an update changed the subjects: listen on the new ones. */
    void resubscribe() {
        for (var sub : subscriptions) {
            account.unsubscribeInternal(sub);
        }
        subscriptions.clear();
        for (String s : config.subjects()) {
            subscriptions.add(account.subscribeInternal(s, this));
        }
    }

    private static JsException wrongLastSequence(long have) {
        return new JsException(new JsError(400, 10071, "wrong last sequence: " + have));
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void expireIds(long now) {
        if (msgIds.isEmpty()) {
            return; // no Nats-Msg-Id seen: no iterator per message
        }
        long window = config.duplicateWindowNanos();
        for (Iterator<long[]> it = msgIds.values().iterator(); it.hasNext(); ) {
            if (now - it.next()[1] > window) {
                it.remove();
            } else {
                break; // insertion order: the rest are newer
            }
        }
    }

    /** Queues a pub ack: it goes out at the end of the batch, after the batch was written. Writer thread only. */
    private void ack(String reply, String json) {
        if (reply != null) {
            acks.add(reply);
            acks.add(json.getBytes(StandardCharsets.UTF_8));
        }
    }

    static long now() {
        Instant i = Instant.now();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    /** Waits for what was handed to the writer (API calls that read state call this first). */
    void drain() {
        try {
            inbound.barrier().get(5, TimeUnit.SECONDS); // the publishes queued so far
            writer.submit(() -> { }).get(5, TimeUnit.SECONDS); // and the writer's other tasks (mirror feeds)
        } catch (Exception e) {
            LOG.warn("stream {}: writer did not drain: {}", config.name(), e.toString());
        }
    }

    /** STREAM.INFO's "state" object, as nats-server 2.9.10 writes it. */
    ObjectNode stateJson() {
        StreamState st = store.state();
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        boolean never = st.lastSeq() == 0;
        s.put("messages", st.msgs());
        s.put("bytes", st.bytes());
        s.put("first_seq", never ? 0 : st.firstSeq());
        s.put("first_ts", JsTime.format(st.msgs() == 0 ? 0 : st.firstTimeNanos()));
        s.put("last_seq", st.lastSeq());
        s.put("last_ts", JsTime.format(st.lastTimeNanos()));
        if (st.numSubjects() > 0) {
            s.put("num_subjects", st.numSubjects());
        }
        if (st.numDeleted() > 0) {
            s.put("num_deleted", st.numDeleted());
        }
        s.put("consumer_count", 0);
        return s;
    }

    /** Stops feeding the store and its thread; the store is closed by the caller. */
    void stop() {
        feeds.stop();
        for (var s : subscriptions) {
            account.unsubscribeInternal(s);
        }
        writer.shutdown();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- Mirror and sources (io.jnatsd.jetstream.mirror.FeedTarget): copied messages, stored on the writer. ----

    io.jnatsd.jetstream.mirror.StreamFeeds feeds() {
        return feeds;
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public Account<ClientConnection> account() {
        return account;
    }

    @Override
    public java.util.concurrent.ScheduledExecutorService writer() {
        return writer;
    }

    @Override
    public long lastSeq() {
        return store.state().lastSeq();
    }

    @Override
    public long lastSourced(String indexName) {
        String prefix = indexName + " ";
        StreamState st = store.state();
        for (long q = st.lastSeq(); q >= st.firstSeq() && q > 0; q--) {
            var m = store.load(q);
            String v = m == null ? null : MessageHeaders.get(m.headers(), "Nats-Stream-Source");
            if (v != null && v.startsWith(prefix)) {
                return parseLong(v.substring(prefix.length()).split(" ")[0]);
            }
        }
        return 0;
    }

    @Override
    public io.jnatsd.jetstream.mirror.Origins.Refusal storeFed(String subject, byte[] headers, byte[] data,
            long timestampNanos, long atSeq) {
        long ts = timestampNanos > 0 ? timestampNanos : now();
        StoreGuard g = guard;
        JsError full = g == null ? null : g.check(config.memory(),
                io.jnatsd.jetstream.store.StoredSize.of(subject.length(), headers.length, data.length));
        if (full != null) {
            return new io.jnatsd.jetstream.mirror.Origins.Refusal(full.code(), full.errCode(), full.description());
        }
        if (atSeq > 0) {
            StreamState st = store.state();
            if (atSeq <= st.lastSeq()) {
                return null; // a mirror already has it
            }
            if (st.lastSeq() == 0) {
                store.startAt(atSeq);
            }
            // Sequences the origin no longer has: kept as deleted ones, so the mirror's sequences stay the origin's.
            for (long q = store.state().lastSeq() + 1; q < atSeq; q++) {
                store.remove(store.store(subject, new byte[0], new byte[0], ts), false);
            }
        }
        long seq;
        try {
            seq = store.store(subject, headers, data, ts);
            store.flushWrites();
        } catch (StoreFullException e) {
            return new io.jnatsd.jetstream.mirror.Origins.Refusal(503, 10077, e.getMessage());
        }
        var hook = onStored;
        if (hook != null) {
            hook.accept(subject, seq);
        }
        return null;
    }
}
