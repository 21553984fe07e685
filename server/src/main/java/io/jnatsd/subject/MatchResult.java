package io.jnatsd.subject;

/**
 * What a subject matched: plain subscriptions, and the members of each matching queue group (merged by queue name
 * across subjects, as nats-server does). Immutable, so it is shared freely through the match caches.
 */
public final class MatchResult<C> {
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static final MatchResult<?> EMPTY = new MatchResult(new Subscription[0], new Subscription[0][]);

    private final Subscription<C>[] plain;
    private final Subscription<C>[][] queueGroups;

    MatchResult(Subscription<C>[] plain, Subscription<C>[][] queueGroups) {
        this.plain = plain;
        this.queueGroups = queueGroups;
    }

    @SuppressWarnings("rawtypes")
    private static final Subscription[][] NO_GROUPS = new Subscription[0][];

    @SuppressWarnings("unchecked")
    static <C> Subscription<C>[][] noQueueGroups() {
        return NO_GROUPS;
    }

    @SuppressWarnings("unchecked")
    public static <C> MatchResult<C> empty() {
        return (MatchResult<C>) EMPTY;
    }

    /** Do not modify: shared. */
    public Subscription<C>[] plain() {
        return plain;
    }

    /** One array of members per queue group. Do not modify: shared. */
    public Subscription<C>[][] queueGroups() {
        return queueGroups;
    }

    public boolean isEmpty() {
        return plain.length == 0 && queueGroups.length == 0;
    }
}
