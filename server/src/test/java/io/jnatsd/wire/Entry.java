package io.jnatsd.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * One thing a connection observed: an INFO (compared on its JSON field names only, since ids, ports and versions
 * legitimately differ), any other frame (compared byte for byte), or the connection's state at a checkpoint.
 */
record Entry(int conn, Kind kind, String text, List<String> infoFields) {
    enum Kind { INFO, FRAME, STATE }

    static final String CLOSED = "<closed>";
    static final String OPEN = "<open>";
    static final String TIMEOUT = "<timeout>";

    private static final ObjectMapper JSON = new ObjectMapper();

    static Entry frame(int conn, String frame) {
        if (frame.startsWith("INFO ")) {
            return info(conn, frame);
        }
        return new Entry(conn, Kind.FRAME, frame, List.of());
    }

    static Entry state(int conn, String state) {
        return new Entry(conn, Kind.STATE, state, List.of());
    }

    /** An INFO frame as received; its field names in the server's order. */
    static Entry info(int conn, String frame) {
        List<String> names = new ArrayList<>();
        try {
            JsonNode n = JSON.readTree(frame.substring(5).trim());
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("INFO is not JSON: " + frame, e);
        }
        return new Entry(conn, Kind.INFO, frame, List.copyOf(names));
    }

    /** An expected INFO that must carry at least these fields. */
    static Entry infoWithFields(int conn, List<String> fields) {
        return new Entry(conn, Kind.INFO, "", List.copyOf(fields));
    }

    /** True when this actual entry satisfies {@code expected}: same frame, or an INFO with all expected fields. */
    boolean satisfies(Entry expected) {
        if (conn != expected.conn || kind != expected.kind) {
            return false;
        }
        if (kind == Kind.INFO) {
            return infoFields.containsAll(expected.infoFields);
        }
        return text.equals(expected.text);
    }

    /** One line for a failure message; CR and LF are shown escaped so that every byte is visible. */
    String render() {
        String prefix = "c" + conn + " ";
        switch (kind) {
            case INFO:
                return prefix + "< INFO with fields " + infoFields;
            case STATE:
                return prefix + text;
            default:
                return prefix + "< " + escape(text);
        }
    }

    static String escape(String s) {
        return s.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
    }
}
