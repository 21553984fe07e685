package io.jnatsd.auth.jwt;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An account JWT's {@code limits} (set by the operator): message limits, account limits and JetStream limits.
 * -1 = unlimited; 0 = not set (for JetStream storage: disabled). Tiered JetStream limits are kept as JSON.
 */
public record AccountLimits(long subs, long data, long payload, long imports, long exports, boolean wildcardExports,
        boolean disallowBearer, long conn, long leaf, long memStorage, long diskStorage, long streams,
        long consumer, long maxAckPending, long memMaxStreamBytes, long diskMaxStreamBytes,
        boolean maxBytesRequired, JsonNode tieredLimits) {
    static AccountLimits of(JsonNode n) {
        return new AccountLimits(NatsJson.number(n, "subs"), NatsJson.number(n, "data"),
                NatsJson.number(n, "payload"), NatsJson.number(n, "imports"), NatsJson.number(n, "exports"),
                NatsJson.flag(n, "wildcards"), NatsJson.flag(n, "disallow_bearer"), NatsJson.number(n, "conn"),
                NatsJson.number(n, "leaf"), NatsJson.number(n, "mem_storage"), NatsJson.number(n, "disk_storage"),
                NatsJson.number(n, "streams"), NatsJson.number(n, "consumer"),
                NatsJson.number(n, "max_ack_pending"), NatsJson.number(n, "mem_max_stream_bytes"),
                NatsJson.number(n, "disk_max_stream_bytes"), NatsJson.flag(n, "max_bytes_required"),
                NatsJson.object(n, "tiered_limits"));
    }
}
