package io.jnatsd.protocol;

/**
 * What the client protocol parser calls, one method per operation. Byte ranges are valid only during the call.
 * A method may throw {@link ProtocolException} to stop processing.
 */
public interface ProtocolHandler {
    void onConnect(byte[] b, int off, int len);

    /** @param payload holds {@code args.totalSize} bytes (headers first) at {@code payloadOff} */
    void onPub(PubArgs args, byte[] payload, int payloadOff);

    /** @param queueLen 0 for a plain subscription */
    void onSub(byte[] b, int subjectOff, int subjectLen, int queueOff, int queueLen, int sidOff, int sidLen);

    /** @param max -1 when absent, -2 when present but not a number */
    void onUnsub(byte[] b, int sidOff, int sidLen, long max);

    void onPing();

    void onPong();

    void onInfo(byte[] b, int off, int len);

    void onOk();

    void onErr(byte[] b, int off, int len);
}
