package io.jnatsd.client;

import io.jnatsd.account.Account;
import io.jnatsd.protocol.PubArgs;

import java.nio.charset.StandardCharsets;

/**
 * Publishes messages from the server itself (system events, answers to system requests) into an account, through
 * the same router as clients' messages. Call it from a server thread, not from inside the routing of a message.
 */
public final class InternalPublisher {
    private InternalPublisher() {
    }

    /** @param reply null for none */
    public static void publish(Account<ClientConnection> account, String subject, String reply, byte[] payload) {
        publish(null, account, subject, reply, payload);
    }

    /**
     * As {@link #publish(Account, String, String, byte[])}, and to the routes interested in it ({@code routes} null:
     * this server only), e.g. a system service's answer to a requester on another server.
     */
    public static void publish(RouteFanout routes, Account<ClientConnection> account, String subject, String reply,
            byte[] payload) {
        PubArgs p = PubArgs.of(subject.getBytes(StandardCharsets.UTF_8),
                reply == null ? null : reply.getBytes(StandardCharsets.UTF_8), -1, payload.length);
        MessageRouter.publishInternal(routes, account, p, payload, 0);
        FlushSet.current().flushAll(); // not inside a read batch: nothing else would flush these deliveries
    }

    /**
     * As {@link #publish(Account, String, String, byte[])} without a reply, but does not flush: call {@link #flush()}
     * after a batch (a stream's pub acks: one flush per batch, not per ack).
     */
    public static void publishUnflushed(Account<ClientConnection> account, String subject, byte[] payload) {
        PubArgs p = PubArgs.of(subject.getBytes(StandardCharsets.UTF_8), null, -1, payload.length);
        MessageRouter.publishInternal(null, account, p, payload, 0);
    }

    /** As {@link #publish}, with a header block ({@code NATS/1.0\r\n...\r\n\r\n}) before the payload. */
    public static void publish(Account<ClientConnection> account, String subject, String reply, byte[] headers,
            byte[] payload) {
        byte[] all = new byte[headers.length + payload.length];
        System.arraycopy(headers, 0, all, 0, headers.length);
        System.arraycopy(payload, 0, all, headers.length, payload.length);
        PubArgs p = PubArgs.of(subject.getBytes(StandardCharsets.UTF_8),
                reply == null ? null : reply.getBytes(StandardCharsets.UTF_8), headers.length, all.length);
        MessageRouter.forward(null, account, p, all, 0);
        FlushSet.current().flushAll();
    }

    /**
     * JetStream delivery: routes on {@code route} (a pull request's inbox, a push consumer's deliver subject) while the
     * MSG line shows the stored message's own {@code shown} subject, as nats-server delivers. One router, one path:
     * only the frame's subject differs (see {@link PubArgs#delivery}).
     *
     * Does not flush: call {@link #flush()} after a batch of deliveries.
     *
     * @param headers the header block, empty for none
     * @return true if anyone received it
     */
    public static boolean deliver(Account<ClientConnection> account, String route, String shown, String reply,
            byte[] headers, byte[] payload) {
        byte[] all = new byte[headers.length + payload.length];
        System.arraycopy(headers, 0, all, 0, headers.length);
        System.arraycopy(payload, 0, all, headers.length, payload.length);
        PubArgs p = PubArgs.delivery(route.getBytes(StandardCharsets.UTF_8), shown.getBytes(StandardCharsets.UTF_8),
                reply == null ? null : reply.getBytes(StandardCharsets.UTF_8),
                headers.length > 0 ? headers.length : -1, all.length);
        return MessageRouter.forward(null, account, p, all, 0);
    }

    /**
     * As {@link #deliver(Account, String, String, String, byte[], byte[])} with the subjects as bytes (a consumer
     * builds its ack subject as bytes, and keeps the others): no encoding, and no copy of a payload without headers.
     */
    public static boolean deliver(Account<ClientConnection> account, byte[] route, byte[] shown, byte[] reply,
            byte[] headers, byte[] payload) {
        byte[] all = payload;
        if (headers.length > 0) {
            all = new byte[headers.length + payload.length];
            System.arraycopy(headers, 0, all, 0, headers.length);
            System.arraycopy(payload, 0, all, headers.length, payload.length);
        }
        PubArgs p = PubArgs.delivery(route, shown, reply, headers.length > 0 ? headers.length : -1, all.length);
        return MessageRouter.forward(null, account, p, all, 0);
    }

    /** Flushes what {@link #deliver} queued on this thread: once per batch rather than once per message. */
    public static void flush() {
        FlushSet.current().flushAll();
    }
}
