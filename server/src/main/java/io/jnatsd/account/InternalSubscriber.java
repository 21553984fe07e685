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
}
