package io.jnatsd.cluster;

import io.jnatsd.account.Account;
import io.jnatsd.client.ClientConnection;
import io.jnatsd.client.RouteFanout;
import io.jnatsd.protocol.PubArgs;
import io.jnatsd.subject.MatchResult;
import io.jnatsd.subject.SubjectIndex;
import io.jnatsd.subject.Subscription;
import io.netty.util.concurrent.FastThreadLocal;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sends a message a local client published to the routes that want it: at most one RMSG per route. Plain remote
 * interest gets the plain form; a remote queue group is served by one route only when no local member took the
 * message (nats-server prefers local members), and that route's RMSG lists the group so the peer hands it to one
 * of its members.
 */
final class RouteForwarder implements RouteFanout {
    private final RemoteInterest remote;
    /** Account names as the bytes written into RMSG lines. */
    private final ConcurrentHashMap<String, byte[]> accountBytes = new ConcurrentHashMap<>();

    /** Per event loop: the routes chosen for the message being sent, and the queue names for each. */
    private static final FastThreadLocal<Targets> TARGETS = new FastThreadLocal<>() {
        @Override
        protected Targets initialValue() {
            return new Targets();
        }
    };

    /** Queue groups of importing accounts served here through stream imports (shadow interest). */
    private final LocalShadows shadows;

    RouteForwarder(RemoteInterest remote, LocalShadows shadows) {
        this.remote = remote;
        this.shadows = shadows;
    }

    @Override
    public boolean publish(Account<ClientConnection> account, PubArgs p, byte[] payload, int payloadOff,
            MatchResult<ClientConnection> local) {
        SubjectIndex<RouteConnection> index = remote.index(account.name());
        if (index == null) {
            return false;
        }
        MatchResult<RouteConnection> r = index.match(p.buf, p.subjectOff, p.subjectLen);
        if (r.isEmpty()) {
            return false;
        }
        Targets t = TARGETS.get();
        t.clear();
        Subscription<RouteConnection>[] plain = r.plain();
        for (int i = 0; i < plain.length; i++) {
            t.slot(plain[i].subscriber());
        }
        Subscription<RouteConnection>[][] groups = r.queueGroups();
        for (int g = 0; g < groups.length; g++) {
            Subscription<RouteConnection>[] members = groups[g];
            String queue = members[0].queue();
            if (servedLocally(queue, local)
                    || shadows.serves(account.name(), p.buf, p.subjectOff, p.subjectLen, queue)) {
                continue; // a local member (or one reached through a stream import here) takes it
            }
            Subscription<RouteConnection> chosen =
                    members[members.length == 1 ? 0 : ThreadLocalRandom.current().nextInt(members.length)];
            t.addQueue(t.slot(chosen.subscriber()), chosen.sid());
        }
        byte[] acc = accountBytes.computeIfAbsent(account.name(), n -> n.getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < t.size; i++) {
            t.routes[i].sendMessage(acc, p, payload, payloadOff, t.queues[i], t.queuesLen[i]);
        }
        boolean sent = t.size > 0;
        t.clear();
        return sent;
    }

    @Override
    public boolean interested(Account<ClientConnection> account, byte[] subject) {
        SubjectIndex<RouteConnection> index = remote.index(account.name());
        return index != null && !index.match(subject).isEmpty();
    }

    /** A local member of the group got (or could get) the message: the group is not served remotely. */
    private static boolean servedLocally(String queue, MatchResult<ClientConnection> local) {
        Subscription<ClientConnection>[][] groups = local.queueGroups();
        for (int g = 0; g < groups.length; g++) {
            if (groups[g].length > 0 && queue.equals(groups[g][0].queue())) {
                return true;
            }
        }
        return false;
    }

    /** Reused per loop; sized by the number of routes, which is small. */
    private static final class Targets {
        RouteConnection[] routes = new RouteConnection[8];
        byte[][] queues = new byte[8][64];
        int[] queuesLen = new int[8];
        int size;

        int slot(RouteConnection r) {
            for (int i = 0; i < size; i++) {
                if (routes[i] == r) {
                    return i;
                }
            }
            if (size == routes.length) {
                routes = java.util.Arrays.copyOf(routes, size * 2);
                queues = java.util.Arrays.copyOf(queues, size * 2);
                queuesLen = java.util.Arrays.copyOf(queuesLen, size * 2);
                for (int i = size; i < queues.length; i++) {
                    queues[i] = new byte[64];
                }
            }
            routes[size] = r;
            queuesLen[size] = 0;
            return size++;
        }

        void addQueue(int slot, byte[] name) {
            int n = queuesLen[slot];
            if (n + 1 + name.length > queues[slot].length) {
                queues[slot] = java.util.Arrays.copyOf(queues[slot], Math.max(queues[slot].length * 2,
                        n + 1 + name.length));
            }
            queues[slot][n] = ' ';
            System.arraycopy(name, 0, queues[slot], n + 1, name.length);
            queuesLen[slot] = n + 1 + name.length;
        }

        void clear() {
            for (int i = 0; i < size; i++) {
                routes[i] = null;
            }
            size = 0;
        }
    }
}
