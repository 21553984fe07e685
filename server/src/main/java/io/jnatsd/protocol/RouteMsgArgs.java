package io.jnatsd.protocol;

/**
 * The route-only parts of an RMSG/HMSG line, beside the {@link PubArgs} of the same message: the account token and
 * the queue groups the sender picked this server for. Offsets point into the same buffer as the PubArgs. Reused for
 * every message; valid only during the handler call.
 */
public final class RouteMsgArgs {
    public int accountOff;
    public int accountLen;
    /** Queue names after the '+ reply' or '|' marker; 0 = a plain RMSG (deliver to plain subscriptions only). */
    public int queueCount;
    public int[] queueOff = new int[8];
    public int[] queueLen = new int[8];

    void addQueue(int off, int len) {
        if (queueCount == queueOff.length) {
            queueOff = java.util.Arrays.copyOf(queueOff, queueCount * 2);
            queueLen = java.util.Arrays.copyOf(queueLen, queueCount * 2);
        }
        queueOff[queueCount] = off;
        queueLen[queueCount] = len;
        queueCount++;
    }

    void shift(int delta) {
        accountOff += delta;
        for (int i = 0; i < queueCount; i++) {
            queueOff[i] += delta;
        }
    }
}
