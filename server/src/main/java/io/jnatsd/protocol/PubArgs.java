package io.jnatsd.protocol;

import java.nio.charset.StandardCharsets;

/**
 * Flyweight over the arguments of the PUB/HPUB being processed: offsets into {@link #buf} (the read buffer, or the
 * parser's scratch area when the frame was split). Valid only during the handler call; reused for every message.
 */
public final class PubArgs {
    public byte[] buf;
    public int subjectOff;
    public int subjectLen;
    /** 0 when there is no reply subject. */
    public int replyOff;
    public int replyLen;
    /** ASCII digits of the total size, as the client sent them (reused verbatim in MSG lines). */
    public int sizeOff;
    public int sizeLen;
    /** ASCII digits of the header size; 0 length for PUB. */
    public int hdrOff;
    public int hdrLen;
    /** Header bytes at the start of the payload, -1 for PUB. */
    public int headerSize;
    /** Payload bytes including headers. */
    public int totalSize;
    /**
     * JetStream delivery only (see {@link #delivery}): the subject shown in the MSG line when it differs from the
     * subject routed on (a stored message's own subject, delivered to a pull request's inbox or a deliver subject).
     * 0 length: show the routed subject. The parser never sets it.
     */
    public int shownOff;
    public int shownLen;

    public boolean hasHeaders() {
        return headerSize >= 0;
    }

    public boolean hasReply() {
        return replyLen > 0;
    }

    /**
     * Arguments for a message the server routes itself (an import forwarding, a service reply, a system event), laid
     * out as the parser would leave them: "subject [reply] [hdr] total". Cold path: allocates.
     *
     * @param reply null or empty for none
     * @param headerSize -1 for a message without headers
     */
    public static PubArgs of(byte[] subject, byte[] reply, int headerSize, int totalSize) {
        return build(subject, reply, headerSize, totalSize, 0);
    }

    /** The line's fields in one array of which {@code extra} bytes at the end are left for the caller. */
    private static PubArgs build(byte[] subject, byte[] reply, int headerSize, int totalSize, int extra) {
        int hdrLen = headerSize >= 0 ? digits(headerSize) : 0;
        int sizeLen = digits(totalSize);
        int replyLen = reply == null ? 0 : reply.length;
        byte[] b = new byte[subject.length + 1 + (replyLen > 0 ? replyLen + 1 : 0) + (hdrLen > 0 ? hdrLen + 1 : 0)
                + sizeLen + extra];
        PubArgs p = new PubArgs();
        p.buf = b;
        int n = 0;
        System.arraycopy(subject, 0, b, n, subject.length);
        p.subjectOff = n;
        p.subjectLen = subject.length;
        n += subject.length;
        b[n++] = ' ';
        if (replyLen > 0) {
            System.arraycopy(reply, 0, b, n, replyLen);
            p.replyOff = n;
            p.replyLen = replyLen;
            n += replyLen;
            b[n++] = ' ';
        }
        if (hdrLen > 0) {
            writeDigits(b, n, hdrLen, headerSize);
            p.hdrOff = n;
            p.hdrLen = hdrLen;
            n += hdrLen;
            b[n++] = ' ';
        }
        writeDigits(b, n, sizeLen, totalSize);
        p.sizeOff = n;
        p.sizeLen = sizeLen;
        p.headerSize = headerSize;
        p.totalSize = totalSize;
        return p;
    }

    private static int digits(int v) {
        int d = 1;
        while (v >= 10) {
            v /= 10;
            d++;
        }
        return d;
    }

    /** Writes non-negative {@code v}, {@code len} digits long, at {@code at}. */
    private static void writeDigits(byte[] b, int at, int len, int v) {
        for (int i = at + len - 1; i >= at; i--) {
            b[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
    }

    /**
     * A message routed on {@code route} (who receives it) but shown with {@code shown} as its subject in the MSG line,
     * as JetStream delivers stored messages. One array for the whole line (a delivery per stored message).
     */
    public static PubArgs delivery(byte[] route, byte[] shown, byte[] reply, int headerSize, int totalSize) {
        PubArgs p = build(route, reply, headerSize, totalSize, 1 + shown.length);
        byte[] b = p.buf;
        int at = b.length - shown.length - 1;
        b[at] = ' ';
        System.arraycopy(shown, 0, b, at + 1, shown.length);
        p.shownOff = at + 1;
        p.shownLen = shown.length;
        return p;
    }

    /** The subject's bytes (a copy). */
    public byte[] subjectBytes() {
        return java.util.Arrays.copyOfRange(buf, subjectOff, subjectOff + subjectLen);
    }

    /** The reply's bytes (a copy), null when there is none. */
    public byte[] replyBytes() {
        return replyLen == 0 ? null : java.util.Arrays.copyOfRange(buf, replyOff, replyOff + replyLen);
    }

    void shift(byte[] newBuf, int delta) {
        buf = newBuf;
        subjectOff += delta;
        if (replyLen > 0) {
            replyOff += delta;
        }
        sizeOff += delta;
        if (hdrLen > 0) {
            hdrOff += delta;
        }
    }

    public String subject() {
        return new String(buf, subjectOff, subjectLen, StandardCharsets.UTF_8);
    }

    public String reply() {
        return replyLen == 0 ? null : new String(buf, replyOff, replyLen, StandardCharsets.UTF_8);
    }
}
