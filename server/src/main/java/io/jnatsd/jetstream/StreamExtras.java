package io.jnatsd.jetstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.subject.transform.SubjectTransform;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stream settings beyond nats-server 2.9.10's core ones: {@code republish} (2.9), and from 2.10
 * {@code subject_transform}, {@code first_seq}, {@code metadata} and {@code discard_new_per_subject}. Written back
 * only when set, as nats-server omits them.
 *
 * @param republish null = none
 * @param transform null = none (applied to a published subject before it is stored)
 */
record StreamExtras(Republish republish, Transform transform, long firstSeq, Map<String, String> metadata,
        boolean discardNewPerSubject) {
    static final JsError BAD_CONFIG = new JsError(400, 10052, "");

    /** {@code republish {src, dest, headers_only}}: src defaults to ">". */
    record Republish(String src, String dest, boolean headersOnly, SubjectTransform transform) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Republish r && r.src.equals(src) && r.dest.equals(dest) && r.headersOnly == headersOnly;
        }

        @Override
        public int hashCode() {
            return src.hashCode() * 31 + dest.hashCode();
        }
    }

    /** {@code subject_transform {src, dest}}. */
    record Transform(String src, String dest, SubjectTransform transform) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Transform t && t.src.equals(src) && t.dest.equals(dest);
        }

        @Override
        public int hashCode() {
            return src.hashCode() * 31 + dest.hashCode();
        }
    }

    static StreamExtras parse(JsonNode n, boolean discardNew) {
        Republish republish = null;
        JsonNode r = n.path("republish");
        if (r.isObject()) {
            String src = r.path("src").asText("");
            String dest = r.path("dest").asText("");
            if (dest.isEmpty()) {
                throw new JsException(BAD_CONFIG.withDescription("stream configuration for republish destination "
                        + "is invalid"));
            }
            republish = new Republish(src, dest, r.path("headers_only").asBoolean(false),
                    compile(src.isEmpty() ? ">" : src, dest, "republish"));
        }
        Transform transform = null;
        JsonNode t = n.path("subject_transform");
        if (t.isObject() && !t.path("dest").asText("").isEmpty()) {
            String src = t.path("src").asText("");
            String dest = t.path("dest").asText("");
            transform = new Transform(src, dest, compile(src.isEmpty() ? ">" : src, dest, "subject transform"));
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        n.path("metadata").fields().forEachRemaining(e -> metadata.put(e.getKey(), e.getValue().asText()));
        boolean perSubject = n.path("discard_new_per_subject").asBoolean(false);
        if (perSubject && (!discardNew || n.path("max_msgs_per_subject").asLong(-1) <= 0)) {
            throw new JsException(BAD_CONFIG.withDescription(
                    "discard new per subject requires discard new policy to be set"));
        }
        return new StreamExtras(republish, transform, Math.max(0, n.path("first_seq").asLong(0)),
                Map.copyOf(metadata), perSubject);
    }

    private static SubjectTransform compile(String src, String dest, String what) {
        try {
            return SubjectTransform.compile(src, dest);
        } catch (IllegalArgumentException e) {
            throw new JsException(BAD_CONFIG.withDescription("stream configuration for " + what
                    + " is invalid"));
        }
    }

    void writeBeforeDirect(ObjectNode c) {
        if (firstSeq > 0) {
            c.put("first_seq", firstSeq);
        }
        if (transform != null) {
            ObjectNode t = c.putObject("subject_transform");
            t.put("src", transform.src());
            t.put("dest", transform.dest());
        }
        if (republish != null) {
            ObjectNode r = c.putObject("republish");
            r.put("src", republish.src());
            r.put("dest", republish.dest());
            if (republish.headersOnly()) {
                r.put("headers_only", true);
            }
        }
    }

    void writeAfterDirect(ObjectNode c) {
        if (discardNewPerSubject) {
            c.put("discard_new_per_subject", true);
        }
    }

    void writeLast(ObjectNode c) {
        if (!metadata.isEmpty()) {
            ObjectNode m = c.putObject("metadata");
            metadata.forEach(m::put);
        }
    }
}
