package io.jnatsd.auth.jwt;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One entry of an account's {@code exports}: a stream or service subject other accounts may import, whether an
 * activation token is required, revoked importers (public key to Unix seconds) and the service response type.
 */
public record Export(String name, String subject, String type, boolean tokenRequired,
        Map<String, Long> revocations, String responseType, long responseThresholdNanos, int accountTokenPosition,
        boolean advertise, String description) {
    static List<Export> listOf(JsonNode array) {
        List<Export> out = new ArrayList<>();
        if (array != null) {
            for (JsonNode e : array) {
                out.add(new Export(NatsJson.text(e, "name"), NatsJson.text(e, "subject"), NatsJson.text(e, "type"),
                        NatsJson.flag(e, "token_req"), Revocations.of(NatsJson.object(e, "revocations")),
                        NatsJson.text(e, "response_type"), NatsJson.number(e, "response_threshold"),
                        (int) NatsJson.number(e, "account_token_position"), NatsJson.flag(e, "advertise"),
                        NatsJson.text(e, "description")));
            }
        }
        return List.copyOf(out);
    }

    /** Whether an activation for {@code importer} issued at {@code issuedAt} is revoked by this export. */
    public boolean revokes(String importer, long issuedAt) {
        return Revocations.revoked(revocations, importer, issuedAt);
    }
}
