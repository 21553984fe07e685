package io.jnatsd.jetstream.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.jetstream.ApiPage;
import io.jnatsd.jetstream.JsError;
import io.jnatsd.jetstream.JsException;

import java.util.List;
import java.util.function.Function;

/**
 * The consumer part of the JetStream API ({@code $JS.API.CONSUMER.*}) with nats-server 2.9.10's subjects, shapes and
 * errors: CREATE (ephemeral, or named with an optional filter in the subject as 2.9/2.10 clients send),
 * DURABLE.CREATE, INFO, DELETE, NAMES, LIST, and MSG.NEXT (pull requests, answered by the consumer itself).
 * Runs on JetStream's API thread; the consumers' own work runs on their stream's consumer thread.
 */
public final class ConsumerApi {
    private final Function<String, StreamConsumers> streams;

    /** @param streams a stream's consumers by stream name; throws stream not found */
    public ConsumerApi(Function<String, StreamConsumers> streams) {
        this.streams = streams;
    }

    /** The response type for a CONSUMER request subject split at dots (after {@code $JS.API.}). */
    public static String responseType(String[] t) {
        String op = t.length > 1 ? t[1] : "";
        return switch (op) {
            case "CREATE", "DURABLE" -> "consumer_create_response";
            case "INFO" -> "consumer_info_response";
            case "DELETE" -> "consumer_delete_response";
            case "NAMES" -> "consumer_names_response";
            case "LIST" -> "consumer_list_response";
            default -> "error_response";
        };
    }

    /** Whether this is a pull request (answered with messages or statuses, not JSON). */
    public static boolean isPull(String[] t) {
        return t.length == 5 && t[0].equals("CONSUMER") && t[1].equals("MSG") && t[2].equals("NEXT");
    }

    /** $JS.API.CONSUMER.MSG.NEXT.<stream>.<consumer> */
    public void pull(String[] t, String reply, byte[] body) {
        StreamConsumers s;
        try {
            s = streams.apply(t[3]);
        } catch (JsException e) {
            return;
        }
        s.pull(t[4], reply, body);
    }

    /** Fills {@code r} with the response; throws {@link JsException} for an error reply. */
    public void handle(String[] t, JsonNode req, ObjectNode r) {
        String op = t.length > 1 ? t[1] : "";
        switch (op) {
            case "CREATE" -> {
                // CONSUMER.CREATE.<stream>[.<name>[.<filter...>]]
                StreamConsumers s = streams.apply(at(t, 2));
                String name = t.length > 3 ? t[3] : null;
                String filter = t.length > 4 ? String.join(".", List.of(t).subList(4, t.length)) : null;
                checkStreamName(req, t[2]);
                r.setAll(s.create(config(req), name, filter, false));
            }
            case "DURABLE" -> {
                // CONSUMER.DURABLE.CREATE.<stream>.<durable>
                if (t.length != 5 || !t[2].equals("CREATE")) {
                    throw new JsException(new JsError(400, 10003, "bad request"));
                }
                StreamConsumers s = streams.apply(t[3]);
                checkStreamName(req, t[3]);
                r.setAll(s.create(config(req), t[4], null, true));
            }
            case "INFO" -> r.setAll(streams.apply(at(t, 2)).info(at(t, 3)));
            case "DELETE" -> {
                if (!streams.apply(at(t, 2)).delete(at(t, 3))) {
                    throw new JsException(new JsError(404, 10014, "consumer not found"));
                }
                r.put("success", true);
            }
            case "NAMES" -> ApiPage.write(r, req, "consumers", ApiPage.NAMES, streams.apply(at(t, 2)).names(),
                    ArrayNode::add);
            case "LIST" -> ApiPage.write(r, req, "consumers", ApiPage.LIST, streams.apply(at(t, 2)).list(),
                    ArrayNode::add);
            default -> throw new JsException(new JsError(400, 10003, "bad request"));
        }
    }

    private static String at(String[] t, int i) {
        if (t.length <= i) {
            throw new JsException(new JsError(400, 10003, "bad request"));
        }
        return t[i];
    }

    private static void checkStreamName(JsonNode req, String stream) {
        String body = req.path("stream_name").asText("");
        if (!body.isEmpty() && !body.equals(stream)) {
            throw new JsException(new JsError(400, 10056, "stream name in subject does not match request"));
        }
    }

    private static ObjectNode config(JsonNode req) {
        JsonNode c = req.get("config");
        if (c == null || !c.isObject()) {
            throw new JsException(new JsError(400, 10078, "consumer config required"));
        }
        return ((ObjectNode) c).deepCopy();
    }

    static ObjectNode emptyObject() {
        return JsonNodeFactory.instance.objectNode();
    }
}
