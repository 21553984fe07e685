package io.jnatsd.client;

import io.jnatsd.account.Account;
import io.jnatsd.protocol.PubArgs;
import io.jnatsd.protocol.RouteMsgArgs;

/**
 * Entry point for messages that arrived from a route (RMSG/HMSG): delivered to this server's clients only, never to
 * another route. Called on the route's event loop; {@link #flush()} once per read, as clients do.
 */
public final class RouteDelivery {
    private RouteDelivery() {
    }

    /**
     * Plain subscriptions always; queue groups only those listed in {@code r} (the sender picked this server for
     * them), one member each.
     */
    public static boolean deliver(Account<ClientConnection> account, PubArgs p, RouteMsgArgs r, byte[] payload,
            int payloadOff) {
        return MessageRouter.fromRoute(account, p, r, payload, payloadOff, FlushSet.current());
    }

    /** Flushes the clients that got messages during this read. */
    public static void flush() {
        FlushSet.current().flushAll();
    }
}
