package io.jnatsd.jetstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.function.BiConsumer;

/** One page of a NAMES or LIST reply, as nats-server pages them: {@code total}, {@code offset}, {@code limit}. */
public final class ApiPage {
    /** Page sizes of nats-server's NAMES and LIST replies. */
    public static final int NAMES = 1024;
    public static final int LIST = 256;

    private ApiPage() {
    }

    /** Writes the page of {@code all} from the request's {@code offset} into {@code field} of {@code r}. */
    public static <T> void write(ObjectNode r, JsonNode req, String field, int limit, List<T> all,
            BiConsumer<ArrayNode, T> add) {
        int offset = Math.max(0, req.path("offset").asInt(0));
        r.put("total", all.size());
        r.put("offset", offset);
        r.put("limit", limit);
        ArrayNode a = r.putArray(field);
        for (int i = offset; i < all.size() && i < offset + limit; i++) {
            add.accept(a, all.get(i));
        }
    }
}
