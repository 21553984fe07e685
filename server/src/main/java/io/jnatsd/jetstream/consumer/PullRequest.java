package io.jnatsd.jetstream.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * One waiting CONSUMER.MSG.NEXT request: where to deliver, how many messages and bytes it still wants, when it
 * expires and when its next idle heartbeat is due. Owned by the consumer's thread.
 */
final class PullRequest {
    private static final ObjectMapper JSON = new ObjectMapper();

    final String reply;
    /** The reply subject's bytes, for the interest check before each delivery. */
    final byte[] replyBytes;
    long batch;
    /** 0 = no byte limit; otherwise what is left of max_bytes. */
    long bytesLeft;
    final boolean byteLimited;
    final boolean noWait;
    /** 0 = never. */
    final long expiresAt;
    final long heartbeatNanos;
    long nextHeartbeat;
    int delivered;

    private PullRequest(String reply, long batch, long maxBytes, boolean noWait, long expiresAt, long heartbeat,
            long now) {
        this.reply = reply;
        this.replyBytes = reply.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        this.batch = batch;
        this.bytesLeft = maxBytes;
        this.byteLimited = maxBytes > 0;
        this.noWait = noWait;
        this.expiresAt = expiresAt;
        this.heartbeatNanos = heartbeat;
        this.nextHeartbeat = heartbeat > 0 ? now + heartbeat : 0;
    }

    /** Empty body: one message; a number: that many; otherwise nats-server's JSON pull request. */
    static PullRequest parse(String reply, byte[] body, long now) throws IOException {
        String text = new String(body, StandardCharsets.UTF_8).trim();
        if (text.isEmpty()) {
            return new PullRequest(reply, 1, 0, false, 0, 0, now);
        }
        if (Character.isDigit(text.charAt(0))) {
            return new PullRequest(reply, Math.max(1, Long.parseLong(text)), 0, false, 0, 0, now);
        }
        JsonNode n = JSON.readTree(text);
        if (n == null || !n.isObject()) {
            throw new IOException("not a pull request");
        }
        long expires = n.path("expires").asLong(0);
        return new PullRequest(reply, Math.max(1, n.path("batch").asLong(1)), n.path("max_bytes").asLong(0),
                n.path("no_wait").asBoolean(false), expires > 0 ? now + expires : 0,
                n.path("idle_heartbeat").asLong(0), now);
    }

    long expiresIn(long now) {
        return expiresAt == 0 ? 0 : expiresAt - now;
    }
}
