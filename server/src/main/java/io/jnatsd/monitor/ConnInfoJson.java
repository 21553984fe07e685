package io.jnatsd.monitor;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.account.Account;

import java.util.List;

/** One entry of /connz "connections" (nats-server's ConnInfo): fields in its order, empty optional ones left out. */
final class ConnInfoJson {
    private ConnInfoJson() {
    }

    static ObjectNode render(ConnRecord r, ConnzOptions o, long now) {
        ObjectNode c = JsonOut.object();
        c.put("cid", r.cid);
        c.put("kind", "Client");
        c.put("type", r.type);
        c.put("ip", r.ip == null ? "" : r.ip);
        c.put("port", r.port);
        c.put("start", GoFormat.time(r.start));
        c.put("last_activity", GoFormat.time(r.lastActivity));
        if (r.isClosed()) {
            c.put("stop", GoFormat.time(r.stop));
            c.put("reason", r.reason);
        }
        if (r.rtt > 0) {
            c.put("rtt", GoFormat.duration(rttForDisplay(r.rtt)));
        }
        c.put("uptime", GoFormat.uptime(r.uptimeNanos(now)));
        c.put("idle", GoFormat.uptime(r.idleNanos(now)));
        c.put("pending_bytes", r.pendingBytes);
        c.put("in_msgs", r.inMsgs);
        c.put("out_msgs", r.outMsgs);
        c.put("in_bytes", r.inBytes);
        c.put("out_bytes", r.outBytes);
        c.put("subscriptions", r.subscriptions);
        putIfSet(c, "name", r.name);
        putIfSet(c, "lang", r.lang);
        putIfSet(c, "version", r.version);
        putIfSet(c, "tls_version", r.tlsVersion);
        putIfSet(c, "tls_cipher_suite", r.tlsCipher);
        if (o.auth) {
            putIfSet(c, "authorized_user", r.user);
            if (!Account.GLOBAL.equals(r.account)) {
                putIfSet(c, "account", r.account);
            }
            if (r.jwtUser != null) {
                putIfSet(c, "jwt", r.jwtUser.jwt());
                putIfSet(c, "issuer_key", r.jwtUser.issuerKey());
                putIfSet(c, "name_tag", r.jwtUser.name());
            }
        }
        if (o.subs) {
            List<SubRecord> subs = r.subs != null ? r.subs : r.live != null ? ConnRecord.subsOf(r.live) : List.of();
            if (!subs.isEmpty()) {
                // nats-server 2.9.10 names the account in the details of closed connections only.
                boolean withAccount = r.isClosed();
                if (o.detail) {
                    ArrayNode a = c.putArray("subscriptions_list_detail");
                    subs.forEach(s -> a.add(s.toJson(withAccount)));
                } else {
                    ArrayNode a = c.putArray("subscriptions_list");
                    subs.forEach(s -> a.add(s.subject));
                }
            }
        }
        return c;
    }

    /**
     * nats-server shows sub-millisecond round trips to the microsecond and longer ones to the nanosecond; the same
     * truncation keeps "471µs" instead of "471.318µs".
     */
    static long rttForDisplay(long rtt) {
        if (rtt > 1_000 && rtt < 1_000_000) {
            return rtt - rtt % 1_000;
        }
        return rtt;
    }

    private static void putIfSet(ObjectNode o, String key, String v) {
        if (v != null && !v.isEmpty()) {
            o.put(key, v);
        }
    }
}
