package io.jnatsd.monitor;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.account.Account;
import io.jnatsd.account.AccountConfig;
import io.jnatsd.account.Export;
import io.jnatsd.account.Import;
import io.jnatsd.client.ClientConnection;

/** {@code /accountz}: the account list, or one account's detail (exports, imports, counters) with {@code acc=}. */
final class AccountzEndpoint implements Endpoint {
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
        Account<ClientConnection> system = server.clients().accounts().system();
        if (system != null) {
            r.put("system_account", system.name());
        }
        if (acc.isEmpty()) {
            ArrayNode names = r.putArray("accounts");
            for (Account<ClientConnection> a : server.clients().accounts().all()) {
                names.add(a.name());
            }
            return Reply.json(r);
        }
        Account<ClientConnection> a = server.clients().accounts().get(acc);
        if (a == null) {
            throw new BadRequest("Account " + acc + " does not exist");
        }
        r.set("account_detail", detail(a));
        return Reply.json(r);
    }

    /** One account's detail, as /accountz?acc= and the system account's $SYS.REQ.ACCOUNT.<acc>.INFO give it. */
    ObjectNode detail(Account<ClientConnection> a) {
        Account<ClientConnection> system = server.clients().accounts().system();
        ObjectNode d = JsonOut.object();
        d.put("account_name", a.name());
        d.put("update_time", GoFormat.time(a.createdEpochNanos()));
        if (a == system) {
            d.put("is_system", true);
        }
        d.put("expired", false);
        d.put("complete", true);
        d.put("jetstream_enabled", false);
        d.put("leafnode_connections", 0);
        d.put("client_connections", a.connections());
        var stats = a.index().stats();
        d.put("subscriptions", stats.subscriptions());
        if (!a.exports().isEmpty()) {
            ArrayNode exports = d.putArray("exports");
            for (Export e : a.exports()) {
                ObjectNode x = exports.addObject();
                x.put("subject", e.subject());
                x.put("type", e.service() ? "service" : "stream");
                if (!e.isPublic()) {
                    x.put("token_req", false);
                    ArrayNode approved = x.putArray("approved_accounts");
                    e.accounts().forEach(approved::add);
                }
                if (e.service()) {
                    x.put("response_type", e.responseType().jsonName());
                }
            }
        }
        AccountConfig config = configOf(a.name());
        java.util.List<Import> all = new java.util.ArrayList<>(config == null ? java.util.List.of() : config.imports());
        if (system != null && a != system) {
            all.addAll(io.jnatsd.account.SystemImports.of(a.name(), system.name()));
        }
        if (!all.isEmpty()) {
            ArrayNode imports = d.putArray("imports");
            for (Import i : all) {
                ObjectNode x = imports.addObject();
                if (i.service()) {
                    x.put("subject", i.localSubject());
                    x.put("account", i.account());
                    x.put("to", i.subject());
                    x.put("type", "service");
                } else {
                    x.put("subject", i.subject());
                    x.put("account", i.account());
                    x.put("local_subject", i.localSubject());
                    x.put("type", "stream");
                }
                x.put("invalid", false);
                x.put("share", false);
                x.put("tracking", false);
            }
        }
        putJwt(d, a);
        SubszEndpoint.putStats(d.putObject("sublist_stats"), stats);
        return d;
    }

    /** Operator mode: the account JWT, who issued it, its name and its claims (as in the token, not re-ordered). */
    private static void putJwt(ObjectNode d, Account<ClientConnection> a) {
        String jwt = a.jwt();
        if (jwt == null) {
            return;
        }
        d.put("jwt", jwt);
        d.put("issuer_key", a.claims().claims().issuer());
        d.put("name_tag", a.claims().claims().name());
        try {
            String body = jwt.split("\\.")[1];
            d.set("decoded_jwt", JsonOut.parse(java.util.Base64.getUrlDecoder().decode(body)));
        } catch (java.io.IOException | RuntimeException e) {
            // a stored JWT was verified when loaded: not expected
        }
    }

    private AccountConfig configOf(String name) {
        for (AccountConfig c : server.clients().options().accounts()) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }
}
