package io.jnatsd.testing;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Map;

/** A JSON document's field names with nesting, values left out, e.g. {@code {a,b{c,d}}}: for comparing shapes. */
public final class JsonOutline {
    private JsonOutline() {
    }

    public static String of(JsonNode n) {
        if (!n.isObject()) {
            return "";
        }
        StringBuilder b = new StringBuilder("{");
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            b.append(f.getKey()).append(of(f.getValue()));
            if (it.hasNext()) {
                b.append(',');
            }
        }
        return b.append('}').toString();
    }
}
