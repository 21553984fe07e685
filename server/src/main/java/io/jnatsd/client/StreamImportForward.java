package io.jnatsd.client;

import io.jnatsd.account.Account;
import io.jnatsd.account.ImportedStream;
import io.jnatsd.account.InternalSubscriber;
import io.jnatsd.account.SubjectRewrite;
import io.jnatsd.protocol.PubArgs;

/**
 * A stream import, installed in the exporting account on the imported subject: each message published there is
 * routed again in the importing account under its local subject (prefix or {@code to} applied), reply unchanged.
 */
final class StreamImportForward implements InternalSubscriber<ClientConnection>, ImportedStream {
    private final Account<ClientConnection> importer;
    private final SubjectRewrite rewrite;
    /** The import's subject in the exporting account and in the importing one, for shadow queue interest. */
    private final String exported;
    private final String local;
    private final SubjectRewrite back;

    StreamImportForward(Account<ClientConnection> importer, String exported, String local) {
        this.importer = importer;
        this.rewrite = SubjectRewrite.of(exported, local);
        this.exported = exported;
        this.local = local;
        this.back = SubjectRewrite.of(local, exported);
    }

    @Override
    public String importer() {
        return importer.name();
    }

    @Override
    public String shadowSubject(String subscribed) {
        if (subsetOf(subscribed, local)) {
            byte[] b = subscribed.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            return new String(back.apply(b, 0, b.length), java.nio.charset.StandardCharsets.UTF_8);
        }
        return subsetOf(local, subscribed) ? exported : null;
    }

    /** Whether every subject matching pattern {@code a} also matches pattern {@code b}. */
    static boolean subsetOf(String a, String b) {
        String[] x = a.split("\\.", -1);
        String[] y = b.split("\\.", -1);
        for (int i = 0; i < y.length; i++) {
            if (y[i].equals(">")) {
                return i < x.length;
            }
            if (i >= x.length || x[i].equals(">")) {
                return false;
            }
            if (!y[i].equals("*") && !y[i].equals(x[i])) {
                return false;
            }
        }
        return x.length == y.length;
    }

    @Override
    public boolean onMessage(ClientConnection publisher, PubArgs p, byte[] payload, int payloadOff) {
        byte[] subject = rewrite.apply(p.buf, p.subjectOff, p.subjectLen);
        // A JetStream delivery keeps showing the stored message's subject (a mirror's feed reads it from there).
        PubArgs mapped = p.shownLen > 0
                ? PubArgs.delivery(subject, java.util.Arrays.copyOfRange(p.buf, p.shownOff, p.shownOff + p.shownLen),
                        p.replyBytes(), p.headerSize, p.totalSize)
                : PubArgs.of(subject, p.replyBytes(), p.headerSize, p.totalSize);
        // A stream import does not count as an answer for no-responders: only the exporter's own delivery does.
        // Local clients only: every server with the import announces the exported subject and maps it itself.
        // From a route, queue groups only as the RMSG lists them (the sender chose one server per group).
        if (publisher == null && MessageRouter.routedQueues() != null) {
            MessageRouter.forwardRoutedImport(importer, mapped, payload, payloadOff);
        } else {
            MessageRouter.forwardLocal(publisher, importer, mapped, payload, payloadOff);
        }
        return false;
    }

    /** A message published on another server in the exporting account is mapped here for this server's clients. */
    @Override
    public boolean takesRouted() {
        return true;
    }
}
