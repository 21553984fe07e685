package io.jnatsd.config.file;

/** The character classes of the config format, as nats-server's lexer draws them. */
final class Chars {
    private Chars() {
    }

    /** Blank within a line: only space and tab. */
    static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    static boolean isNewline(char c) {
        return c == '\n' || c == '\r';
    }

    /** Any white space, line ends included (Go's unicode.IsSpace). */
    static boolean isSpace(char c) {
        return Character.isWhitespace(c) || c == '\u00a0' || c == '\u0085';
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isKeySeparator(char c) {
        return c == '=' || c == ':';
    }

    /** How an offending character is shown in a message: the end of input shows as nothing, a newline as \n. */
    static String shown(char c) {
        if (c == SourceCursor.EOF) {
            return "";
        }
        return c == '\n' ? "\\n" : String.valueOf(c);
    }
}
