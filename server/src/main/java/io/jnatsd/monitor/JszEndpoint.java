package io.jnatsd.monitor;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.jetstream.JetStream;
import io.jnatsd.jetstream.JetStreamUsage;

/**
 * {@code /jsz}: JetStream's limits and usage ({@code accounts=true} per account, {@code streams=true} with each
 * stream's state, {@code config=true} with its config, {@code acc=<name>} one account), as nats-server 2.9.10 writes
 * it; with JetStream off, nats-server's "disabled" answer.
 */
final class JszEndpoint implements Endpoint {
    private final ServerView server;

    JszEndpoint(ServerView server) {
        this.server = server;
    }

    @Override
    public Reply handle(Query q) throws BadRequest {
        boolean accounts = q.bool("accounts");
        boolean streams = q.bool("streams");
        q.bool("consumers");
        boolean config = q.bool("config");
        q.integer("offset", 0);
        q.integer("limit", 0);
        q.bool("leader-only");
        String acc = q.text("acc");
        ObjectNode r = JsonOut.object();
        r.put("server_id", server.serverId());
        r.put("now", GoFormat.time(ServerView.nowEpochNanos()));
        JetStream js = server.jetStream();
        if (js == null) {
            disabled(r);
            return Reply.json(r);
        }
        JetStreamUsage u = js.usage();
        JetStreamJson.config(r.putObject("config"), u);
        JetStreamJson.stats(r, u);
        r.put("streams", u.streams());
        r.put("consumers", 0);
        r.put("messages", u.messages());
        r.put("bytes", u.bytes());
        if (accounts || streams || !acc.isEmpty()) {
            ArrayNode details = JsonOut.array();
            for (JetStreamUsage.AccountUsage a : u.accounts()) {
                if (acc.isEmpty() || acc.equals(a.name())) {
                    details.add(account(a, streams, config));
                }
            }
            if (!details.isEmpty()) {
                r.set("account_details", details);
            }
        }
        return Reply.json(r);
    }

    private ObjectNode account(JetStreamUsage.AccountUsage a, boolean streams, boolean config) {
        ObjectNode d = JsonOut.object();
        d.put("name", a.name());
        d.put("id", a.name());
        d.put("memory", a.memory());
        d.put("storage", a.storage());
        JetStreamJson.unsigned(d, "reserved_memory", a.maxMemory());
        JetStreamJson.unsigned(d, "reserved_storage", a.maxStore());
        d.put("accounts", 0);
        d.put("ha_assets", 0);
        ObjectNode api = d.putObject("api");
        api.put("total", a.apiTotal());
        api.put("errors", a.apiErrors());
        if (streams && !a.streams().isEmpty()) {
            ArrayNode list = d.putArray("stream_detail");
            for (JetStreamUsage.StreamUsage s : a.streams()) {
                ObjectNode o = list.addObject();
                o.put("name", s.name());
                o.put("created", GoFormat.time(s.createdNanos()));
                o.putObject("cluster").put("leader", server.serverName());
                if (config) {
                    o.set("config", s.config());
                }
                o.set("state", s.state());
            }
        }
        return d;
    }

    private void disabled(ObjectNode r) {
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
    }
}
