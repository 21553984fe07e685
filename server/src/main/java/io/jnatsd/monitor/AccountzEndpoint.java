package io.jnatsd.monitor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.account.Account;

/**
 * {@code /accountz}: the account list, or one account's detail with {@code acc=}. jnatsd has the global account
 * "$G" and reserves nats-server's system account name "$SYS", which has no clients or subscriptions yet.
 */
final class AccountzEndpoint implements Endpoint {
    static final String SYSTEM_ACCOUNT = "$SYS";

    private final ServerView server;

    AccountzEndpoint(ServerView server) {
        this.server = server;
    }

    @Override
    public Reply handle(Query q) throws BadRequest {
        String acc = q.text("acc");
        ObjectNode r = JsonOut.object();
        r.put("server_id", server.serverId());
        r.put("now", GoFormat.time(ServerView.nowEpochNanos()));
        r.put("system_account", SYSTEM_ACCOUNT);
        if (acc.isEmpty()) {
            r.putArray("accounts").add(Account.GLOBAL).add(SYSTEM_ACCOUNT);
            return Reply.json(r);
        }
        if (!acc.equals(Account.GLOBAL) && !acc.equals(SYSTEM_ACCOUNT)) {
            throw new BadRequest("Account " + acc + " does not exist");
        }
        boolean global = acc.equals(Account.GLOBAL);
        ObjectNode d = r.putObject("account_detail");
        d.put("account_name", acc);
        d.put("update_time", GoFormat.time(server.startEpochNanos()));
        if (!global) {
            d.put("is_system", true);
        }
        d.put("expired", false);
        d.put("complete", true);
        d.put("jetstream_enabled", false);
        d.put("leafnode_connections", 0);
        d.put("client_connections", global ? server.clients().registry().size() : 0);
        var stats = server.clients().account().index().stats();
        d.put("subscriptions", global ? stats.subscriptions() : 0);
        ObjectNode sl = d.putObject("sublist_stats");
        if (global) {
            SubszEndpoint.putStats(sl, stats);
        } else {
            SubszEndpoint.putStats(sl, new io.jnatsd.subject.SubjectIndex.Stats(0, 0, 0, 0, 0, 0, 0, 0));
        }
        return Reply.json(r);
    }
}
