package io.jnatsd.client;

import io.jnatsd.account.Account;
import io.jnatsd.protocol.PubArgs;
import io.jnatsd.subject.MatchResult;

/**
 * The cluster's side of routing a message a local client published: one RMSG per route with matching interest.
 * Null in {@link ClientContext} when the server has no cluster, so a server without routes pays one null check.
 */
public interface RouteFanout {
    /**
     * Called on the publisher's loop after local delivery.
     *
     * @param local what the account's local index matched (local queue groups win over remote members)
     * @return true if at least one route was sent the message
     */
    boolean publish(Account<ClientConnection> account, PubArgs p, byte[] payload, int payloadOff,
            MatchResult<ClientConnection> local);

    /** Whether any route asked for {@code subject} in {@code account} (cold path: events built only when wanted). */
    boolean interested(Account<ClientConnection> account, byte[] subject);
}
