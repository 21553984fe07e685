package io.jnatsd.monitor;

import io.jnatsd.client.ClientConnection;
import io.jnatsd.subject.Subscription;

import java.util.ArrayList;
import java.util.List;

/**
 * One connection's numbers at one moment: taken per request for open connections, once at close for the ring of
 * closed ones (which keeps no reference to the connection itself, so its buffers and parser can be collected).
 */
final class ConnRecord {
    final long cid;
    final String type;
    final String ip;
    final int port;
    final long start;
    final long lastActivity;
    /** Epoch nanos of the close; 0 while open. */
    final long stop;
    final String reason;
    final long rtt;
    final int pendingBytes;
    final long inMsgs;
    final long outMsgs;
    final long inBytes;
    final long outBytes;
    final int subscriptions;
    final String name;
    final String lang;
    final String version;
    /** "1.2", "1.3" for a TLS connection, else null; with the negotiated suite. */
    final String tlsVersion;
    final String tlsCipher;
    final String user;
    final String account;
    /** A user JWT login's token and what /connz shows of it; null otherwise. */
    final io.jnatsd.auth.UserRestrictions jwtUser;
    /** Null when not captured (open connections, unless the request lists subscriptions). */
    final List<SubRecord> subs;
    /** The connection itself for a per-request record of an open one (to list its subscriptions); null once closed. */
    final ClientConnection live;

    private ConnRecord(ClientConnection c, long stop, String reason, List<SubRecord> subs) {
        cid = c.id();
        type = c.type();
        ip = c.clientIp();
        port = c.clientPort();
        start = c.startEpochNanos();
        lastActivity = c.lastActivityEpochNanos();
        this.stop = stop;
        this.reason = reason;
        rtt = c.rttNanos();
        pendingBytes = stop == 0 ? c.pendingBytes() : 0;
        inMsgs = c.inMsgs();
        outMsgs = c.outMsgs();
        inBytes = c.inBytes();
        outBytes = c.outBytes();
        subscriptions = subs != null ? subs.size() : c.subscriptionCount();
        name = c.name();
        lang = c.lang();
        version = c.version();
        tlsVersion = c.tlsVersion();
        tlsCipher = c.tlsCipherSuite();
        user = c.user();
        account = c.accountName();
        jwtUser = c.userRestrictions();
        this.subs = subs;
        this.live = stop == 0 ? c : null;
    }

    static ConnRecord open(ClientConnection c, boolean withSubs) {
        return new ConnRecord(c, 0, null, withSubs ? subsOf(c) : null);
    }

    /** Called on the connection's event loop as it closes, before it drops its subscriptions. */
    static ConnRecord closed(ClientConnection c, long stopEpochNanos) {
        return new ConnRecord(c, stopEpochNanos, c.closeReason(), subsOf(c));
    }

    static List<SubRecord> subsOf(ClientConnection c) {
        List<SubRecord> out = new ArrayList<>(c.subscriptionCount());
        for (Subscription<ClientConnection> s : c.subscriptions()) {
            out.add(SubRecord.of(c, s));
        }
        out.sort(SubOrder.BY_CID_SID);
        return out;
    }

    boolean isClosed() {
        return stop != 0;
    }

    /** Open: until now; closed: until the close (as nats-server computes uptime and idle). */
    long uptimeNanos(long now) {
        return (stop != 0 ? stop : now) - start;
    }

    long idleNanos(long now) {
        return (stop != 0 ? stop : now) - lastActivity;
    }
}
