package io.jnatsd.monitor;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.client.ClientConnection;
import io.jnatsd.subject.SubjectIndex;
import io.jnatsd.subject.SubjectValidator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /subsz} (and {@code /subscriptionsz}): the subject index's counters and, with {@code subs=1}, the
 * subscriptions themselves, optionally only those a test subject would reach.
 */
final class SubszEndpoint implements Endpoint {
    private final ServerView server;

    SubszEndpoint(ServerView server) {
        this.server = server;
    }

    @Override
    public Reply handle(Query q) throws BadRequest {
        boolean subs = q.bool("subs");
        int offset = Math.max(0, q.integer("offset", 0));
        int limit = q.integer("limit", 0);
        if (limit <= 0) {
            limit = ConnzOptions.DEFAULT_LIMIT;
        }
        String test = q.text("test");
        if (!test.isEmpty()) {
            byte[] t = test.getBytes(StandardCharsets.UTF_8);
            if (!SubjectValidator.isValidLiteralSubject(t, 0, t.length)) {
                throw new BadRequest("invalid test subject, must be valid publish subject: " + test);
            }
        }
        // One account only: the system account's $SYS.REQ.ACCOUNT.<acc>.SUBSZ (not an HTTP parameter in 2.9.10).
        String acc = q.text("acc");
        io.jnatsd.account.Account<ClientConnection> only = acc.isEmpty() ? null : server.clients().accounts().get(acc);
        if (!acc.isEmpty() && only == null) {
            throw new BadRequest("Account " + acc + " does not exist");
        }
        SubjectIndex.Stats stats = only == null ? Totals.indexStats(server) : only.index().stats();
        long now = ServerView.nowEpochNanos();
        ObjectNode root = JsonOut.object();
        if (!subs) {
            // nats-server 2.9.10 answers with the bare counters when no list was asked for.
            putStats(root, stats);
            return Reply.json(root);
        }
        root.put("server_id", server.serverId());
        root.put("now", GoFormat.time(now));
        putStats(root, stats);
        List<SubRecord> all = new ArrayList<>();
        for (ClientConnection c : server.clients().registry().snapshot()) {
            if (only != null && c.account() != only) {
                continue;
            }
            for (SubRecord s : ConnRecord.subsOf(c)) {
                if (test.isEmpty() || SubjectMatch.matches(s.subject, test)) {
                    all.add(s);
                }
            }
        }
        all.sort(SubOrder.BY_CID_SID);
        int from = Math.min(offset, all.size());
        int to = (int) Math.min((long) from + limit, all.size());
        root.put("total", all.size());
        root.put("offset", offset);
        root.put("limit", limit);
        if (to > from) {
            ArrayNode list = root.putArray("subscriptions_list");
            for (SubRecord s : all.subList(from, to)) {
                list.add(s.toJson(true));
            }
        }
        return Reply.json(root);
    }

    /** nats-server's SublistStats fields, in its order. */
    static void putStats(ObjectNode o, SubjectIndex.Stats st) {
        o.put("num_subscriptions", st.subscriptions());
        o.put("num_cache", st.cacheEntries());
        o.put("num_inserts", st.inserts());
        o.put("num_removes", st.removes());
        o.put("num_matches", st.matches());
        JsonOut.putFloat(o, "cache_hit_rate", st.cacheHitRate());
        o.put("max_fanout", st.maxFanout());
        JsonOut.putFloat(o, "avg_fanout", st.avgFanout());
    }
}
