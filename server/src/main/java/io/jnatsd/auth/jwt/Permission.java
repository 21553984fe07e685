package io.jnatsd.auth.jwt;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/** {@code {"allow": [...], "deny": [...]}} of a publish or subscribe permission; empty lists = not set. */
public record Permission(List<String> allow, List<String> deny) {
    static Permission of(JsonNode n) {
        return new Permission(List.copyOf(NatsJson.strings(n, "allow")), List.copyOf(NatsJson.strings(n, "deny")));
    }

    public boolean isEmpty() {
        return allow.isEmpty() && deny.isEmpty();
    }
}
