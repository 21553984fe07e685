package io.jnatsd.jetstream;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;

/**
 * The JSON types of the JetStream API requests' fields, as nats-server's Go structs take them. Go refuses a request
 * whose known field has the wrong JSON type (a string for a duration, a number for a subject list, an array for the
 * config) with 400 / 10025 "invalid JSON", before anything is changed; the lenient tree reads here would instead have
 * used a default and gone on. Unknown fields and nulls pass, as in Go.
 */
final class RequestShape {
    /** Whether a JSON value fits a Go type. */
    interface Shape {
        boolean fits(JsonNode n);
    }

    static final Shape STRING = n -> n.isNull() || n.isTextual();
    /** Go's integer fields (and time.Duration): no fraction, no exponent form, in range of an int64. */
    static final Shape INTEGER = n -> n.isNull() || (n.isIntegralNumber() && n.canConvertToLong());
    static final Shape BOOLEAN = n -> n.isNull() || n.isBoolean();
    /** time.Time: an RFC 3339 string. */
    static final Shape TIME = n -> n.isNull() || (n.isTextual() && isRfc3339(n.asText()));

    static Shape array(Shape item) {
        return n -> {
            if (n.isNull()) {
                return true;
            }
            if (!n.isArray()) {
                return false;
            }
            for (JsonNode e : n) {
                if (!item.fits(e)) {
                    return false;
                }
            }
            return true;
        };
    }

    /** A struct: each known field must fit; others are ignored. */
    static Shape object(Map<String, Shape> fields) {
        return n -> {
            if (n.isNull()) {
                return true;
            }
            if (!n.isObject()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                Shape s = fields.get(e.getKey());
                if (s != null && !s.fits(e.getValue())) {
                    return false;
                }
            }
            return true;
        };
    }

    /** A map with string keys. */
    static Shape map(Shape values) {
        return n -> {
            if (n.isNull()) {
                return true;
            }
            if (!n.isObject()) {
                return false;
            }
            for (JsonNode v : n) {
                if (!values.fits(v)) {
                    return false;
                }
            }
            return true;
        };
    }

    private static boolean isRfc3339(String s) {
        try {
            OffsetDateTime.parse(s);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static final Shape TRANSFORM = object(Map.of("src", STRING, "dest", STRING));
    private static final Shape ORIGIN = object(Map.of("name", STRING, "opt_start_seq", INTEGER, "opt_start_time",
            TIME, "filter_subject", STRING, "subject_transforms", array(TRANSFORM), "external",
            object(Map.of("api", STRING, "deliver", STRING))));

    static final Shape STREAM_CONFIG = object(Map.ofEntries(
            Map.entry("name", STRING), Map.entry("description", STRING), Map.entry("subjects", array(STRING)),
            Map.entry("subject_transform", TRANSFORM), Map.entry("retention", STRING),
            Map.entry("max_consumers", INTEGER), Map.entry("max_msgs", INTEGER),
            Map.entry("max_msgs_per_subject", INTEGER), Map.entry("max_bytes", INTEGER),
            Map.entry("max_age", INTEGER), Map.entry("max_msg_size", INTEGER), Map.entry("storage", STRING),
            Map.entry("compression", STRING), Map.entry("first_seq", INTEGER), Map.entry("num_replicas", INTEGER),
            Map.entry("no_ack", BOOLEAN), Map.entry("discard", STRING), Map.entry("duplicate_window", INTEGER),
            Map.entry("placement", object(Map.of("cluster", STRING, "tags", array(STRING)))),
            Map.entry("mirror", ORIGIN), Map.entry("sources", array(ORIGIN)), Map.entry("sealed", BOOLEAN),
            Map.entry("deny_delete", BOOLEAN), Map.entry("deny_purge", BOOLEAN),
            Map.entry("allow_rollup_hdrs", BOOLEAN), Map.entry("allow_direct", BOOLEAN),
            Map.entry("mirror_direct", BOOLEAN),
            Map.entry("republish", object(Map.of("src", STRING, "dest", STRING, "headers_only", BOOLEAN))),
            Map.entry("discard_new_per_subject", BOOLEAN), Map.entry("metadata", map(STRING)),
            Map.entry("consumer_limits", object(Map.of("inactive_threshold", INTEGER, "max_ack_pending", INTEGER))),
            Map.entry("pedantic", BOOLEAN)));

    static final Shape CONSUMER_CONFIG = object(Map.ofEntries(
            Map.entry("durable_name", STRING), Map.entry("name", STRING), Map.entry("description", STRING),
            Map.entry("deliver_policy", STRING), Map.entry("opt_start_seq", INTEGER),
            Map.entry("opt_start_time", TIME), Map.entry("deliver_subject", STRING),
            Map.entry("deliver_group", STRING), Map.entry("ack_policy", STRING), Map.entry("ack_wait", INTEGER),
            Map.entry("max_deliver", INTEGER), Map.entry("filter_subject", STRING),
            Map.entry("filter_subjects", array(STRING)), Map.entry("replay_policy", STRING),
            Map.entry("sample_freq", STRING), Map.entry("rate_limit_bps", INTEGER),
            Map.entry("max_ack_pending", INTEGER), Map.entry("idle_heartbeat", INTEGER),
            Map.entry("flow_control", BOOLEAN), Map.entry("max_waiting", INTEGER), Map.entry("direct", BOOLEAN),
            Map.entry("headers_only", BOOLEAN), Map.entry("max_batch", INTEGER), Map.entry("max_expires", INTEGER),
            Map.entry("max_bytes", INTEGER), Map.entry("inactive_threshold", INTEGER),
            Map.entry("backoff", array(INTEGER)), Map.entry("num_replicas", INTEGER),
            Map.entry("mem_storage", BOOLEAN), Map.entry("metadata", map(STRING))));

    /**
     * The shape of the request on API subject tokens {@code t} (after {@code $JS.API.}), or null for requests whose
     * body is not checked here (pull requests and direct gets are answered with statuses, not JSON errors).
     */
    static Shape of(String[] t) {
        String op = t.length > 1 ? t[0] + "." + t[1] : t[0];
        return switch (op) {
            case "STREAM.CREATE", "STREAM.UPDATE" -> STREAM_CONFIG;
            case "STREAM.INFO" -> object(Map.of("deleted_details", BOOLEAN, "subjects_filter", STRING,
                    "offset", INTEGER));
            case "STREAM.NAMES", "STREAM.LIST" -> object(Map.of("offset", INTEGER, "subject", STRING));
            case "STREAM.PURGE" -> object(Map.of("filter", STRING, "seq", INTEGER, "keep", INTEGER));
            case "STREAM.MSG" -> t.length > 2 && t[2].equals("DELETE")
                    ? object(Map.of("seq", INTEGER, "no_erase", BOOLEAN))
                    : object(Map.of("seq", INTEGER, "last_by_subj", STRING, "next_by_subj", STRING));
            case "CONSUMER.CREATE", "CONSUMER.DURABLE" -> object(Map.of("stream_name", STRING, "config",
                    CONSUMER_CONFIG, "action", STRING, "pedantic", BOOLEAN));
            case "CONSUMER.NAMES", "CONSUMER.LIST" -> object(Map.of("offset", INTEGER, "subject", STRING));
            default -> null;
        };
    }

    /** Refuses, as nats-server does, a request whose fields do not fit their Go types. */
    static void check(String[] t, JsonNode request) {
        Shape s = of(t);
        if (s != null && !s.fits(request)) {
            throw new JsException(JsError.INVALID_JSON);
        }
    }

    private RequestShape() {
    }
}
