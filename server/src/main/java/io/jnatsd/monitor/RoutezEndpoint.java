package io.jnatsd.monitor;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code /routez}: no clustering yet, so nats-server's answer for a server without routes. */
final class RoutezEndpoint implements Endpoint {
    private final ServerView server;

    RoutezEndpoint(ServerView server) {
        this.server = server;
    }

    @Override
    public Reply handle(Query q) throws BadRequest {
        if (!"detail".equals(q.text("subs"))) {
            q.bool("subs"); // validated as nats-server does, even though there is nothing to list
        }
        ObjectNode r = JsonOut.object();
        r.put("server_id", server.serverId());
        r.put("now", GoFormat.time(ServerView.nowEpochNanos()));
        r.put("num_routes", 0);
        r.putArray("routes");
        return Reply.json(r);
    }
}
