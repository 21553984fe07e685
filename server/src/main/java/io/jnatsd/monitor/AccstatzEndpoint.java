package io.jnatsd.monitor;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.account.Account;
import io.jnatsd.client.ClientConnection;
import io.jnatsd.client.ClientRegistry;

/**
 * {@code /accstatz}: per-account connection and message numbers. Accounts without connections are listed only with
 * {@code unused=1}, as nats-server does; "sent" is what the server delivered to the account's live clients,
 * "received" what they published.
 */
final class AccstatzEndpoint implements Endpoint {
    private final ServerView server;

    AccstatzEndpoint(ServerView server) {
        this.server = server;
    }

    @Override
    public Reply handle(Query q) throws BadRequest {
        return Reply.json(render(q.bool("unused"), q.text("acc")));
    }

    /** {@code only}: one account's entry ("" = every account), as $SYS.REQ.ACCOUNT.<acc>.STATZ asks. */
    ObjectNode render(boolean unused, String only) {
        ObjectNode r = JsonOut.object();
        r.put("server_id", server.serverId());
        r.put("now", GoFormat.time(ServerView.nowEpochNanos()));
        ArrayNode list = r.putArray("account_statz");
        ClientRegistry reg = server.clients().registry();
        for (Account<ClientConnection> a : server.clients().accounts().all()) {
            if (!only.isEmpty() && !only.equals(a.name())) {
                continue;
            }
            Totals t = Totals.ofAccount(reg, a.name());
            if (t.connections > 0 || unused) {
                list.add(entry(a.name(), t.connections, a.totalConnections(), t.outMsgs, t.outBytes, t.inMsgs,
                        t.inBytes, a.slowConsumers()));
            }
        }
        return r;
    }

    private static ObjectNode entry(String acc, int conns, long totalConns, long sentMsgs, long sentBytes, long recvMsgs,
            long recvBytes, long slow) {
        ObjectNode e = JsonOut.object();
        e.put("acc", acc);
        e.put("conns", conns);
        e.put("leafnodes", 0);
        e.put("total_conns", totalConns);
        ObjectNode sent = e.putObject("sent");
        sent.put("msgs", sentMsgs);
        sent.put("bytes", sentBytes);
        ObjectNode received = e.putObject("received");
        received.put("msgs", recvMsgs);
        received.put("bytes", recvBytes);
        e.put("slow_consumers", slow);
        return e;
    }
}
