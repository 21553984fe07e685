package io.jnatsd.jetstream.mirror;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * One stream a mirror copies or a stream sources from: {@code {name, opt_start_seq, opt_start_time, filter_subject,
 * subject_transforms, external {api, deliver}}} as nats-server's StreamSource.
 *
 * @param apiPrefix null = the stream's own account ({@code $JS.API})
 * @param transforms 2.10 {@code subject_transforms} ({@code [{src, dest}]}), empty for none
 */
public record Origin(String name, long optStartSeq, String optStartTime, String filterSubject,
        List<String[]> transforms, String apiPrefix, String deliverPrefix) {

    public static Origin parse(JsonNode n) {
        List<String[]> transforms = new ArrayList<>();
        n.path("subject_transforms").forEach(t -> transforms.add(
                new String[] {t.path("src").asText(""), t.path("dest").asText("")}));
        JsonNode ext = n.path("external");
        String api = ext.isObject() && !ext.path("api").asText("").isEmpty() ? ext.get("api").asText() : null;
        String deliver = ext.isObject() ? ext.path("deliver").asText("") : "";
        return new Origin(n.path("name").asText(""), n.path("opt_start_seq").asLong(0),
                n.hasNonNull("opt_start_time") ? n.get("opt_start_time").asText() : null,
                n.path("filter_subject").asText(""), List.copyOf(transforms), api, deliver);
    }

    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("name", name);
        if (optStartSeq > 0) {
            o.put("opt_start_seq", optStartSeq);
        }
        if (optStartTime != null) {
            o.put("opt_start_time", optStartTime);
        }
        if (!filterSubject.isEmpty()) {
            o.put("filter_subject", filterSubject);
        }
        if (!transforms.isEmpty()) {
            var a = o.putArray("subject_transforms");
            transforms.forEach(t -> a.addObject().put("src", t[0]).put("dest", t[1]));
        }
        if (apiPrefix != null) {
            o.set("external", externalJson());
        }
        return o;
    }

    ObjectNode externalJson() {
        ObjectNode e = JsonNodeFactory.instance.objectNode();
        e.put("api", apiPrefix);
        e.put("deliver", deliverPrefix);
        return e;
    }

    /** The API subject prefix the consumer is created through (ends without a dot). */
    String api() {
        return apiPrefix != null ? apiPrefix : "$JS.API";
    }

    /**
     * nats-server's index name, written in {@code Nats-Stream-Source}: the stream name, or for an external origin
     * the name and a hash of the API prefix ({@code NAME:hash}), so two origins of the same name stay apart.
     */
    public String indexName() {
        if (apiPrefix == null) {
            return name;
        }
        try {
            byte[] sum = MessageDigest.getInstance("SHA-256").digest(apiPrefix.getBytes(StandardCharsets.UTF_8));
            return name + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(sum).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Origin other && other.toJson().equals(toJson());
    }

    @Override
    public int hashCode() {
        return toJson().hashCode();
    }
}
