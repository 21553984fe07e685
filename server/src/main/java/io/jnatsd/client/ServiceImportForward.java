package io.jnatsd.client;

import io.jnatsd.account.Account;
import io.jnatsd.account.Export;
import io.jnatsd.account.InternalSubscriber;
import io.jnatsd.account.SubjectRewrite;
import io.jnatsd.protocol.PubArgs;

import java.nio.charset.StandardCharsets;

/**
 * A service import, installed in the importing account on its local subject: a request published there is routed in
 * the exporting account under the exported subject, with a reply subject of the exporter's {@link ServiceReplies}
 * (so the responder never sees the requester's inbox) and, as nats-server adds it, a {@code Nats-Request-Info}
 * header naming the requesting account and its round-trip time.
 */
final class ServiceImportForward implements InternalSubscriber<ClientConnection> {
    private static final byte[] HEADER_LINE = "NATS/1.0\r\n".getBytes(StandardCharsets.US_ASCII);

    private final Account<ClientConnection> importer;
    private final Account<ClientConnection> exporter;
    private final SubjectRewrite rewrite;
    private final Export export;
    private final ServiceReplies replies;

    ServiceImportForward(Account<ClientConnection> importer, Account<ClientConnection> exporter,
            SubjectRewrite rewrite, Export export, ServiceReplies replies) {
        this.importer = importer;
        this.exporter = exporter;
        this.rewrite = rewrite;
        this.export = export;
        this.replies = replies;
    }

    @Override
    public boolean onMessage(ClientConnection publisher, PubArgs p, byte[] payload, int payloadOff) {
        byte[] subject = rewrite.apply(p.buf, p.subjectOff, p.subjectLen);
        byte[] reply = p.replyLen == 0 ? null
                : replies.track(p.replyBytes(), export.responseType(), export.responseThreshold());
        long rtt = publisher == null ? 0 : publisher.rttNanos();
        String info = "Nats-Request-Info: {\"acc\":\"" + importer.name() + "\",\"rtt\":" + rtt + "}\r\n";
        byte[] infoBytes = info.getBytes(StandardCharsets.UTF_8);
        byte[] body;
        int headerSize;
        if (p.headerSize > 0) {
            // Insert before the blank line that ends the client's header block.
            int end = p.headerSize - 2;
            headerSize = p.headerSize + infoBytes.length;
            body = new byte[p.totalSize + infoBytes.length];
            System.arraycopy(payload, payloadOff, body, 0, end);
            System.arraycopy(infoBytes, 0, body, end, infoBytes.length);
            System.arraycopy(payload, payloadOff + end, body, end + infoBytes.length, p.totalSize - end);
        } else {
            int plain = p.totalSize - Math.max(p.headerSize, 0);
            headerSize = HEADER_LINE.length + infoBytes.length + 2;
            body = new byte[headerSize + plain];
            System.arraycopy(HEADER_LINE, 0, body, 0, HEADER_LINE.length);
            System.arraycopy(infoBytes, 0, body, HEADER_LINE.length, infoBytes.length);
            body[headerSize - 2] = '\r';
            body[headerSize - 1] = '\n';
            System.arraycopy(payload, payloadOff + Math.max(p.headerSize, 0), body, headerSize, plain);
        }
        PubArgs request = PubArgs.of(subject, reply, headerSize, body.length);
        // In a cluster also to the exporter's routes; the import takes no routed requests (the requester's server
        // forwards them), so each request is forwarded once.
        MessageRouter.forward(publisher, exporter, request, body, 0);
        return true; // as nats-server: the import took it, so a requester gets no "no responders" status
    }
}
