package io.jnatsd.auth.jwt;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * The fields every NATS JWT has (nats-io/jwt ClaimsData and the generic part of {@code nats}), plus the whole
 * {@code nats} object for the typed views. Times are Unix seconds, 0 = not set.
 */
public record Claims(String jti, long issuedAt, String issuer, String name, String subject, long expires,
        long notBefore, String audience, ClaimType type, int version, List<String> tags, JsonNode nats) {
}
