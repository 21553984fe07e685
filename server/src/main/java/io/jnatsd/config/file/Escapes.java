package io.jnatsd.config.file;

/**
 * Backslash escapes of double-quoted and unquoted strings: only \xHH, \t, \n, \r, \" and \\ exist, anything else
 * is an error (as in nats-server, so "C:\path" must be single-quoted).
 */
final class Escapes {
    private Escapes() {
    }

    /** Reads what follows a backslash the cursor has just consumed and appends the character it stands for. */
    static void read(SourceCursor in, StringBuilder out) {
        SourcePosition at = in.position();
        char c = in.next();
        switch (c) {
            case 't': out.append('\t'); return;
            case 'n': out.append('\n'); return;
            case 'r': out.append('\r'); return;
            case '"': out.append('"'); return;
            case '\\': out.append('\\'); return;
            case 'x': readHexByte(in, out); return;
            default:
                throw in.error(at, "Invalid escape character '" + Chars.shown(c) + "'. Only the following escape "
                        + "characters are allowed: \\xXX, \\t, \\n, \\r, \\\", \\\\.");
        }
    }

    private static void readHexByte(SourceCursor in, StringBuilder out) {
        char high = in.next();
        if (Chars.isNewline(high)) {
            throw in.error("Expected two hexadecimal digits after '\\x', but hit end of line");
        }
        char low = in.next();
        if (Chars.isNewline(low)) {
            throw in.error("Expected two hexadecimal digits after '\\x', but hit end of line");
        }
        int h = Character.digit(high, 16);
        int l = Character.digit(low, 16);
        if (h < 0 || l < 0) {
            throw in.error("Expected two hexadecimal digits after '\\x', but got '" + Chars.shown(high)
                    + Chars.shown(low) + "'");
        }
        // One byte; above 0x7f Go would keep a raw byte, Java keeps the Latin-1 character of that value.
        out.append((char) (h * 16 + l));
    }
}
