package io.jnatsd.monitor;

import io.jnatsd.client.ClientConnection;
import io.jnatsd.client.ClientRegistry;

/**
 * Server-wide message totals: the live connections' own counters plus the sums the registry kept of closed ones.
 * Summed per request, so the message path never writes a shared counter.
 */
final class Totals {
    int connections;
    long inMsgs;
    long outMsgs;
    long inBytes;
    long outBytes;

    static Totals of(ClientRegistry reg) {
        Totals t = new Totals();
        java.util.List<ClientConnection> live;
        synchronized (reg) { // the registry moves a closing connection from live to closed under this lock
            t.inMsgs = reg.closedInMsgs();
            t.outMsgs = reg.closedOutMsgs();
            t.inBytes = reg.closedInBytes();
            t.outBytes = reg.closedOutBytes();
            live = reg.snapshot();
        }
        for (ClientConnection c : live) {
            t.connections++;
            t.inMsgs += c.inMsgs();
            t.outMsgs += c.outMsgs();
            t.inBytes += c.inBytes();
            t.outBytes += c.outBytes();
        }
        return t;
    }
}
