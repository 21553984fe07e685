package io.jnatsd.jetstream;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnatsd.account.Account;
import io.jnatsd.client.ClientConnection;
import io.jnatsd.client.InternalPublisher;
import io.jnatsd.jetstream.store.StoredMessage;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * 2.11's batched DIRECT.GET (ADR-31): {@code {"batch":n, "seq", "next_by_subj", "max_bytes"}} sends up to n
 * messages from {@code seq} on matching subjects, {@code {"multi_last":[filters], "up_to_seq", "batch"}} the last
 * message of every matching subject, in sequence order. Each message carries the direct-get headers plus
 * {@code Nats-Num-Pending} (matching messages left after it) and {@code Nats-Last-Sequence} (the previous one sent);
 * the batch ends with {@code NATS/1.0 204 EOB} carrying the same two headers. Nothing found: 404.
 */
final class DirectBatch {
    private static final byte[] EMPTY = new byte[0];

    private DirectBatch() {
    }

    static boolean isBatch(JsonNode req) {
        return req.has("batch") || req.has("multi_last");
    }

    static void reply(Account<ClientConnection> account, JsStream s, JsonNode req, String reply) {
        List<StoredMessage> found = req.has("multi_last") ? multiLast(s, req) : batch(s, req);
        if (found.isEmpty()) {
            status(account, reply, "NATS/1.0 404 Message Not Found\r\n\r\n");
            return;
        }
        int limit = req.path("batch").asInt(found.size());
        long maxBytes = req.path("max_bytes").asLong(0);
        long extra = extraPending(s, req, found);
        long sentBytes = 0;
        long lastSent = 0;
        int sent = 0;
        for (StoredMessage m : found) {
            if (sent >= Math.max(1, limit) || (maxBytes > 0 && sent > 0 && sentBytes + m.data().length > maxBytes)) {
                break;
            }
            long pending = found.size() - sent - 1 + extra;
            String stored = m.headers().length == 0 ? "NATS/1.0\r\n"
                    : new String(m.headers(), 0, m.headers().length - 2, StandardCharsets.UTF_8);
            String headers = stored + "Nats-Stream: " + s.config().name() + "\r\nNats-Subject: " + m.subject()
                    + "\r\nNats-Sequence: " + m.seq() + "\r\nNats-Time-Stamp: " + JsTime.format(m.timestampNanos())
                    + "\r\nNats-Num-Pending: " + pending + "\r\nNats-Last-Sequence: " + lastSent + "\r\n\r\n";
            InternalPublisher.publish(account, reply, null, headers.getBytes(StandardCharsets.UTF_8), m.data());
            sentBytes += m.data().length;
            lastSent = m.seq();
            sent++;
        }
        long pending = found.size() - sent + extra;
        status(account, reply, "NATS/1.0 204 EOB\r\nNats-Num-Pending: " + pending + "\r\nNats-Last-Sequence: "
                + lastSent + "\r\n\r\n");
    }

    /** Matching messages beyond those collected (a batch collects at most {@code batch} of them). */
    private static long extraPending(JsStream s, JsonNode req, List<StoredMessage> found) {
        if (req.has("multi_last") || found.isEmpty()) {
            return 0;
        }
        String filter = req.path("next_by_subj").asText(">");
        long n = 0;
        for (StoredMessage m = s.store().loadNextMatching(filter, found.get(found.size() - 1).seq() + 1);
                m != null; m = s.store().loadNextMatching(filter, m.seq() + 1)) {
            n++;
        }
        return n;
    }

    private static List<StoredMessage> batch(JsStream s, JsonNode req) {
        String filter = req.path("next_by_subj").asText(">");
        int n = Math.max(1, req.path("batch").asInt(1));
        List<StoredMessage> out = new ArrayList<>();
        for (StoredMessage m = s.store().loadNextMatching(filter, Math.max(1, req.path("seq").asLong(1)));
                m != null && out.size() < n; m = s.store().loadNextMatching(filter, m.seq() + 1)) {
            out.add(m);
        }
        return out;
    }

    private static List<StoredMessage> multiLast(JsStream s, JsonNode req) {
        long upTo = req.path("up_to_seq").asLong(0);
        TreeSet<String> subjects = new TreeSet<>();
        req.get("multi_last").forEach(f -> subjects.addAll(s.store().subjects(f.asText()).keySet()));
        List<StoredMessage> out = new ArrayList<>();
        for (String subject : subjects) {
            StoredMessage last = s.store().loadLastBySubject(subject);
            if (last != null && upTo > 0 && last.seq() > upTo) {
                last = null;
                for (StoredMessage m = s.store().loadNextMatching(subject, 1); m != null && m.seq() <= upTo;
                        m = s.store().loadNextMatching(subject, m.seq() + 1)) {
                    last = m;
                }
            }
            if (last != null) {
                out.add(last);
            }
        }
        out.sort((a, b) -> Long.compare(a.seq(), b.seq()));
        return out;
    }

    private static void status(Account<ClientConnection> account, String reply, String headers) {
        InternalPublisher.publish(account, reply, null, headers.getBytes(StandardCharsets.UTF_8), EMPTY);
    }
}
