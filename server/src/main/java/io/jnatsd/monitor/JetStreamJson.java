package io.jnatsd.monitor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.jetstream.JetStreamUsage;

import java.math.BigInteger;
import java.time.Duration;

/** The JetStream objects /jsz and /varz share, with nats-server 2.9.10's field names and order. */
final class JetStreamJson {
    private static final BigInteger UINT64 = BigInteger.ONE.shiftLeft(64);

    private JetStreamJson() {
    }

    static void config(ObjectNode c, JetStreamUsage u) {
        c.put("max_memory", u.maxMemory());
        c.put("max_storage", u.maxStore());
        c.put("store_dir", u.storeDir());
        if (u.syncIntervalNanos() != Duration.ofMinutes(2).toNanos()) {
            c.put("sync_interval", u.syncIntervalNanos()); // 2.10 key; 2.9.10 has no sync_interval
        }
        if (u.syncAlways()) {
            c.put("sync_always", true);
        }
        if (u.domain() != null && !u.domain().isEmpty()) {
            c.put("domain", u.domain());
        }
        c.put("compress_ok", true);
    }

    /** memory ... api: the part of JSInfo that varz calls "stats". */
    static void stats(ObjectNode s, JetStreamUsage u) {
        s.put("memory", u.memory());
        s.put("storage", u.storage());
        s.put("reserved_memory", u.reservedMemory());
        s.put("reserved_storage", u.reservedStorage());
        s.put("accounts", u.accounts().size());
        s.put("ha_assets", 0);
        ObjectNode api = s.putObject("api");
        api.put("total", u.apiTotal());
        api.put("errors", u.apiErrors());
    }

    /** Go prints an unlimited (-1) account reservation as the uint64 it is. */
    static void unsigned(ObjectNode o, String key, long v) {
        if (v < 0) {
            o.put(key, UINT64.add(BigInteger.valueOf(v)));
        } else {
            o.put(key, v);
        }
    }
}
