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

    public boolean hasHeaders() {
        return headerSize >= 0;
    }

    public boolean hasReply() {
        return replyLen > 0;
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
