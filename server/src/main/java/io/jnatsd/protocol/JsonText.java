package io.jnatsd.protocol;

/** Writes JSON string literals (quotes and escapes) for the few JSON texts the protocol builds by hand. */
public final class JsonText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonText() {
    }

    public static void appendString(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    sb.append("\\\"");
                    break;
                case '\\':
                    sb.append("\\\\");
                    break;
                case '\n':
                    sb.append("\\n");
                    break;
                case '\r':
                    sb.append("\\r");
                    break;
                case '\t':
                    sb.append("\\t");
                    break;
                default:
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        // Go's encoder escapes these too (HTML-safe JSON).
                        sb.append("\\u00").append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
                        if (c > 0xff) {
                            sb.setLength(sb.length() - 6);
                            sb.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf])
                                    .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
                        }
                    } else {
                        sb.append(c);
                    }
            }
        }
        sb.append('"');
    }
}
