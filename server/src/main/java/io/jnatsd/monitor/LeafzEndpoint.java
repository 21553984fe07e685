package io.jnatsd.monitor;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code /leafz}: no leaf nodes yet; nats-server 2.9.10 writes {@code "leafs": null} when it has none. */
final class LeafzEndpoint implements Endpoint {
    private final ServerView server;

    LeafzEndpoint(ServerView server) {
        this.server = server;
    }

    @Override
    public Reply handle(Query q) throws BadRequest {
        q.bool("subs");
        ObjectNode r = JsonOut.object();
        r.put("server_id", server.serverId());
        r.put("now", GoFormat.time(ServerView.nowEpochNanos()));
        r.put("leafnodes", 0);
        r.putNull("leafs");
        return Reply.json(r);
    }
}
