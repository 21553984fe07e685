package io.jnatsd.monitor;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;

/**
 * JSON text as nats-server writes it with Go's {@code json.MarshalIndent(v, "", "  ")}: two-space indentation,
 * {@code "key": value}, one array element per line, {@code []} and {@code {}} for empty containers, and the HTML
 * characters {@code < > &} escaped as Go does. Field order is insertion order, which the endpoints keep equal to
 * nats-server's struct order.
 */
final class JsonOut {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    private static final ObjectWriter PRETTY = MAPPER.writer(goPrinter()).with(new GoEscapes());
    private static final ObjectWriter COMPACT = MAPPER.writer().with(new GoEscapes());

    private JsonOut() {
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    /** A float64 field written as Go writes it (see {@link GoFormat#float64}). */
    static void putFloat(ObjectNode o, String key, double v) {
        Number n = GoFormat.float64(v);
        if (n instanceof Long) {
            o.put(key, n.longValue());
        } else if (n instanceof java.math.BigDecimal) {
            o.put(key, (java.math.BigDecimal) n);
        } else {
            o.put(key, n.doubleValue());
        }
    }

    static byte[] pretty(JsonNode n) {
        try {
            return PRETTY.writeValueAsBytes(n);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads JSON text back (an endpoint's reply, a request's options). */
    static JsonNode parse(byte[] json) throws java.io.IOException {
        return MAPPER.readTree(json);
    }

    static byte[] compact(JsonNode n) {
        try {
            return COMPACT.writeValueAsBytes(n);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DefaultPrettyPrinter goPrinter() {
        Separators s = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        DefaultIndenter lines = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter p = new DefaultPrettyPrinter(s);
        p.indentObjectsWith(lines);
        p.indentArraysWith(lines);
        return p;
    }

    /** Go's encoding/json escapes these so JSON can be embedded in HTML; subjects like "foo.>" show it. */
    private static final class GoEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] table = standardAsciiEscapesForJSON();

        GoEscapes() {
            table['<'] = ESCAPE_CUSTOM;
            table['>'] = ESCAPE_CUSTOM;
            table['&'] = ESCAPE_CUSTOM;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return table;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            switch (ch) {
                case '<':
                    return new SerializedString("\\u003c");
                case '>':
                    return new SerializedString("\\u003e");
                case '&':
                    return new SerializedString("\\u0026");
                case 0x2028:
                    return new SerializedString("\\u2028");
                case 0x2029:
                    return new SerializedString("\\u2029");
                default:
                    return null;
            }
        }
    }
}
