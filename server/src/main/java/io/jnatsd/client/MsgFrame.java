package io.jnatsd.client;

import io.jnatsd.protocol.PubArgs;

/**
 * The parts of a MSG/HMSG line that are the same for every subscriber of one published message, built once per
 * message: {@code pre} = "MSG subject " and {@code post} = " [reply ]size\r\n" (or the HMSG forms). A delivery then
 * copies pre, the subscriber's sid, post, the payload and CRLF: four array copies, nothing formatted per subscriber.
 * Owned by one event loop thread and reused for every message.
 */
final class MsgFrame {
    byte[] pre = new byte[256];
    int preLen;
    byte[] post = new byte[64];
    int postLen;
    /** The same for subscribers that did not declare headers: the header block is cut off. */
    byte[] strippedPre = new byte[256];
    int strippedPreLen;
    byte[] strippedPost = new byte[64];
    int strippedPostLen;
    private boolean strippedReady;
    private PubArgs args;

    /** Headers are sent as HMSG only when the block is not empty (nats-server sends HPUB with 0 header bytes as MSG). */
    boolean hasHeaders;

    void prepare(PubArgs p) {
        args = p;
        hasHeaders = p.headerSize > 0;
        strippedReady = false;
        byte[] a = p.buf;
        // JetStream deliveries show the stored message's subject while routing on an inbox (PubArgs.delivery).
        int shownOff = p.shownLen > 0 ? p.shownOff : p.subjectOff;
        int shownLen = p.shownLen > 0 ? p.shownLen : p.subjectLen;
        int need = 6 + shownLen;
        if (pre.length < need) {
            pre = new byte[need * 2];
        }
        int n = 0;
        if (hasHeaders) {
            pre[n++] = 'H';
        }
        pre[n++] = 'M';
        pre[n++] = 'S';
        pre[n++] = 'G';
        pre[n++] = ' ';
        System.arraycopy(a, shownOff, pre, n, shownLen);
        n += shownLen;
        pre[n++] = ' ';
        preLen = n;

        // three spaces and CRLF (one byte short before: a JetStream delivery with headers and a long ack reply
        // whose line filled exactly the buffer threw ArrayIndexOutOfBounds)
        need = 5 + p.replyLen + p.hdrLen + p.sizeLen;
        if (post.length < need) {
            post = new byte[need * 2];
        }
        n = 0;
        post[n++] = ' ';
        if (p.replyLen > 0) {
            System.arraycopy(a, p.replyOff, post, n, p.replyLen);
            n += p.replyLen;
            post[n++] = ' ';
        }
        if (hasHeaders) {
            System.arraycopy(a, p.hdrOff, post, n, p.hdrLen);
            n += p.hdrLen;
            post[n++] = ' ';
        }
        // The publisher's own size digits: no number formatting on the hot path.
        System.arraycopy(a, p.sizeOff, post, n, p.sizeLen);
        n += p.sizeLen;
        post[n++] = '\r';
        post[n++] = '\n';
        postLen = n;
    }

    /** Builds the header-less variant on first use (cold: only for subscribers without header support). */
    void prepareStripped() {
        if (strippedReady) {
            return;
        }
        strippedReady = true;
        PubArgs p = args;
        int skip = 1; // drop the leading 'H' of "HMSG "
        strippedPreLen = preLen - skip;
        if (strippedPre.length < strippedPreLen) {
            strippedPre = new byte[strippedPreLen * 2];
        }
        System.arraycopy(pre, skip, strippedPre, 0, strippedPreLen);
        String size = Integer.toString(p.totalSize - Math.max(p.headerSize, 0));
        int need = 4 + p.replyLen + size.length();
        if (strippedPost.length < need) {
            strippedPost = new byte[need * 2];
        }
        int n = 0;
        strippedPost[n++] = ' ';
        if (p.replyLen > 0) {
            System.arraycopy(p.buf, p.replyOff, strippedPost, n, p.replyLen);
            n += p.replyLen;
            strippedPost[n++] = ' ';
        }
        for (int i = 0; i < size.length(); i++) {
            strippedPost[n++] = (byte) size.charAt(i);
        }
        strippedPost[n++] = '\r';
        strippedPost[n++] = '\n';
        strippedPostLen = n;
    }
}
