package io.jnatsd.cluster;

import io.jnatsd.subject.SubjectIndex;
import io.jnatsd.subject.Subscription;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the routes asked for (RS+), per account: one subject index per account whose subscribers are routes. A remote
 * queue subscription keeps its queue name's bytes in the sid slot, ready to be written into an RMSG.
 */
final class RemoteInterest {
    private static final byte[] NO_SID = new byte[0];

    private final ConcurrentHashMap<String, SubjectIndex<RouteConnection>> byAccount = new ConcurrentHashMap<>();

    /** Null when no route showed interest in the account. */
    SubjectIndex<RouteConnection> index(String account) {
        return byAccount.get(account);
    }

    Subscription<RouteConnection> add(RouteConnection route, String account, byte[] subject, String queue) {
        byte[] sid = queue == null ? NO_SID : queue.getBytes(StandardCharsets.UTF_8);
        Subscription<RouteConnection> s = new Subscription<>(route, subject, queue, sid);
        byAccount.computeIfAbsent(account, a -> new SubjectIndex<>()).insert(s);
        return s;
    }

    void remove(String account, Subscription<RouteConnection> s) {
        SubjectIndex<RouteConnection> index = byAccount.get(account);
        if (index != null) {
            s.closed = true;
            index.remove(s);
        }
    }

    /** Subscriptions in one account. */
    int count(String account) {
        SubjectIndex<RouteConnection> i = byAccount.get(account);
        return i == null ? 0 : i.count();
    }

    /** Subscriptions over all accounts, for monitoring. */
    int count() {
        int n = 0;
        for (SubjectIndex<RouteConnection> i : byAccount.values()) {
            n += i.count();
        }
        return n;
    }
}
