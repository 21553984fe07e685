package io.jnatsd.account;

import io.jnatsd.protocol.PubArgs;

/**
 * A subscription held by the server itself rather than a client: an import forwarding messages to another account,
 * a service reply mapping, a system service answering requests. Called on the publisher's thread while the message is
 * routed; the arguments are valid only during the call.
 *
 * @param <C> the client type (the publisher; null when the server itself published)
 */
@FunctionalInterface
public interface InternalSubscriber<C> {
    /** @return true when the message was delivered to someone (a requester then gets no "no responders" status) */
    boolean onMessage(C publisher, PubArgs p, byte[] payload, int payloadOff);

    /**
     * Cluster: whether this subscriber also takes messages that arrived from a route, and so whether its interest is
     * announced to the routes. No by default: a service import is forwarded by its requester's own server (as
     * nats-server ignores routed messages for service imports), and JetStream, auth callout and claims stay local.
     */
    default boolean takesRouted() {
        return false;
    }

    /** {@code handler}, also taking messages from routes (system services every server of a cluster answers). */
    static <C> InternalSubscriber<C> clusterWide(InternalSubscriber<C> handler) {
        return new InternalSubscriber<>() {
            @Override
            public boolean onMessage(C publisher, PubArgs p, byte[] payload, int payloadOff) {
                return handler.onMessage(publisher, p, payload, payloadOff);
            }

            @Override
            public boolean takesRouted() {
                return true;
            }
        };
    }
}
