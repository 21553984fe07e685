package io.jnatsd.config.file;

/** The operand of {@code include}: quoted (either quote) or bare, never a number, map, array or block. */
final class IncludePath {
    private IncludePath() {
    }

    static String read(SourceCursor in) {
        char c = in.peek();
        if (c == '"' || c == '\'') {
            in.next();
            return StringLexer.singleQuoted(in, c);
        }
        String wrong = wrongStart(c);
        if (wrong != null) {
            throw in.error("Expected include value but found " + wrong);
        }
        StringBuilder path = new StringBuilder();
        while (true) {
            c = in.peek();
            if (Chars.isNewline(c) || Chars.isBlank(c) || c == SourceCursor.EOF || c == ';' || c == '}') {
                return path.toString();
            }
            in.next();
            if (c == '\'') {
                return path.toString();
            }
            path.append(c);
        }
    }

    private static String wrongStart(char c) {
        switch (c) {
            case '[': return "start of an array";
            case '{': return "start of a map";
            case '(': return "start of a block";
            case '-': return "start of a number";
            case '\\': return "escape sequence";
            case '\n': case '\r': return "new line";
            default: return Chars.isDigit(c) ? "start of a number" : null;
        }
    }
}
