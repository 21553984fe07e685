package io.jnatsd.account;

import io.jnatsd.subject.SubjectIndex;
import io.jnatsd.subject.Subscription;
import io.jnatsd.subject.transform.SubjectMappings;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A namespace of subjects: clients of one account never see another's messages unless an export and an import say
 * so. Owns two subject indexes: the clients' subscriptions, and the server's own ({@link InternalSubscriber}s for
 * imports, reply mappings and system services), kept apart so the clients' index and its match cache stay as they
 * are when the server adds or removes its entries.
 *
 * @param <C> the client type kept in the index
 */
public final class Account<C> {
    /** The account every client uses when no accounts are configured (nats-server's "$G"). */
    public static final String GLOBAL = "$G";
    /** The system account's name when none is configured. */
    public static final String SYSTEM = "$SYS";

    private final String name;
    private final SubjectIndex<C> index;
    private final SubjectIndex<InternalSubscriber<C>> internal = new SubjectIndex<>();
    /** Volatile: an account JWT update replaces them while clients use the account. */
    private volatile List<Export> exports;
    private volatile AccountLimits limits;
    /** Operator mode: the account JWT this account was built from (null otherwise) and its decoded claims. */
    private volatile String jwt;
    private volatile io.jnatsd.auth.jwt.AccountClaims claims;
    private final long createdEpochNanos;
    /** Subject mappings applied to what this account's clients publish; null = none (one null check per PUB). */
    private volatile SubjectMappings mappings;
    /** One volatile read per publish tells the router whether the internal index needs a look. */
    private volatile boolean hasInternal;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicLong totalConnections = new AtomicLong();
    private final AtomicLong internalSids = new AtomicLong();
    private final AtomicLong slowConsumers = new AtomicLong();

    public Account(String name) {
        this(name, List.of(), AccountLimits.NONE);
    }

    public Account(String name, List<Export> exports, AccountLimits limits) {
        this.name = name;
        this.index = new SubjectIndex<>();
        this.exports = List.copyOf(exports);
        this.limits = limits;
        java.time.Instant now = java.time.Instant.now();
        this.createdEpochNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    public String name() {
        return name;
    }

    /** The clients' subscriptions. */
    public SubjectIndex<C> index() {
        return index;
    }

    /** The server's own subscriptions in this account. */
    public SubjectIndex<InternalSubscriber<C>> internal() {
        return internal;
    }

    public boolean hasInternal() {
        return hasInternal;
    }

    /** Whether any client subscribes in this account now. */
    public boolean hasSubscribers() {
        return index.count() > 0;
    }

    /** Adds a server-side subscription on {@code subject} (wildcards allowed); returned for removal. */
    public Subscription<InternalSubscriber<C>> subscribeInternal(String subject, InternalSubscriber<C> handler) {
        byte[] sid = Long.toString(internalSids.incrementAndGet()).getBytes(StandardCharsets.US_ASCII);
        Subscription<InternalSubscriber<C>> s =
                new Subscription<>(handler, subject.getBytes(StandardCharsets.UTF_8), null, sid);
        internal.insert(s);
        hasInternal = true;
        return s;
    }

    public void unsubscribeInternal(Subscription<InternalSubscriber<C>> s) {
        s.closed = true;
        internal.remove(s);
    }

    /** Null when the account maps nothing. */
    public SubjectMappings mappings() {
        return mappings;
    }

    /** Set at start, and for the global account again on a reload of the top-level mappings. */
    public void mappings(SubjectMappings m) {
        mappings = m == null || m.isEmpty() ? null : m;
    }

    public List<Export> exports() {
        return exports;
    }

    /** The service export covering {@code subject}, or null. */
    public Export serviceExport(String subject) {
        for (Export e : exports) {
            if (e.service() && io.jnatsd.auth.SubjectPattern.covers(e.subject(), subject)) {
                return e;
            }
        }
        return null;
    }

    public AccountLimits limits() {
        return limits;
    }

    /** Operator mode: takes the exports, limits and claims of a (new) account JWT. */
    public void claims(String token, io.jnatsd.auth.jwt.AccountClaims c, List<Export> newExports,
            AccountLimits newLimits) {
        exports = List.copyOf(newExports);
        limits = newLimits;
        claims = c;
        jwt = token;
    }

    /** The account JWT in operator mode; null otherwise. */
    public String jwt() {
        return jwt;
    }

    /** The decoded account JWT in operator mode; null otherwise. */
    public io.jnatsd.auth.jwt.AccountClaims claims() {
        return claims;
    }

    public long createdEpochNanos() {
        return createdEpochNanos;
    }

    /** Counts a new client; false (and nothing counted) when the account's max_connections is reached. */
    public boolean addConnection() {
        int max = limits.maxConnections();
        while (true) {
            int n = connections.get();
            if (max >= 0 && n >= max) {
                return false;
            }
            if (connections.compareAndSet(n, n + 1)) {
                totalConnections.incrementAndGet();
                return true;
            }
        }
    }

    public void removeConnection() {
        connections.decrementAndGet();
    }

    public int connections() {
        return connections.get();
    }

    public long totalConnections() {
        return totalConnections.get();
    }

    public void countSlowConsumer() {
        slowConsumers.incrementAndGet();
    }

    public long slowConsumers() {
        return slowConsumers.get();
    }

    @Override
    public String toString() {
        return "Account[" + name + "]";
    }
}
