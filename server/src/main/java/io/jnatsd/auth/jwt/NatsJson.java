package io.jnatsd.auth.jwt;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** Reads the value shapes NATS claims use, with Go's zero values for absent fields. */
final class NatsJson {
    private NatsJson() {
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }

    static long number(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || v.isNull() ? 0 : v.asLong();
    }

    static boolean flag(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v != null && v.asBoolean();
    }

    /** An array of strings; a single string is split at commas (older JWTs wrote CIDR lists that way). */
    static List<String> strings(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        List<String> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (v.isTextual()) {
            for (String s : v.asText().split(",")) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
            return out;
        }
        for (JsonNode e : v) {
            out.add(e.asText());
        }
        return out;
    }

    static JsonNode object(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || v.isNull() ? null : v;
    }
}
