package io.jnatsd.auth.jwt;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * One entry of an account's {@code imports}: the exporting account, its subject, where it lands locally
 * ({@code local_subject}, or the older {@code to}), the activation token if one was needed.
 */
public record Import(String name, String subject, String account, String token, String localSubject, String type,
        boolean share) {
    static List<Import> listOf(JsonNode array) {
        List<Import> out = new ArrayList<>();
        if (array != null) {
            for (JsonNode i : array) {
                String local = NatsJson.text(i, "local_subject");
                out.add(new Import(NatsJson.text(i, "name"), NatsJson.text(i, "subject"),
                        NatsJson.text(i, "account"), NatsJson.text(i, "token"),
                        local.isEmpty() ? NatsJson.text(i, "to") : local, NatsJson.text(i, "type"),
                        NatsJson.flag(i, "share")));
            }
        }
        return List.copyOf(out);
    }
}
