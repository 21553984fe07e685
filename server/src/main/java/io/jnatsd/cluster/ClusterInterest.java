package io.jnatsd.cluster;

import io.jnatsd.account.Account;
import io.jnatsd.account.ImportedStream;
import io.jnatsd.account.InternalSubscriber;
import io.jnatsd.client.ClientConnection;
import io.jnatsd.subject.InterestListener;
import io.jnatsd.subject.Subscription;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * This server's local interest as the routes see it: reference counts per account and subject (plain) or subject
 * and queue (queue groups), turned into {@code RS+}/{@code RS-} for every route. A plain subject is announced when its
 * first subscription appears and withdrawn with its last; a queue group is re-announced with its new weight (member
 * count) on every change, as nats-server does. Clients' subscriptions count, and the server's own that take routed
 * messages; interest learned from a route is never passed on to another route.
 *
 * <p>All methods run under this object's monitor, also taken by {@link Cluster} while it registers a route, so a new
 * route gets the full interest once and every later change after it, never one twice or one lost.
 */
final class ClusterInterest {
    private final RouteTable routes;
    /** Route permissions: local interest outside {@code import} is not announced (nats-server's canImport). */
    private volatile io.jnatsd.auth.SubjectPermission imports;
    /** account -> "subject" or "subject queue" -> count. */
    private final Map<String, Map<Key, int[]>> counts = new HashMap<>();

    private record Key(String subject, String queue) {
    }

    /** A stream import into an account, held in the exporting one: its queue groups are shadowed there. */
    private record StreamImport(String exporter, ImportedStream stream) {
    }

    /** importing account -> its stream imports. */
    private final Map<String, List<StreamImport>> importsInto = new HashMap<>();
    private final LocalShadows shadows = new LocalShadows();

    ClusterInterest(RouteTable routes) {
        this.routes = routes;
    }

    LocalShadows shadows() {
        return shadows;
    }

    void imports(io.jnatsd.auth.SubjectPermission p) {
        imports = p;
    }

    /** New import permissions (reload): routes get RS+ for what is now announced, RS- for what no longer is. */
    synchronized void reimport(io.jnatsd.auth.SubjectPermission p) {
        List<Map.Entry<String, byte[]>> lines = new ArrayList<>();
        for (Map.Entry<String, Map<Key, int[]>> a : counts.entrySet()) {
            for (Map.Entry<Key, int[]> e : a.getValue().entrySet()) {
                boolean before = announced(e.getKey());
                boolean after = p == null || p.permits(e.getKey().subject, null);
                if (before && !after) {
                    lines.add(Map.entry(a.getKey(), minus(a.getKey(), e.getKey())));
                } else if (!before && after) {
                    lines.add(Map.entry(a.getKey(), plus(a.getKey(), e.getKey(), e.getValue()[0])));
                }
            }
        }
        imports = p;
        lines.forEach(l -> broadcast(l.getKey(), l.getValue()));
    }

    private boolean announced(Key key) {
        io.jnatsd.auth.SubjectPermission p = imports;
        return p == null || p.permits(key.subject, null);
    }

    /**
     * Starts following an account's client subscriptions and the server's own ones that take routed messages
     * (imports, reply mappings, system services): the ones it has now included.
     */
    void follow(Account<ClientConnection> account) {
        String name = account.name();
        List<Subscription<ClientConnection>> now = account.index().listen(new InterestListener<>() {
            @Override
            public void added(Subscription<ClientConnection> sub) {
                ClusterInterest.this.added(name, sub.subjectString(), sub.queue());
            }

            @Override
            public void removed(Subscription<ClientConnection> sub) {
                ClusterInterest.this.removed(name, sub.subjectString(), sub.queue());
            }
        });
        for (Subscription<ClientConnection> s : now) {
            added(name, s.subjectString(), s.queue());
        }
        List<Subscription<InternalSubscriber<ClientConnection>>> internal =
                account.internal().listen(new InterestListener<>() {
                    @Override
                    public void added(Subscription<InternalSubscriber<ClientConnection>> sub) {
                        if (sub.subscriber().takesRouted()) {
                            ClusterInterest.this.added(name, sub.subjectString(), null);
                            importAdded(name, sub.subscriber());
                        }
                    }

                    @Override
                    public void removed(Subscription<InternalSubscriber<ClientConnection>> sub) {
                        if (sub.subscriber().takesRouted()) {
                            ClusterInterest.this.removed(name, sub.subjectString(), null);
                            importRemoved(name, sub.subscriber());
                        }
                    }
                });
        for (Subscription<InternalSubscriber<ClientConnection>> s : internal) {
            if (s.subscriber().takesRouted()) {
                added(name, s.subjectString(), null);
                importAdded(name, s.subscriber());
            }
        }
    }

