package io.jnatsd.monitor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.client.ClientConnection;
import io.jnatsd.protocol.ServerVersion;

import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The parts of system account messages that every event and answer shares, in nats-server's field order: the
 * "server" object (with a sequence number per message sent), the "client" object of connect and disconnect
 * events, and the event id.
 */
final class EventJson {
    private static final char[] ID_ALPHABET =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ServerView server;
    private final AtomicLong seq = new AtomicLong();

    EventJson(ServerView server) {
        this.server = server;
    }

    static String utc(long epochNanos) {
        return GoFormat.time(epochNanos, ZoneOffset.UTC);
    }

    /** A 22-character random id, the length and alphabet of nats-server's NUIDs. */
    static String newId() {
        char[] c = new char[22];
        for (int i = 0; i < c.length; i++) {
            c[i] = ID_ALPHABET[RANDOM.nextInt(ID_ALPHABET.length)];
        }
        return new String(c);
    }

    void putServer(ObjectNode parent) {
        ObjectNode s = parent.putObject("server");
        s.put("name", server.serverName());
        s.put("host", server.options().host());
        s.put("id", server.serverId());
        s.put("ver", ServerVersion.VERSION);
        if (!server.options().serverTags().isEmpty()) {
            server.options().serverTags().forEach(s.putArray("tags")::add);
        }
        s.put("seq", seq.incrementAndGet());
        s.put("jetstream", false);
        s.put("time", utc(ServerView.nowEpochNanos()));
    }

    /** An advisory's head: type, id, timestamp, server. */
    ObjectNode advisory(String type) {
        ObjectNode e = JsonOut.object();
        e.put("type", type);
        e.put("id", newId());
        e.put("timestamp", utc(ServerView.nowEpochNanos()));
        putServer(e);
        return e;
    }

    /** The "client" object; {@code stop} 0 for a connect event (no rtt, no stop then, as nats-server). */
    static void putClient(ObjectNode parent, ClientConnection c, long stop) {
        ObjectNode o = parent.putObject("client");
        o.put("start", utc(c.startEpochNanos()));
        if (c.clientIp() != null) {
            o.put("host", c.clientIp());
        }
        o.put("id", c.id());
        o.put("acc", c.accountName());
        putIfSet(o, "user", c.user());
        putIfSet(o, "name", c.name());
        putIfSet(o, "lang", c.lang());
        putIfSet(o, "ver", c.version());
        if (stop != 0) {
            o.put("rtt", c.rttNanos());
            o.put("stop", utc(stop));
        }
        o.put("kind", "Client");
        o.put("client_type", "nats");
    }

    static void putTraffic(ObjectNode o, String key, long msgs, long bytes) {
        ObjectNode t = o.putObject(key);
        t.put("msgs", msgs);
        t.put("bytes", bytes);
    }

    private static void putIfSet(ObjectNode o, String key, String v) {
        if (v != null && !v.isEmpty()) {
            o.put(key, v);
        }
    }
}
