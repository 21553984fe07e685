package io.jnatsd.auth;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * allow_responses of one connection: the reply subjects of requests it received, each good for {@code max}
 * publishes until it expires. Requests are recorded on the publisher's event loop and used on the subscriber's, so
 * the map is concurrent. Expired grants are pruned when the map grows, so a responder that never answers does not
 * leak memory.
 */
public final class ResponsePermissions {
    static final int PRUNE_AT = 1000;

    private final int max;
    private final long expiresNanos;
    private final ConcurrentHashMap<String, Grant> grants = new ConcurrentHashMap<>();

    private record Grant(AtomicInteger left, long deadline) {
    }

    public ResponsePermissions(Permissions p) {
        this.max = p.responseMax();
        this.expiresNanos = p.responseExpires().toNanos();
    }

    /** A request with this reply subject was delivered to the connection. */
    public void requestDelivered(String reply) {
        long now = System.nanoTime();
        if (grants.size() >= PRUNE_AT) {
            grants.values().removeIf(g -> expired(g, now));
        }
        // max < 0 in nats-server means unlimited publishes until expiry.
        grants.put(reply, new Grant(new AtomicInteger(max < 0 ? Integer.MAX_VALUE : max),
                expiresNanos <= 0 ? Long.MAX_VALUE : now + expiresNanos));
    }

    /** Uses one publish to {@code subject} if a live grant allows it. */
    public boolean tryPublish(String subject) {
        Grant g = grants.get(subject);
        if (g == null) {
            return false;
        }
        if (expired(g, System.nanoTime())) {
            grants.remove(subject, g);
            return false;
        }
        int left = g.left().decrementAndGet();
        if (left <= 0) {
            grants.remove(subject, g);
        }
        return left >= 0;
    }

    int size() {
        return grants.size();
    }

    private static boolean expired(Grant g, long now) {
        return g.deadline() != Long.MAX_VALUE && now - g.deadline() > 0;
    }
}
