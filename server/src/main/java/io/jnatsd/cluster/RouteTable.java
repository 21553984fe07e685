package io.jnatsd.cluster;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The registered routes: per remote server one connection, or with route pooling one per pool index and dedicated
 * account. Read on every published message (copy-on-write: no lock on the
 * message path); changed only while {@link Cluster} holds the interest monitor.
 */
final class RouteTable {
    private final CopyOnWriteArrayList<RouteConnection> routes = new CopyOnWriteArrayList<>();

    List<RouteConnection> all() {
        return routes;
    }

    RouteConnection byServerId(String id) {
        for (RouteConnection r : routes) {
            if (id.equals(r.remoteId())) {
                return r;
            }
        }
        return null;
    }

    /** The connection in one place of the pool with a peer (index, or dedicated account), null if none. */
    RouteConnection bySlot(String id, int poolIdx, String account) {
        for (RouteConnection r : routes) {
            if (id.equals(r.remoteId()) && r.poolIndex() == poolIdx
                    && java.util.Objects.equals(account, r.routeAccount())) {
                return r;
            }
        }
        return null;
    }

    /** Distinct servers routed to (a pooled peer has several connections). */
    int peerCount() {
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (RouteConnection r : routes) {
            if (r.remoteId() != null) {
                ids.add(r.remoteId());
            }
        }
        return ids.size();
    }

    void add(RouteConnection r) {
        routes.add(r);
    }

    boolean remove(RouteConnection r) {
        return routes.remove(r);
    }

    int size() {
        return routes.size();
    }
}
