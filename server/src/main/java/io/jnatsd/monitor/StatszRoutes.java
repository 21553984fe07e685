package io.jnatsd.monitor;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.cluster.Cluster;
import io.jnatsd.cluster.RouteView;

import java.util.List;

/**
 * STATSZ's cluster part as nats-server 2.9.10 writes it: {@code routes} (per route: {@code rid}, peer {@code name},
 * {@code sent}, {@code received}, {@code pending}; each connection of a route pool) and {@code active_servers} (this
 * server and its peers, a pooled peer counted once).
 */
final class StatszRoutes {
    private StatszRoutes() {
    }

    /** Appends both fields; without a cluster, no routes and one active server. */
    static void put(ObjectNode statsz, Cluster cluster) {
        List<RouteView> routes = cluster == null ? List.of() : cluster.routes();
        if (!routes.isEmpty()) {
            ArrayNode a = statsz.putArray("routes");
            for (RouteView r : routes) {
                ObjectNode o = a.addObject();
                o.put("rid", r.rid());
                o.put("name", r.remoteName());
                EventJson.putTraffic(o, "sent", r.outMsgs(), r.outBytes());
                EventJson.putTraffic(o, "received", r.inMsgs(), r.inBytes());
                o.put("pending", r.pendingBytes());
            }
        }
        statsz.put("active_servers", 1 + (cluster == null ? 0 : cluster.peerCount()));
    }
}
