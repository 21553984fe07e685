package io.jnatsd.jetstream.consumer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.account.InternalSubscriber;
import io.jnatsd.client.ClientConnection;
import io.jnatsd.jetstream.BatchHandOff;
import io.jnatsd.jetstream.JsError;
import io.jnatsd.jetstream.JsException;
import io.jnatsd.subject.Subscription;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The consumers of one stream and the one thread they all run on ({@code jnatsd-jsc-<stream>}): API calls, pull
 * requests, acks (an internal subscription on {@code $JS.ACK.<stream>.>}), "message stored" from the stream's writer,
 * and a 50 ms tick for redeliveries, expiries and heartbeats. Nothing here runs on an event loop; the event loop only
 * copies an ack's bytes and hands it over.
 */
public final class StreamConsumers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamConsumers.class);
    private static final long TICK_MILLIS = 50;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String NAME_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final StreamView stream;
    private final ScheduledExecutorService thread;
    private final Map<String, Consumer> consumers = new TreeMap<>();
    private final List<Subscription<InternalSubscriber<ClientConnection>>> subscriptions = new ArrayList<>();
    private final AtomicBoolean pumpQueued = new AtomicBoolean();
    /** Acks from the event loops, taken in batches: the consumers deliver what the acks made room for once per batch. */
    private final BatchHandOff<Ack> acks;
    private final ConsumerFiles files;
    final ConsumerAdvisories advisories;
    private volatile int count;

    public StreamConsumers(StreamView stream) {
        this.stream = stream;
        this.files = stream.dir() == null ? null : new ConsumerFiles(stream.dir().resolve("obs"));
        this.advisories = new ConsumerAdvisories(stream);
        this.thread = Executors.newSingleThreadScheduledExecutor(
                new DefaultThreadFactory("jnatsd-jsc-" + stream.name(), true));
        this.acks = new BatchHandOff<>(thread, a -> onAck(a.subject, a.body, a.reply), this::pumpAll);
        subscriptions.add(stream.account().subscribeInternal("$JS.ACK." + stream.name() + ".>",
                (publisher, p, payload, off) -> {
                    String subject = p.subject();
                    String reply = p.reply();
                    int hdr = Math.max(p.headerSize, 0);
                    String body = new String(payload, off + hdr, p.totalSize - hdr, StandardCharsets.UTF_8);
                    acks.offer(new Ack(subject, body, reply));
                    return true;
                }));
        // Flow control replies: $JS.FC.<stream>.<consumer>.<n>
        subscriptions.add(stream.account().subscribeInternal("$JS.FC." + stream.name() + ".>",
                (publisher, p, payload, off) -> {
                    String subject = p.subject();
                    thread.execute(() -> onFlowControl(subject));
                    return true;
                }));
        thread.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        if (files != null) {
            call(() -> {
                for (ConsumerFiles.Loaded l : files.loadAll()) {
                    Consumer c = new Consumer(stream, this, l.name(), l.config(), l.created(), System.nanoTime());
                    l.restoreInto(c, System.nanoTime());
                    consumers.put(l.name(), c);
                }
                count = consumers.size();
                if (count > 0) {
                    LOG.info("Restored {} consumer(s) for stream \"{}\"", count, stream.name());
                }
                return null;
            });
        }
    }

    static long epochNanos() {
        Instant i = Instant.now();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    public int count() {
        return count;
    }

    // ---- called from the API thread (they wait for the consumer thread)

    /**
     * CONSUMER.CREATE / DURABLE.CREATE.
     *
     * @param subjectName the consumer name from the request subject, or null
     * @param subjectFilter the filter from the request subject, or null
     * @param durableApi true for DURABLE.CREATE
     */
    public ObjectNode create(ObjectNode cfg, String subjectName, String subjectFilter, boolean durableApi) {
        ConsumerConfig c = ConsumerConfig.parse(cfg);
        ConsumerRules.check(c, subjectName, subjectFilter, durableApi, stream);
        return call(() -> {
            String name = c.durable() != null ? c.durable() : c.name() != null ? c.name() : subjectName;
            ConsumerConfig conf = c;
            if (subjectName != null && !durableApi && c.name() == null) {
                conf = c.withName(subjectName);
            }
            Consumer existing = name == null ? null : consumers.get(name);
            if (existing != null) {
                ConsumerRules.checkUpdate(existing.config(), conf);
                existing.config(conf);
                persist(existing);
                return existing.info();
            }
            if (stream.maxConsumers() > 0 && consumers.size() >= stream.maxConsumers()) {
                throw new JsException(new JsError(400, 10026, "maximum consumers limit reached"));
            }
            ConsumerRules.checkRetention(conf, stream, consumers.values());
            if (name == null) {
                name = randomName();
            }
            long now = System.nanoTime();
            Consumer created = new Consumer(stream, this, name, conf, epochNanos(), now);
            created.start();
            consumers.put(name, created);
            count = consumers.size();
            persist(created);
            advisories.created(name);
            ObjectNode info = created.info();
            created.pump(now);
            return info;
        });
    }

    public ObjectNode info(String name) {
        return call(() -> find(name).info());
    }

    public boolean delete(String name) {
        return call(() -> {
            Consumer c = consumers.remove(name);
            if (c == null) {
                return false;
            }
            count = consumers.size();
            c.close();
            if (files != null) {
                files.delete(name);
            }
            advisories.deleted(name);
            releaseInterest();
            return true;
        });
    }

    public List<String> names() {
        return call(() -> List.copyOf(consumers.keySet()));
    }

    public List<ObjectNode> list() {
        return call(() -> consumers.values().stream().map(Consumer::info).toList());
    }

    /** CONSUMER.MSG.NEXT: handled on the consumer thread; the reply gets messages or a status. */
    public void pull(String name, String reply, byte[] body) {
        thread.execute(() -> {
            Consumer c = consumers.get(name);
            if (c != null) {
                c.pull(reply, body, System.nanoTime());
            }
        });
    }

    private Consumer find(String name) {
        Consumer c = consumers.get(name);
        if (c == null) {
            throw new JsException(new JsError(404, 10014, "consumer not found"));
        }
        return c;
    }

    private <T> T call(Callable<T> task) {
        try {
            return thread.submit(task).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof JsException j) {
                throw j;
            }
            throw new IllegalStateException(e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String randomName() {
        char[] c = new char[8];
        for (int i = 0; i < c.length; i++) {
            c[i] = NAME_CHARS.charAt(RANDOM.nextInt(NAME_CHARS.length()));
        }
        return new String(c);
    }

    // ---- events

    /** The stream's writer stored a message (called on the writer thread): consumers get to deliver it. */
    public void stored(long seq, String subject) {
        if (stream.retention().equals("interest")) {
            thread.execute(() -> {
                for (Consumer c : consumers.values()) {
                    if (c.matches(subject)) {
                        return;
                    }
                }
                stream.store().remove(seq, false); // nobody is interested: interest retention keeps nothing
            });
        }
        if (pumpQueued.compareAndSet(false, true)) {
            thread.execute(() -> {
                pumpQueued.set(false);
                pumpAll();
            });
        }
    }

    private void pumpAll() {
        long now = System.nanoTime();
        for (Consumer c : consumers.values()) {
            c.pump(now);
        }
    }

    /** An ack's subject, body and reply, copied off the event loop. */
    private record Ack(String subject, String body, String reply) {
    }

    private void onFlowControl(String subject) {
        String[] t = subject.split("\\.");
        Consumer c = t.length == 5 ? consumers.get(t[3]) : null;
        if (c != null) {
            c.flowControlReply(subject, System.nanoTime());
        }
    }

    /** Token starts of the ack being parsed; consumer thread only. */
    private final int[] ackTokens = new int[10];

    private void onAck(String subject, String body, String reply) {
        // $JS.ACK.<stream>.<consumer>.<count>.<sseq>.<cseq>.<ts>.<pending>: the token starts, without a split
        // (one ack per message: the split's nine strings and arrays were the consumer thread's largest garbage).
        int[] at = ackTokens;
        int tokens = 1;
        for (int dot = subject.indexOf('.'); dot >= 0 && tokens < at.length; dot = subject.indexOf('.', dot + 1)) {
            at[tokens++] = dot + 1;
        }
        if (tokens < 9) {
            return;
        }
        Consumer c = consumers.get(subject.substring(at[3], at[4] - 1));
        if (c == null) {
            return;
        }
        long seq;
        try {
            seq = Long.parseLong(subject, at[5], at[6] - 1, 10);
        } catch (NumberFormatException e) {
            return;
        }
        c.ack(seq, body.trim(), reply, System.nanoTime());
    }

    /**
     * Interest retention after a consumer went away: messages every remaining consumer is done with are removed.
     * Cold path (a scan of the stream).
     */
    private void releaseInterest() {
        if (!stream.retention().equals("interest")) {
            return;
        }
        var st = stream.store().state();
        for (long seq = st.firstSeq(); seq <= st.lastSeq(); seq++) {
            boolean needed = false;
            for (Consumer c : consumers.values()) {
                needed |= !c.doneWith(seq);
            }
            if (!needed) {
                stream.store().remove(seq, false);
            }
        }
    }

    /** A consumer is done with {@code seq}: workqueue and interest streams drop it when nobody needs it. */
    void acked(Consumer by, long seq) {
        String retention = stream.retention();
        if (retention.equals("limits")) {
            return;
        }
        if (retention.equals("interest")) {
            for (Consumer c : consumers.values()) {
                if (c != by && !c.doneWith(seq)) {
                    return;
                }
            }
        }
        stream.store().remove(seq, false);
    }

    private void tick() {
        try {
            long now = System.nanoTime();
            List<String> inactive = null;
            for (Consumer c : consumers.values()) {
                if (c.tick(now)) {
                    if (inactive == null) {
                        inactive = new ArrayList<>();
                    }
                    inactive.add(c.name);
                }
                persist(c);
            }
            if (inactive != null) {
                for (String n : inactive) {
                    Consumer c = consumers.remove(n);
                    c.close();
                    if (files != null) {
                        files.delete(n);
                    }
                    advisories.deleted(n);
                }
                count = consumers.size();
                releaseInterest();
            }
        } catch (RuntimeException e) {
            LOG.error("stream {}: consumer tick failed", stream.name(), e);
        }
    }

    private void persist(Consumer c) {
        if (c.takeDirty() && files != null && c.config().durableConsumer()) {
            files.write(c);
        }
    }

    /** Stops the thread; {@code deleteFiles} for a deleted stream (its directory goes anyway). */
    @Override
    public void close() {
        for (var s : subscriptions) {
            stream.account().unsubscribeInternal(s);
        }
        try {
            thread.submit(() -> {
                for (Consumer c : consumers.values()) {
                    persist(c);
                    c.close();
                }
            }).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("stream {}: consumers did not stop cleanly: {}", stream.name(), e.toString());
        }
        thread.shutdown();
    }
}
