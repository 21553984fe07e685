package io.jnatsd.config.file;

/**
 * Reads a configuration text one character at a time and knows the line and column of the next one. {@link #EOF}
 * stands for the end, so that callers can test for it like any other character.
 */
final class SourceCursor {
    static final char EOF = '\0';

    private final String text;
    private final String name;
    private int offset;
    private int line = 1;
    private int column = 1;

    SourceCursor(String text, String name) {
        // A leading byte order mark is not part of the first key.
        this.text = text.startsWith("\uFEFF") ? text.substring(1) : text;
        this.name = name;
    }

    String name() {
        return name;
    }

    boolean atEnd() {
        return offset >= text.length();
    }

    char peek() {
        return peek(0);
    }

    char peek(int ahead) {
        int i = offset + ahead;
        return i < text.length() ? text.charAt(i) : EOF;
    }

    /** The character before the one {@link #next()} returned last, or EOF if there is none. */
    char previousBefore() {
        return offset > 1 ? text.charAt(offset - 2) : EOF;
    }

    char next() {
        if (atEnd()) {
            return EOF;
        }
        char c = text.charAt(offset++);
        if (c == '\n') {
            line++;
            column = 1;
        } else {
            column++;
        }
        return c;
    }

    /** Position of the next character. */
    SourcePosition position() {
        return new SourcePosition(name, line, column);
    }

    ConfSyntaxException error(String reason) {
        return new ConfSyntaxException(position(), reason);
    }

    ConfSyntaxException error(SourcePosition at, String reason) {
        return new ConfSyntaxException(at, reason);
    }
}
