package io.jnatsd.cluster;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The registered routes, one per remote server id. Read on every published message (copy-on-write: no lock on the
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
