package io.jnatsd.monitor;

import java.util.List;
import java.util.Map;

/**
 * The query parameters of one request, decoded with nats-server's rules and error wording (it decodes with Go's
 * strconv, and clients and scripts see those messages).
 */
final class Query {
    private final Map<String, List<String>> params;

    Query(Map<String, List<String>> params) {
        this.params = params;
    }

    Map<String, List<String>> params() {
        return params;
    }

    static Query empty() {
        return new Query(Map.of());
    }

    /** The first value, or null when absent. */
    String string(String name) {
        List<String> v = params.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** The first value, or "" when absent (Go's {@code r.URL.Query().Get}). */
    String text(String name) {
        String v = string(name);
        return v == null ? "" : v;
    }

    /** A boolean the way Go's strconv.ParseBool reads it; absent or empty is false. */
    boolean bool(String name) throws BadRequest {
        String v = text(name);
        if (v.isEmpty()) {
            return false;
        }
        Boolean b = parseBool(v);
        if (b == null) {
            throw new BadRequest("Error decoding boolean for '" + name + "': strconv.ParseBool: parsing "
                    + quote(v) + ": invalid syntax");
        }
        return b;
    }

    /** Go's ParseBool: exactly these spellings. */
    static Boolean parseBool(String v) {
        switch (v) {
            case "1": case "t": case "T": case "TRUE": case "true": case "True":
                return Boolean.TRUE;
            case "0": case "f": case "F": case "FALSE": case "false": case "False":
                return Boolean.FALSE;
            default:
                return null;
        }
    }

    /** A signed int (Go's strconv.Atoi); absent or empty gives {@code dflt}. */
    int integer(String name, int dflt) throws BadRequest {
        String v = text(name);
        if (v.isEmpty()) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.startsWith("+") ? v.substring(1) : v);
        } catch (NumberFormatException e) {
            String why = isDigits(v) ? "value out of range" : "invalid syntax";
            throw new BadRequest("Error decoding int for '" + name + "': strconv.Atoi: parsing " + quote(v) + ": "
                    + why);
        }
    }

    /** An unsigned 64-bit value (Go's strconv.ParseUint); absent or empty gives 0. */
    long unsigned(String name) throws BadRequest {
        String v = text(name);
        if (v.isEmpty()) {
            return 0;
        }
        boolean digitsOnly = isDigits(v) && Character.isDigit(v.charAt(0)); // ParseUint takes no sign
        try {
            if (!digitsOnly) {
                throw new NumberFormatException();
            }
            return Long.parseUnsignedLong(v);
        } catch (NumberFormatException e) {
            String why = digitsOnly ? "value out of range" : "invalid syntax";
            throw new BadRequest("Error decoding uint64 for '" + name + "': strconv.ParseUint: parsing " + quote(v)
                    + ": " + why);
        }
    }

    private static boolean isDigits(String v) {
        String d = v.startsWith("-") || v.startsWith("+") ? v.substring(1) : v;
        if (d.isEmpty()) {
            return false;
        }
        for (int i = 0; i < d.length(); i++) {
            if (d.charAt(i) < '0' || d.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** Go's %q for the plain values a query carries: quotes and backslashes escaped, control characters as \xNN. */
    static String quote(String v) {
        StringBuilder b = new StringBuilder(v.length() + 2).append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
