package io.jnatsd.monitor;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code /gatewayz}: no gateways yet, so nats-server's answer for a server without them. */
final class GatewayzEndpoint implements Endpoint {
    private final ServerView server;

    GatewayzEndpoint(ServerView server) {
        this.server = server;
    }

    @Override
    public Reply handle(Query q) throws BadRequest {
        q.bool("accs");
        ObjectNode r = JsonOut.object();
        r.put("server_id", server.serverId());
        r.put("now", GoFormat.time(ServerView.nowEpochNanos()));
        r.putObject("outbound_gateways");
        r.putObject("inbound_gateways");
        return Reply.json(r);
    }
}
