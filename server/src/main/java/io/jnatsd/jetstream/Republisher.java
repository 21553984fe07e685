package io.jnatsd.jetstream;

import io.jnatsd.account.Account;
import io.jnatsd.client.ClientConnection;
import io.jnatsd.client.InternalPublisher;

import java.nio.charset.StandardCharsets;

/**
 * A stream's {@code republish}: each stored message whose subject matches {@code src} goes out again on the mapped
 * {@code dest}, before the pub ack, with the message's headers plus Nats-Stream, Nats-Subject, Nats-Sequence and
 * Nats-Last-Sequence (the last sequence on the same subject before it), and with {@code headers_only} Nats-Msg-Size instead
 * of the payload, as nats-server 2.9.10 sends them.
 */
final class Republisher {
    private static final byte[] EMPTY = new byte[0];

    private Republisher() {
    }

    static void publish(Account<ClientConnection> account, String stream, StreamExtras.Republish r, String subject,
            long seq, long lastSeq, byte[] headers, byte[] data) {
        String dest = r.transform().apply(subject);
        if (dest == null) {
            return;
        }
        StringBuilder h = new StringBuilder(128);
        if (headers.length > 0) {
            h.append(new String(headers, 0, headers.length - 2, StandardCharsets.UTF_8)); // without the blank line
        } else {
            h.append("NATS/1.0\r\n");
        }
        h.append("Nats-Stream: ").append(stream).append("\r\nNats-Subject: ").append(subject)
                .append("\r\nNats-Sequence: ").append(seq).append("\r\nNats-Last-Sequence: ").append(lastSeq)
                .append("\r\n");
        if (r.headersOnly()) {
            h.append("Nats-Msg-Size: ").append(data.length).append("\r\n");
        }
        h.append("\r\n");
        InternalPublisher.publish(account, dest, null, h.toString().getBytes(StandardCharsets.UTF_8),
                r.headersOnly() ? EMPTY : data);
    }
}
