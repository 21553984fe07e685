package io.jnatsd.subject;

import java.nio.charset.StandardCharsets;

/**
 * One client subscription. Immutable routing identity (subject, queue, sid) plus delivery bookkeeping that only the
 * subscriber's outbound lock guards ({@link #delivered}, {@link #maxMsgs}).
 *
 * @param <C> the subscriber (a client connection; kept generic so the index does not depend on the client package)
 */
public final class Subscription<C> {
    private final C subscriber;
    private final byte[] subject;
    private final String queue;
    private final byte[] sid;

    /** Position in the owning node's list, for O(1) removal; maintained by {@link SubjectIndex}. */
    int slot = -1;

    /** Messages delivered so far; guarded by the subscriber's outbound lock. */
    public long delivered;
    /** Auto-unsubscribe limit, 0 = none; guarded by the subscriber's outbound lock. */
    public long maxMsgs;
    /** Set once the subscription left the index; deliveries racing with the removal are dropped. */
    public volatile boolean closed;

    public Subscription(C subscriber, byte[] subject, String queue, byte[] sid) {
        this.subscriber = subscriber;
        this.subject = subject;
        this.queue = queue;
        this.sid = sid;
    }

    /** The result of a subject that matched this subscription alone: made once, shared (results are immutable). */
    private MatchResult<C> alone;

    @SuppressWarnings("unchecked")
    MatchResult<C> alone() {
        MatchResult<C> r = alone;
        if (r == null) {
            // A benign race: two threads may each make one; both are equal and either is kept.
            r = new MatchResult<>(new Subscription[] {this}, MatchResult.noQueueGroups());
            alone = r;
        }
        return r;
    }

    public C subscriber() {
        return subscriber;
    }

    public byte[] subject() {
        return subject;
    }

    public String subjectString() {
        return new String(subject, StandardCharsets.UTF_8);
    }

    /** Null for a plain subscription. */
    public String queue() {
        return queue;
    }

    public byte[] sid() {
        return sid;
    }

    @Override
    public String toString() {
        return "Subscription[" + subjectString() + (queue == null ? "" : " " + queue) + " sid="
                + new String(sid, StandardCharsets.UTF_8) + "]";
    }
}
