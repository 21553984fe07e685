package io.jnatsd.auth;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Subscribe deny entries applied to deliveries. A wildcard subscription ({@code foo.*}) passes a deny entry it is
 * not covered by ({@code foo.bar}); nats-server then keeps the denied subjects out of its deliveries, and so does
 * this filter. Deliveries run on publishers' loops, so the memo of subject → denied is concurrent; it is bounded
 * and cleared when full, like {@link PermissionCache}.
 */
public final class DeliveryFilter {
    static final int MAX_ENTRIES = 128;

    private final SubjectPermission deny;
    private final ConcurrentHashMap<String, Boolean> results = new ConcurrentHashMap<>();

    private DeliveryFilter(List<String> denyList) {
        this.deny = new SubjectPermission(null, denyList);
    }

    /** A filter for {@code subscribe}'s plain deny entries, or null when there are none (the common case). */
    public static DeliveryFilter of(SubjectPermission subscribe) {
        if (subscribe == null) {
            return null;
        }
        List<String> plain = subscribe.denyList().stream().filter(s -> s.indexOf(' ') < 0).toList();
        return plain.isEmpty() ? null : new DeliveryFilter(plain);
    }

    /** Whether a message on the literal {@code subject} must not be delivered. */
    public boolean denies(String subject) {
        Boolean r = results.get(subject);
        if (r == null) {
            if (results.size() >= MAX_ENTRIES) {
                results.clear();
            }
            r = !deny.permits(subject, null);
            results.put(subject, r);
        }
        return r;
    }
}
