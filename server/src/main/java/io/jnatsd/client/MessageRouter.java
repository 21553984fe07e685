package io.jnatsd.client;

import io.jnatsd.account.Account;
import io.jnatsd.account.InternalSubscriber;
import io.jnatsd.protocol.PubArgs;
import io.jnatsd.protocol.RouteMsgArgs;
import io.jnatsd.subject.MatchResult;
import io.jnatsd.subject.QueueNames;
import io.jnatsd.subject.SubjectIndex;
import io.jnatsd.subject.Subscription;

import io.netty.util.concurrent.FastThreadLocal;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one place that decides who receives a published message: every matching plain subscription of the account
 * once, one member of each matching queue group, the server's own subscriptions in the account (imports into other
 * accounts, service replies, system services), and the no-responders status when nobody is listening.
 *
 * <p>Runs on the publisher's event loop. Each delivery is a copy into the subscriber's outbound buffer; the
 * subscriber is remembered in the loop's {@link FlushSet} and flushed once when the read batch ends.
 */
final class MessageRouter {
    private static final byte[] NO_RESPONDERS_STATUS = "NATS/1.0 503\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    /** Per event loop: the MSG line parts of the message being routed. */
    private static final FastThreadLocal<MsgFrame> FRAMES = new FastThreadLocal<>() {
        @Override
        protected MsgFrame initialValue() {
            return new MsgFrame();
        }
    };

    /** How many accounts a message may cross through imports. */
    private static final int MAX_HOPS = 8;
    private static final FastThreadLocal<int[]> HOPS = new FastThreadLocal<>() {
        @Override
        protected int[] initialValue() {
            return new int[1];
        }
    };

    /**
     * Per event loop, while a routed message reaches the internal subscribers: its RMSG's queue list, so a stream
     * import maps it only to the importing account's queue groups the sender chose this server for.
     */
    private static final FastThreadLocal<RoutedQueues> ROUTED = new FastThreadLocal<>() {
        @Override
        protected RoutedQueues initialValue() {
            return new RoutedQueues();
        }
    };

    private static final class RoutedQueues {
        byte[] buf;
        RouteMsgArgs args;
    }

    private MessageRouter() {
    }

    static void route(ClientConnection from, Account<ClientConnection> account, PubArgs p, byte[] payload,
            int payloadOff, FlushSet flushSet) {
        boolean delivered = deliverInAccount(from, account, p, payload, payloadOff, flushSet);
        // Cluster: one RMSG per interested route; a server without routes stops at this null check.
        RouteFanout routes = from.routes();
        if (routes != null) {
            delivered |= routes.publish(account, p, payload, payloadOff,
                    account.index().match(p.buf, p.subjectOff, p.subjectLen));
        }
        // Nobody got it (no match, or only the requester itself with echo off): tell the requester.
        if (!delivered && p.replyLen > 0 && from.wantsNoResponders()) {
            noResponders(from, account.index(), p, flushSet);
        }
    }

    /**
     * Routes a message the server moves between accounts (a service import's request or response) in
     * {@code account}, on the calling thread's flush set; in a cluster also to the routes interested in that account
     * when a local client published it ({@code from} null: it came from a route, and routed messages go one hop only).
     * Hops are bounded so that imports configured in a cycle cannot recurse without end.
     *
     * @return true if anyone received it
     */
    static boolean forward(ClientConnection from, Account<ClientConnection> account, PubArgs p, byte[] payload,
            int payloadOff) {
        return forward(from, from == null ? null : from.routes(), account, p, payload, payloadOff);
    }

    /** As {@link #forward}, to this server's clients and internal subscribers only (a stream import's mapping). */
    static boolean forwardLocal(ClientConnection from, Account<ClientConnection> account, PubArgs p, byte[] payload,
            int payloadOff) {
        return forward(from, null, account, p, payload, payloadOff);
    }

    /** A message the server publishes itself; {@code routes} null keeps it on this server. */
    static boolean publishInternal(RouteFanout routes, Account<ClientConnection> account, PubArgs p, byte[] payload,
            int payloadOff) {
        return forward(null, routes, account, p, payload, payloadOff);
    }

    private static boolean forward(ClientConnection from, RouteFanout routes, Account<ClientConnection> account,
            PubArgs p, byte[] payload, int payloadOff) {
        int[] depth = HOPS.get();
        if (depth[0] >= MAX_HOPS) {
            return false;
        }
        depth[0]++;
        try {
            boolean delivered = deliverInAccount(from, account, p, payload, payloadOff, FlushSet.current());
            if (routes != null) {
                delivered |= routes.publish(account, p, payload, payloadOff,
                        account.index().match(p.buf, p.subjectOff, p.subjectLen));
            }
            return delivered;
        } finally {
            depth[0]--;
        }
    }

    private static boolean deliverInAccount(ClientConnection from, Account<ClientConnection> account, PubArgs p,
            byte[] payload, int payloadOff, FlushSet flushSet) {
        boolean delivered = deliverToClients(from, account.index(), p, payload, payloadOff, flushSet);
        // After the clients: an internal subscriber may route again on this thread, reusing the loop's MsgFrame.
        if (account.hasInternal()) {
            delivered |= deliverInternal(from, account, p, payload, payloadOff);
        }
        return delivered;
    }

