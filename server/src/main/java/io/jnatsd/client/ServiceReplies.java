package io.jnatsd.client;

import io.jnatsd.account.Account;
import io.jnatsd.account.InternalSubscriber;
import io.jnatsd.account.ResponseType;
import io.jnatsd.protocol.PubArgs;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Responses of one exporting account's services to one importing account. Requests get a reply subject
 * {@code _R_.<prefix>.<token>} in the exporting account; one internal subscription on {@code _R_.<prefix>.>} maps a
 * response back to the requester's own reply subject in the importing account. A singleton mapping ends with its
 * first response, a stream or chunked one when the response threshold passes.
 */
final class ServiceReplies implements InternalSubscriber<ClientConnection> {
    private static final char[] ALPHABET =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Expired mappings are swept every this many new ones, so a service that never answers cannot grow the map. */
    private static final int SWEEP_EVERY = 1024;

    private record Pending(byte[] reply, boolean singleton, long expiresNanos) {
    }

    private final Account<ClientConnection> importer;
    private final String prefix;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong created = new AtomicLong();

    ServiceReplies(Account<ClientConnection> importer, Account<ClientConnection> exporter) {
        this.importer = importer;
        this.prefix = "_R_." + randomToken(6) + ".";
        exporter.subscribeInternal(prefix + ">", this);
    }

    /** A new reply subject for a request whose requester listens on {@code reply}. */
    byte[] track(byte[] reply, ResponseType type, Duration threshold) {
        String subject = prefix + randomToken(6) + Long.toString(created.incrementAndGet(), 36);
        long now = System.nanoTime();
        pending.put(subject, new Pending(reply, type == ResponseType.SINGLETON, now + threshold.toNanos()));
        if (created.get() % SWEEP_EVERY == 0) {
            pending.values().removeIf(p -> p.expiresNanos - now < 0);
        }
        return subject.getBytes(StandardCharsets.US_ASCII);
    }

    int size() {
        return pending.size();
    }

    @Override
    public boolean onMessage(ClientConnection responder, PubArgs p, byte[] payload, int payloadOff) {
        String subject = p.subject();
        Pending r = pending.get(subject);
        if (r == null) {
            return false;
        }
        if (r.expiresNanos - System.nanoTime() < 0) {
            pending.remove(subject, r);
            return false;
        }
        if (r.singleton) {
            pending.remove(subject, r);
        }
        PubArgs back = PubArgs.of(r.reply, p.replyBytes(), p.headerSize, p.totalSize);
        return MessageRouter.forward(responder, importer, back, payload, payloadOff);
    }

    private static String randomToken(int n) {
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(c);
    }

    /** A responder on another server answers through a route: its server saw this mapping's interest. */
    @Override
    public boolean takesRouted() {
        return true;
    }
}
