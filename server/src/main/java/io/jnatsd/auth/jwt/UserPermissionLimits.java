package io.jnatsd.auth.jwt;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * What a user may do, as in a user JWT's {@code nats} (and in the template of a scoped signing key): pub/sub
 * permissions, responses, source networks, connect times, limits (-1 = unlimited, 0 = not set), bearer token and the
 * connection types allowed.
 */
public record UserPermissionLimits(Permission pub, Permission sub, ResponsePermission resp, List<String> src,
        List<TimeRange> times, String timesLocation, long subs, long data, long payload, boolean bearerToken,
        List<String> allowedConnectionTypes) {
    static UserPermissionLimits of(JsonNode n) {
        return new UserPermissionLimits(Permission.of(NatsJson.object(n, "pub")),
                Permission.of(NatsJson.object(n, "sub")), ResponsePermission.of(NatsJson.object(n, "resp")),
                List.copyOf(NatsJson.strings(n, "src")), TimeRange.listOf(NatsJson.object(n, "times")),
                NatsJson.text(n, "times_location"), NatsJson.number(n, "subs"), NatsJson.number(n, "data"),
                NatsJson.number(n, "payload"), NatsJson.flag(n, "bearer_token"),
                List.copyOf(NatsJson.strings(n, "allowed_connection_types")));
    }
}
