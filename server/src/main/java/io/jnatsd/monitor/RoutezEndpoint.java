package io.jnatsd.monitor;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.auth.SubjectPermission;
import io.jnatsd.cluster.Cluster;
import io.jnatsd.cluster.RouteView;

import java.util.List;

/** {@code /routez}: the registered routes, in nats-server 2.9.10's field names and order; subs=1 lists subjects. */
final class RoutezEndpoint implements Endpoint {
    private final ServerView server;

    RoutezEndpoint(ServerView server) {
        this.server = server;
    }

    @Override
    public Reply handle(Query q) throws BadRequest {
        boolean subs = "detail".equals(q.text("subs")) || q.bool("subs");
        long now = ServerView.nowEpochNanos();
        ObjectNode r = JsonOut.object();
        r.put("server_id", server.serverId());
        r.put("now", GoFormat.time(now));
        Cluster cluster = server.cluster();
        if (cluster != null) {
            permission(r, "import", cluster.importPermission());
            permission(r, "export", cluster.exportPermission());
        }
        List<RouteView> routes = cluster == null ? List.of() : cluster.routes();
        r.put("num_routes", routes.size());
        ArrayNode list = r.putArray("routes");
        for (RouteView v : routes) {
            ObjectNode o = list.addObject();
            o.put("rid", v.rid());
            o.put("remote_id", v.remoteId());
            o.put("did_solicit", v.didSolicit());
            o.put("is_configured", v.isConfigured());
            o.put("ip", v.ip());
            o.put("port", v.port());
            o.put("start", GoFormat.time(v.startEpochNanos()));
            o.put("last_activity", GoFormat.time(v.lastActivityEpochNanos()));
            o.put("rtt", GoFormat.duration(v.rttNanos()));
            o.put("uptime", GoFormat.uptime(now - v.startEpochNanos()));
            o.put("idle", GoFormat.uptime(Math.max(0, now - v.lastActivityEpochNanos())));
            permission(o, "import", v.imports());
            permission(o, "export", v.exports());
            o.put("pending_size", v.pendingBytes());
            o.put("in_msgs", v.inMsgs());
            o.put("out_msgs", v.outMsgs());
            o.put("in_bytes", v.inBytes());
            o.put("out_bytes", v.outBytes());
            o.put("subscriptions", v.subscriptions());
            if (v.poolIdx() >= 0) {
                o.put("pool_idx", v.poolIdx());
            }
            if (v.account() != null) {
                o.put("account", v.account());
            }
            if (subs && !v.subjects().isEmpty()) {
                ArrayNode s = o.putArray("subscriptions_list");
                v.subjects().forEach(s::add);
            }
        }
        return Reply.json(r);
    }

    /** nats-server's SubjectPermission JSON: {"allow":[...],"deny":[...]}, empty lists left out. */
    private static void permission(ObjectNode parent, String key, SubjectPermission p) {
        if (p == null) {
            return;
        }
        ObjectNode o = parent.putObject(key);
        if (p.allowList() != null && !p.allowList().isEmpty()) {
            ArrayNode a = o.putArray("allow");
            p.allowList().forEach(a::add);
        }
        if (!p.denyList().isEmpty()) {
            ArrayNode d = o.putArray("deny");
            p.denyList().forEach(d::add);
        }
    }
}
