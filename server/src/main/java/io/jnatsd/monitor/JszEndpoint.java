package io.jnatsd.monitor;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code /jsz}: JetStream is not available yet, so nats-server's answer for a server with JetStream disabled. */
final class JszEndpoint implements Endpoint {
    private final ServerView server;

    JszEndpoint(ServerView server) {
        this.server = server;
    }

    @Override
    public Reply handle(Query q) throws BadRequest {
        for (String b : new String[] {"accounts", "streams", "consumers", "config"}) {
            q.bool(b);
        }
        q.integer("offset", 0);
        q.integer("limit", 0);
        q.bool("leader-only");
        ObjectNode r = JsonOut.object();
        r.put("server_id", server.serverId());
        r.put("now", GoFormat.time(ServerView.nowEpochNanos()));
        r.put("disabled", true);
        ObjectNode config = r.putObject("config");
        config.put("max_memory", 0);
        config.put("max_storage", 0);
        r.put("memory", 0);
        r.put("storage", 0);
        r.put("reserved_memory", 0);
        r.put("reserved_storage", 0);
        r.put("accounts", 0);
        r.put("ha_assets", 0);
        ObjectNode api = r.putObject("api");
        api.put("total", 0);
        api.put("errors", 0);
        r.put("streams", 0);
        r.put("consumers", 0);
        r.put("messages", 0);
        r.put("bytes", 0);
        return Reply.json(r);
    }
}
