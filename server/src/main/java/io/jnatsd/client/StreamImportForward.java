package io.jnatsd.client;

import io.jnatsd.account.Account;
import io.jnatsd.account.InternalSubscriber;
import io.jnatsd.account.SubjectRewrite;
import io.jnatsd.protocol.PubArgs;

/**
 * A stream import, installed in the exporting account on the imported subject: each message published there is
 * routed again in the importing account under its local subject (prefix or {@code to} applied), reply unchanged.
 */
final class StreamImportForward implements InternalSubscriber<ClientConnection> {
    private final Account<ClientConnection> importer;
    private final SubjectRewrite rewrite;

    StreamImportForward(Account<ClientConnection> importer, SubjectRewrite rewrite) {
        this.importer = importer;
        this.rewrite = rewrite;
    }

    @Override
    public boolean onMessage(ClientConnection publisher, PubArgs p, byte[] payload, int payloadOff) {
        byte[] subject = rewrite.apply(p.buf, p.subjectOff, p.subjectLen);
        // A JetStream delivery keeps showing the stored message's subject (a mirror's feed reads it from there).
        PubArgs local = p.shownLen > 0
                ? PubArgs.delivery(subject, java.util.Arrays.copyOfRange(p.buf, p.shownOff, p.shownOff + p.shownLen),
                        p.replyBytes(), p.headerSize, p.totalSize)
                : PubArgs.of(subject, p.replyBytes(), p.headerSize, p.totalSize);
        // A stream import does not count as an answer for no-responders: only the exporter's own delivery does.
        // Local clients only: every server with the import announces the exported subject and maps it itself.
        MessageRouter.forwardLocal(publisher, importer, local, payload, payloadOff);
        return false;
    }

    /** A message published on another server in the exporting account is mapped here for this server's clients. */
    @Override
    public boolean takesRouted() {
        return true;
    }
}
