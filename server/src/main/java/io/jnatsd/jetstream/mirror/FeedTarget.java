package io.jnatsd.jetstream.mirror;

import io.jnatsd.account.Account;
import io.jnatsd.client.ClientConnection;

import java.util.concurrent.ScheduledExecutorService;

/** The stream a mirror or source feeds: what an {@link OriginFeed} needs of it. */
public interface FeedTarget {
    String name();

    Account<ClientConnection> account();

    /** The stream's writer thread: every store and every feed state change runs there. */
    ScheduledExecutorService writer();

    /** Writer thread: the stream's last sequence (a mirror resumes after it). */
    long lastSeq();

    /** Writer thread: the last origin sequence recorded in {@code Nats-Stream-Source} for {@code indexName}, 0 none. */
    long lastSourced(String indexName);

    /**
     * Writer thread: stores a copied message.
     *
     * @param atSeq a mirror's origin sequence (the message is stored at exactly that sequence), 0 for a source
     * @return null when stored (or already there), else why not (account limits, a full stream)
     */
    Origins.Refusal storeFed(String subject, byte[] headers, byte[] data, long timestampNanos, long atSeq);
}