    private static boolean deliverToClients(ClientConnection from, SubjectIndex<ClientConnection> index, PubArgs p,
            byte[] payload, int payloadOff, FlushSet flushSet) {
        MatchResult<ClientConnection> r = index.match(p.buf, p.subjectOff, p.subjectLen);
        if (r.isEmpty()) {
            return false;
        }
        MsgFrame frame = FRAMES.get();
        frame.prepare(p);
        boolean delivered = false;
        Subscription<ClientConnection>[] plain = r.plain();
        for (int i = 0; i < plain.length; i++) {
            delivered |= deliver(from, plain[i], frame, p, payload, payloadOff, flushSet);
        }
        Subscription<ClientConnection>[][] groups = r.queueGroups();
        for (int g = 0; g < groups.length; g++) {
            Subscription<ClientConnection>[] members = groups[g];
            int n = members.length;
            // Random start spreads messages evenly with no shared counter to contend on.
            int start = n == 1 ? 0 : ThreadLocalRandom.current().nextInt(n);
            for (int k = 0; k < n; k++) {
                if (deliver(from, members[(start + k) % n], frame, p, payload, payloadOff, flushSet)) {
                    delivered = true;
                    break;
                }
            }
        }
        return delivered;
    }

    /**
     * Cluster: a message from a route. Plain subscriptions get it; of the queue groups only those the sender listed
     * (it chose this server for them), one member each. Never goes back out to a route.
     */
    static boolean fromRoute(Account<ClientConnection> account, PubArgs p, RouteMsgArgs q, byte[] payload,
            int payloadOff, FlushSet flushSet) {
        boolean delivered = fromRouteToClients(account, p, q, p.buf, payload, payloadOff, flushSet);
        // After the clients (an internal subscriber may route again on this thread, reusing the loop's MsgFrame):
        // imports mapping the message for this server's clients, reply mappings, system services.
        if (account.hasInternal()) {
            delivered |= deliverRoutedInternal(account, p, q, payload, payloadOff);
        }
        return delivered;
    }

    /** The RMSG queue list of the routed message being mapped on this thread, null outside one. */
    static RouteMsgArgs routedQueues() {
        return ROUTED.get().args;
    }

    /**
     * A routed message mapped by a stream import into {@code account}: plain subscriptions get it, queue groups only
     * when the RMSG listed them (their shadow interest in the exporting account made the sender pick this server).
     */
    static boolean forwardRoutedImport(Account<ClientConnection> account, PubArgs p, byte[] payload,
            int payloadOff) {
        int[] depth = HOPS.get();
        if (depth[0] >= MAX_HOPS) {
            return false;
        }
        depth[0]++;
        RoutedQueues routed = ROUTED.get();
        try {
            boolean delivered = fromRouteToClients(account, p, routed.args, routed.buf, payload, payloadOff,
                    FlushSet.current());
            if (account.hasInternal()) {
                delivered |= deliverInternal(null, account, p, payload, payloadOff);
            }
            return delivered;
        } finally {
            depth[0]--;
        }
    }

    private static boolean fromRouteToClients(Account<ClientConnection> account, PubArgs p, RouteMsgArgs q,
            byte[] queueBuf, byte[] payload, int payloadOff, FlushSet flushSet) {
        MatchResult<ClientConnection> r = account.index().match(p.buf, p.subjectOff, p.subjectLen);
        if (r.isEmpty()) {
            return false;
        }
        MsgFrame frame = FRAMES.get();
        frame.prepare(p);
        boolean delivered = false;
        Subscription<ClientConnection>[] plain = r.plain();
        for (int i = 0; i < plain.length; i++) {
            delivered |= deliver(null, plain[i], frame, p, payload, payloadOff, flushSet);
        }
        if (q.queueCount == 0) {
            return delivered;
        }
        Subscription<ClientConnection>[][] groups = r.queueGroups();
        for (int g = 0; g < groups.length; g++) {
            Subscription<ClientConnection>[] members = groups[g];
            if (!listed(members[0].queue(), queueBuf, q)) {
                continue;
            }
            int n = members.length;
            int start = n == 1 ? 0 : ThreadLocalRandom.current().nextInt(n);
            for (int k = 0; k < n; k++) {
                if (deliver(null, members[(start + k) % n], frame, p, payload, payloadOff, flushSet)) {
                    delivered = true;
                    break;
                }
            }
        }
        return delivered;
    }

    /** Whether queue {@code name} is among the RMSG's queue names (compared without decoding them). */
    private static boolean listed(String name, byte[] b, RouteMsgArgs q) {
        for (int i = 0; i < q.queueCount; i++) {
            if (QueueNames.equal(name, b, q.queueOff[i], q.queueLen[i])) {
                return true;
            }
        }
        return false;
    }

