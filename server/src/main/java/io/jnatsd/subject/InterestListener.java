package io.jnatsd.subject;

/**
 * Told of every subscription added to or removed from a {@link SubjectIndex}, under the index's write lock, so the
 * calls arrive in the order the index changed (the cluster turns them into RS+/RS- for its routes).
 */
public interface InterestListener<C> {
    void added(Subscription<C> sub);

    void removed(Subscription<C> sub);
}
