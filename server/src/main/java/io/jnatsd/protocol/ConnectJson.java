package io.jnatsd.protocol;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads a CONNECT's JSON onto {@link ConnectOptions} with the rules of Go's encoding/json, which nats-server uses:
 * keys match case-insensitively, a field left out or set to null keeps its value, a value of the wrong type or
 * anything after the object is an error, unknown keys are skipped whatever their value. Hand-written because it runs
 * once per connection: no reflection, no databind classes to load (connection churn and footprint).
 */
final class ConnectJson {
    private final byte[] b;
    private int i;
    private final int end;

    private ConnectJson(byte[] b, int off, int len) {
        this.b = b;
        this.i = off;
        this.end = off + len;
    }

    /** @return false when the JSON is {@code null} (nothing changes) */
    static boolean read(byte[] b, int off, int len, ConnectOptions into) throws IOException {
        ConnectJson p = new ConnectJson(b, off, len);
        p.ws();
        boolean changed;
        if (p.peekLiteral("null")) {
            p.i += 4;
            changed = false;
        } else {
            p.object(into);
            changed = true;
        }
        p.ws();
        if (p.i != p.end) {
            throw p.error("unexpected content after the JSON value");
        }
        return changed;
    }

    private IOException error(String what) {
        return new IOException(what + " at offset " + i);
    }

    private void ws() {
        while (i < end && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n')) {
            i++;
        }
    }

    private boolean peekLiteral(String lit) {
        if (end - i < lit.length()) {
            return false;
        }
        for (int k = 0; k < lit.length(); k++) {
            if (b[i + k] != lit.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private void expect(char c) throws IOException {
        ws();
        if (i >= end || b[i] != c) {
            throw error("expected '" + c + "'");
        }
        i++;
    }

    /** What to do with the value of one object member; the reader stands at the value. */
    private interface MemberReader {
        void read(String key) throws IOException;
    }

    private void object(ConnectOptions o) throws IOException {
        ws();
        if (i >= end || b[i] != '{') {
            throw error("expected '{'");
        }
        members(key -> field(o, key));
    }

    /** Reads the members of an object whose '{' is at {@code i}, through its '}'. */
    private void members(MemberReader reader) throws IOException {
        i++;
        ws();
        if (i < end && b[i] == '}') {
            i++;
            return;
        }
        while (true) {
            ws();
            String key = string();
            expect(':');
            ws();
            reader.read(key);
            ws();
            if (i < end && b[i] == ',') {
                i++;
                continue;
            }
            expect('}');
            return;
        }
    }

    private void field(ConnectOptions o, String key) throws IOException {
        if (peekLiteral("null")) {
            i += 4; // Go: null leaves a non-pointer field as it was
            return;
        }
        switch (key.toLowerCase(java.util.Locale.ROOT)) {
            case "verbose": o.verbose = bool(); break;
            case "pedantic": o.pedantic = bool(); break;
            case "tls_required": o.tlsRequired = bool(); break;
            case "echo": o.echo = bool(); break;
            case "headers": o.headers = bool(); break;
            case "no_responders": o.noResponders = bool(); break;
            case "new_account": o.newAccount = bool(); break;
            case "auth_token": o.authToken = string(); break;
            case "user": o.user = string(); break;
            case "pass": o.pass = string(); break;
            case "nkey": o.nkey = string(); break;
            case "sig": o.sig = string(); break;
            case "jwt": o.jwt = string(); break;
            case "name": o.name = string(); break;
            case "lang": o.lang = string(); break;
            case "version": o.version = string(); break;
            case "account": o.account = string(); break;
            case "protocol": o.protocol = integer(); break;
            default: skipValue(0); break;
        }
    }

    private boolean bool() throws IOException {
        if (peekLiteral("true")) {
            i += 4;
            return true;
        }
        if (peekLiteral("false")) {
            i += 5;
            return false;
        }
        throw error("expected a boolean");
    }

    private int integer() throws IOException {
        int start = i;
        if (i < end && b[i] == '-') {
            i++;
        }
        int digits = i;
        while (i < end && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        if (i == digits || (i < end && (b[i] == '.' || b[i] == 'e' || b[i] == 'E'))) {
            throw error("expected an integer");
        }
        try {
            return Integer.parseInt(new String(b, start, i - start, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            throw error("integer out of range");
        }
    }

    private String string() throws IOException {
        if (i >= end || b[i] != '"') {
            throw error("expected a string");
        }
        i++;
        int start = i;
        boolean escapes = false;
        while (true) {
            if (i >= end) {
                throw error("unterminated string");
            }
            byte c = b[i];
            if (c == '"') {
                break;
            }
            if (c == '\\') {
                escapes = true;
                i += 2;
                continue;
            }
            if ((c & 0xff) < 0x20) {
                throw error("control character in string");
            }
            i++;
        }
        String raw = new String(b, start, i - start, StandardCharsets.UTF_8);
        i++; // closing quote
        return escapes ? unescape(raw) : raw;
    }

    private String unescape(String s) throws IOException {
        StringBuilder sb = new StringBuilder(s.length());
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (++k >= s.length()) {
                throw error("bad escape");
            }
            char e = s.charAt(k);
            switch (e) {
                case '"': sb.append('"'); break;
                case '\\': sb.append('\\'); break;
                case '/': sb.append('/'); break;
                case 'b': sb.append('\b'); break;
                case 'f': sb.append('\f'); break;
                case 'n': sb.append('\n'); break;
                case 'r': sb.append('\r'); break;
                case 't': sb.append('\t'); break;
                case 'u':
                    try {
                        sb.append((char) Integer.parseInt(s.substring(k + 1, k + 5), 16));
                    } catch (NumberFormatException | StringIndexOutOfBoundsException ex) {
                        throw error("bad unicode escape");
                    }
                    k += 4;
                    break;
                default:
                    throw error("bad escape");
            }
        }
        return sb.toString();
    }

    /** Skips any JSON value, checking its syntax. */
    private void skipValue(int depth) throws IOException {
        if (depth > 64) {
            throw error("nesting too deep");
        }
        ws();
        if (i >= end) {
            throw error("expected a value");
        }
        byte c = b[i];
        if (c == '"') {
            string();
        } else if (c == '{') {
            members(key -> skipValue(depth + 1));
        } else if (c == '[') {
            i++;
            ws();
            if (i < end && b[i] == ']') {
                i++;
                return;
            }
            while (true) {
                skipValue(depth + 1);
                ws();
                if (i < end && b[i] == ',') {
                    i++;
                    continue;
                }
                expect(']');
                return;
            }
        } else if (peekLiteral("true")) {
            i += 4;
        } else if (peekLiteral("false")) {
            i += 5;
        } else if (peekLiteral("null")) {
            i += 4;
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            i++;
            while (i < end && ((b[i] >= '0' && b[i] <= '9') || b[i] == '.' || b[i] == 'e' || b[i] == 'E'
                    || b[i] == '+' || b[i] == '-')) {
                i++;
            }
        } else {
            throw error("unexpected character");
        }
    }
}
