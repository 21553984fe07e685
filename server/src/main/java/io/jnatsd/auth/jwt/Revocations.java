package io.jnatsd.auth.jwt;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * A revocation list: public key to Unix seconds; JWTs for that key issued at or before the time are revoked.
 * The key {@code "*"} revokes every key's JWTs issued at or before its time.
 */
final class Revocations {
    static final String ALL = "*";

    private Revocations() {
    }

    static Map<String, Long> of(JsonNode n) {
        Map<String, Long> out = new HashMap<>();
        if (n != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.put(e.getKey(), e.getValue().asLong());
            }
        }
        return Map.copyOf(out);
    }

    static boolean revoked(Map<String, Long> list, String publicKey, long issuedAt) {
        Long all = list.get(ALL);
        if (all != null && all >= issuedAt) {
            return true;
        }
        Long t = list.get(publicKey);
        return t != null && t >= issuedAt;
    }
}