    /** The server's own subscriptions in the account: imports, reply mappings, system services. */
    private static boolean deliverInternal(ClientConnection from, Account<ClientConnection> account, PubArgs p,
            byte[] payload, int payloadOff) {
        MatchResult<InternalSubscriber<ClientConnection>> r =
                account.internal().match(p.buf, p.subjectOff, p.subjectLen);
        boolean delivered = false;
        for (Subscription<InternalSubscriber<ClientConnection>> s : r.plain()) {
            if (!s.closed) {
                delivered |= s.subscriber().onMessage(from, p, payload, payloadOff);
            }
        }
        return delivered;
    }

    /** A routed message's internal subscribers: only those taking routed messages; with no publisher, no route. */
    private static boolean deliverRoutedInternal(Account<ClientConnection> account, PubArgs p, RouteMsgArgs q,
            byte[] payload, int payloadOff) {
        MatchResult<InternalSubscriber<ClientConnection>> r =
                account.internal().match(p.buf, p.subjectOff, p.subjectLen);
        boolean delivered = false;
        for (Subscription<InternalSubscriber<ClientConnection>> s : r.plain()) {
            if (s.closed || !s.subscriber().takesRouted()) {
                continue;
            }
            if (s.subscriber() instanceof io.jnatsd.account.ImportedStream) {
                RoutedQueues routed = ROUTED.get(); // only a stream import's mapping sees the RMSG's queues
                routed.buf = p.buf;
                routed.args = q;
                try {
                    delivered |= s.subscriber().onMessage(null, p, payload, payloadOff);
                } finally {
                    routed.buf = null;
                    routed.args = null;
                }
            } else {
                delivered |= s.subscriber().onMessage(null, p, payload, payloadOff);
            }
        }
        return delivered;
    }

    /** @return true if the message was accepted for {@code sub} */
    private static boolean deliver(ClientConnection from, Subscription<ClientConnection> sub, MsgFrame f, PubArgs p,
            byte[] payload, int payloadOff, FlushSet flushSet) {
        ClientConnection to = sub.subscriber();
        if (to == from && !from.echo()) {
            return false;
        }
        if (to.deniesDelivery(sub, p)) {
            return false; // subscribe deny entry under a wildcard subscription, as nats-server filters it
        }
        int rc;
        if (!f.hasHeaders || to.headers()) {
            rc = to.outbound().appendMsg(sub, f.pre, f.preLen, f.post, f.postLen, payload, payloadOff, p.totalSize);
            if (ProtocolTrace.on() && rc <= OutboundBuffer.DELIVERED_LAST) {
                to.traceDelivery(f.pre, f.preLen, sub.sid(), f.post, f.postLen);
            }
        } else {
            f.prepareStripped(); // a subscriber without header support gets the message without its headers
            int hdr = p.headerSize;
            rc = to.outbound().appendMsg(sub, f.strippedPre, f.strippedPreLen, f.strippedPost, f.strippedPostLen,
                    payload, payloadOff + hdr, p.totalSize - hdr);
            if (ProtocolTrace.on() && rc <= OutboundBuffer.DELIVERED_LAST) {
                to.traceDelivery(f.strippedPre, f.strippedPreLen, sub.sid(), f.strippedPost, f.strippedPostLen);
            }
        }
        if (rc == OutboundBuffer.SLOW_CONSUMER) {
            to.slowConsumer();
            return false;
        }
        if (rc == OutboundBuffer.DROPPED) {
            return false;
        }
        flushSet.add(to);
        if ((rc & OutboundBuffer.STALL) != 0 && to != from && from != null) {
            from.stallRequested(to);
        }
        if ((rc & ~OutboundBuffer.STALL) == OutboundBuffer.DELIVERED_LAST) {
            to.autoUnsubscribed(sub);
        }
        if (p.replyLen > 0) {
            to.requestDelivered(p.buf, p.replyOff, p.replyLen); // allow_responses; a volatile read for the rest
        }
        return true;
    }

    /** Tells a requester that nobody can answer: a 503 status on its own subscription to the reply subject. */
    private static void noResponders(ClientConnection from, SubjectIndex<ClientConnection> index, PubArgs p,
            FlushSet flushSet) {
        MatchResult<ClientConnection> r = index.match(p.buf, p.replyOff, p.replyLen);
        for (Subscription<ClientConnection> sub : r.plain()) {
            if (sub.subscriber() == from) {
                byte[] frame = statusFrame(p, sub.sid());
                if (from.outbound().appendRaw(frame)) {
                    flushSet.add(from);
                }
                return;
            }
        }
    }

    // Cold path: allocation is fine.
    private static byte[] statusFrame(PubArgs p, byte[] sid) {
        String reply = new String(p.buf, p.replyOff, p.replyLen, StandardCharsets.UTF_8);
        int n = NO_RESPONDERS_STATUS.length;
        String head = "HMSG " + reply + " " + new String(sid, StandardCharsets.UTF_8) + " " + n + " " + n + "\r\n";
        byte[] h = head.getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[h.length + n + 2];
        System.arraycopy(h, 0, frame, 0, h.length);
        System.arraycopy(NO_RESPONDERS_STATUS, 0, frame, h.length, n);
        frame[frame.length - 2] = '\r';
        frame[frame.length - 1] = '\n';
        return frame;
    }
}
