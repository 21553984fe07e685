package io.jnatsd.monitor;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.client.ClientConnection;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@code /connz}: open and recently closed client connections, filtered, sorted and paged. */
final class ConnzEndpoint implements Endpoint {
    private final ServerView server;
    private final ClosedConnections closed;

    ConnzEndpoint(ServerView server, ClosedConnections closed) {
        this.server = server;
        this.closed = closed;
    }

    @Override
    public Reply handle(Query q) throws BadRequest {
        return Reply.json(render(ConnzOptions.parse(q)));
    }

    ObjectNode render(ConnzOptions o) {
        long now = ServerView.nowEpochNanos();
        List<ConnRecord> all = collect(o);
        all.sort(o.sort.comparator(now));
        int total = all.size();
        int from = Math.min(o.offset, total);
        int to = (int) Math.min((long) from + o.limit, total);
        ObjectNode root = JsonOut.object();
        root.put("server_id", server.serverId());
        root.put("now", GoFormat.time(now));
        root.put("num_connections", to - from);
        root.put("total", total);
        root.put("offset", o.offset);
        root.put("limit", o.cid > 0 ? 1 : o.limit);
        ArrayNode conns = root.putArray("connections");
        for (ConnRecord r : all.subList(from, to)) {
            conns.add(ConnInfoJson.render(r, o, now));
        }
        return root;
    }

    /**
     * Open connections are snapshotted without their subscription lists (those are read for the returned page only,
     * in {@link ConnInfoJson}); closed ones come from the ring. A connection closing during the request can be in
     * both lists: the closed record wins.
     */
    private List<ConnRecord> collect(ConnzOptions o) {
        List<ConnRecord> out = new ArrayList<>();
        Set<Long> closedIds = new HashSet<>();
        if (o.state != ConnzOptions.State.OPEN) {
            for (ConnRecord r : closed.snapshot()) {
                if (matches(r, o)) {
                    out.add(r);
                    closedIds.add(r.cid);
                }
            }
        }
        if (o.state != ConnzOptions.State.CLOSED) {
            for (ClientConnection c : server.clients().registry().snapshot()) {
                if ((o.cid > 0 && c.id() != o.cid) || closedIds.contains(c.id())) {
                    continue;
                }
                ConnRecord r = ConnRecord.open(c, false);
                if (matches(r, o)) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    private static boolean matches(ConnRecord r, ConnzOptions o) {
        if (o.cid > 0 && r.cid != o.cid) {
            return false;
        }
        if (!o.user.isEmpty() && !o.user.equals(r.user)) {
            return false;
        }
        if (!o.account.isEmpty() && !o.account.equals(r.account)) {
            return false;
        }
        // No MQTT listener yet: no connection has an MQTT client id.
        return o.mqttClient.isEmpty();
    }
}
