package io.jnatsd.auth.jwt;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;

/** {@code resp}: replies allowed to received requests, at most {@code max} within {@code ttl} (nanoseconds in JSON). */
public record ResponsePermission(int max, Duration ttl) {
    static ResponsePermission of(JsonNode n) {
        return n == null ? null : new ResponsePermission((int) NatsJson.number(n, "max"),
                Duration.ofNanos(NatsJson.number(n, "ttl")));
    }
}
