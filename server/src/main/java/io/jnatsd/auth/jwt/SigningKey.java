package io.jnatsd.auth.jwt;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * An account signing key: a plain public key, or a scoped one ({@code {"kind":"user_scope","key":...,"role":...,
 * "template":{...}}}) whose template replaces the permissions of the users it signs.
 */
public record SigningKey(String key, String role, UserPermissionLimits template) {
    public boolean scoped() {
        return template != null;
    }

    static List<SigningKey> listOf(JsonNode array) {
        List<SigningKey> out = new ArrayList<>();
        if (array != null) {
            for (JsonNode k : array) {
                if (k.isTextual()) {
                    out.add(new SigningKey(k.asText(), "", null));
                } else {
                    out.add(new SigningKey(NatsJson.text(k, "key"), NatsJson.text(k, "role"),
                            UserPermissionLimits.of(NatsJson.object(k, "template"))));
                }
            }
        }
        return List.copyOf(out);
    }
}