    private synchronized void importAdded(String exporter, InternalSubscriber<ClientConnection> s) {
        if (s instanceof ImportedStream is) {
            importsInto.computeIfAbsent(is.importer(), k -> new ArrayList<>()).add(new StreamImport(exporter, is));
        }
    }

    private synchronized void importRemoved(String exporter, InternalSubscriber<ClientConnection> s) {
        if (s instanceof ImportedStream is) {
            List<StreamImport> l = importsInto.get(is.importer());
            if (l != null) {
                l.remove(new StreamImport(exporter, is));
            }
        }
    }

    /**
     * A subscription appeared; a queue subscription in an account with stream imports is also counted (and
     * announced) as the same queue group on the exported subject in each exporting account: its shadow.
     */
    synchronized void added(String account, String subject, String queue) {
        count(account, subject, queue);
        if (queue != null) {
            for (StreamImport imp : importsInto.getOrDefault(account, List.of())) {
                String shadow = imp.stream.shadowSubject(subject);
                if (shadow != null) {
                    count(imp.exporter, shadow, queue);
                    shadows.add(imp.exporter, shadow, queue);
                }
            }
        }
    }

    synchronized void removed(String account, String subject, String queue) {
        uncount(account, subject, queue);
        if (queue != null) {
            for (StreamImport imp : importsInto.getOrDefault(account, List.of())) {
                String shadow = imp.stream.shadowSubject(subject);
                if (shadow != null) {
                    uncount(imp.exporter, shadow, queue);
                    shadows.remove(imp.exporter, shadow, queue);
                }
            }
        }
    }

    private void count(String account, String subject, String queue) {
        Key key = new Key(subject, queue);
        int[] n = counts.computeIfAbsent(account, a -> new HashMap<>()).computeIfAbsent(key, k -> new int[1]);
        n[0]++;
        if (!announced(key)) {
            return;
        }
        if (key.queue != null) {
            broadcast(account, plus(account, key, n[0]));
        } else if (n[0] == 1) {
            broadcast(account, plus(account, key, 1));
        }
    }

    private void uncount(String account, String subject, String queue) {
        Map<Key, int[]> m = counts.get(account);
        Key key = new Key(subject, queue);
        int[] n = m == null ? null : m.get(key);
        if (n == null) {
            return;
        }
        n[0]--;
        if (!announced(key)) {
            if (n[0] <= 0) {
                m.remove(key);
            }
            return;
        }
        if (n[0] <= 0) {
            m.remove(key);
            broadcast(account, minus(account, key));
        } else if (key.queue != null) {
            broadcast(account, plus(account, key, n[0]));
        }
    }

    /** Sends everything this server is interested in to a route that just registered (caller holds the monitor). */
    void sendAllTo(RouteConnection route) {
        assert Thread.holdsLock(this);
        for (Map.Entry<String, Map<Key, int[]>> a : counts.entrySet()) {
            if (!route.carries(a.getKey())) {
                continue; // another connection of a pool carries this account
            }
            for (Map.Entry<Key, int[]> e : a.getValue().entrySet()) {
                if (announced(e.getKey())) {
                    route.sendControl(plus(a.getKey(), e.getKey(), e.getValue()[0]));
                }
            }
        }
    }

    /** The RS+ lines a route gets on registration, for monitoring and tests. */
    synchronized List<String> snapshot() {
        List<String> lines = new ArrayList<>();
        counts.forEach((acc, m) -> m.forEach((k, n) -> lines.add(text(plus(acc, k, n[0])))));
        return lines;
    }

    /** To every peer, on the one connection that carries the account. */
    private void broadcast(String account, byte[] line) {
        for (RouteConnection r : routes.all()) {
            if (r.carries(account)) {
                r.sendControl(line);
            }
        }
    }

    private static byte[] plus(String account, Key key, int weight) {
        String s = "RS+ " + account + " " + key.subject
                + (key.queue == null ? "" : " " + key.queue + " " + weight) + "\r\n";
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] minus(String account, Key key) {
        String s = "RS- " + account + " " + key.subject + (key.queue == null ? "" : " " + key.queue) + "\r\n";
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] line) {
        return new String(line, 0, line.length - 2, StandardCharsets.UTF_8);
    }
}
