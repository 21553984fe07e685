package io.jnatsd.monitor;

import io.jnatsd.client.ClientConnection;
import io.jnatsd.subject.Subscription;

import java.nio.charset.StandardCharsets;

/** One subscription as monitoring shows it (nats-server's SubDetail). */
final class SubRecord {
    final String account;
    final String subject;
    final String queue;
    final String sid;
    final long msgs;
    final long max;
    final long cid;

    SubRecord(String account, String subject, String queue, String sid, long msgs, long max, long cid) {
        this.account = account;
        this.subject = subject;
        this.queue = queue;
        this.sid = sid;
        this.msgs = msgs;
        this.max = max;
        this.cid = cid;
    }

    /**
     * Reads the subscription's delivery counters without its subscriber's outbound lock: a value a moment old is
     * fine for monitoring and keeps the delivery path free of contention from here.
     */
    static SubRecord of(ClientConnection c, Subscription<ClientConnection> s) {
        return new SubRecord(c.accountName(), s.subjectString(), s.queue(),
                new String(s.sid(), StandardCharsets.UTF_8), s.delivered, s.maxMsgs, c.id());
    }

    /** {@code withAccount}: nats-server 2.9.10 names the account for /subsz and closed connections, not open ones. */
    com.fasterxml.jackson.databind.node.ObjectNode toJson(boolean withAccount) {
        var o = JsonOut.object();
        if (withAccount && account != null) {
            o.put("account", account);
        }
        o.put("subject", subject);
        if (queue != null) {
            o.put("qgroup", queue);
        }
        o.put("sid", sid);
        o.put("msgs", msgs);
        if (max > 0) {
            o.put("max", max);
        }
        o.put("cid", cid);
        return o;
    }
}
