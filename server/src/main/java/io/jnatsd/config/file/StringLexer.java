package io.jnatsd.config.file;

import java.util.Locale;
import java.util.Set;

/** Reads the string forms of the config format: double-quoted, single-quoted, unquoted and block strings. */
final class StringLexer {
    private static final Set<String> TRUE_WORDS = Set.of("true", "yes", "on");
    private static final Set<String> FALSE_WORDS = Set.of("false", "no", "off");

    private StringLexer() {
    }

    /** After the opening '"': escapes are processed, line ends are kept. */
    static ConfString doubleQuoted(SourceCursor in, SourcePosition start) {
        StringBuilder s = new StringBuilder();
        while (true) {
            char c = in.next();
            if (c == '"') {
                return new ConfString(s.toString(), start);
            }
            if (c == SourceCursor.EOF) {
                throw in.error("Unexpected EOF.");
            }
            if (c == '\\') {
                Escapes.read(in, s);
            } else {
                s.append(c);
            }
        }
    }

    /** After the opening quote: everything up to the closing one, verbatim. */
    static String singleQuoted(SourceCursor in, char quote) {
        StringBuilder s = new StringBuilder();
        while (true) {
            char c = in.next();
            if (c == quote) {
                return s.toString();
            }
            if (c == SourceCursor.EOF) {
                throw in.error("Unexpected EOF.");
            }
            s.append(c);
        }
    }

    /**
     * An unquoted word, which may turn out to be a boolean or a {@code $variable}. It ends at a line end, blank,
     * ';', ',', ']' or '}' (left for the caller) or at a single quote (consumed, as nats-server does). Escapes
     * are processed; a word that used one is always a string. {@code prefix} is what a number lexer read
     * before it found that the value is a word after all (e.g. {@code 4222abc}).
     */
    static ConfValue unquoted(SourceCursor in, SourcePosition start, String prefix, VariableLookup variables) {
        StringBuilder s = new StringBuilder(prefix);
        boolean escaped = false;
        while (true) {
            char c = in.peek();
            if (endsUnquoted(c)) {
                break;
            }
            in.next();
            if (c == '\'') {
                break;
            }
            if (c == '\\') {
                Escapes.read(in, s);
                escaped = true;
            } else {
                s.append(c);
            }
        }
        String word = s.toString();
        if (!escaped && prefix.isEmpty()) {
            String lower = word.toLowerCase(Locale.ROOT);
            if (TRUE_WORDS.contains(lower) || FALSE_WORDS.contains(lower)) {
                return new ConfBool(TRUE_WORDS.contains(lower), start);
            }
            if (word.startsWith("$")) {
                return variables.resolve(word.substring(1), start);
            }
        }
        return new ConfString(word, start);
    }

    static boolean endsUnquoted(char c) {
        return Chars.isNewline(c) || Chars.isBlank(c) || c == SourceCursor.EOF || c == ';' || c == ','
                || c == ']' || c == '}';
    }

    /**
     * After '(': a multi-line string that ends at a ')' alone at the start of a line (followed by a line end or
     * the end of input). The value is the text in between, the line end before the ')' included (as nats-server
     * 2.9.10 serves it: "(\nabc\n)" is "\nabc\n").
     */
    static ConfString block(SourceCursor in, SourcePosition start) {
        StringBuilder s = new StringBuilder();
        while (true) {
            char c = in.next();
            if (c == SourceCursor.EOF) {
                throw in.error(start, "Unexpected EOF: a block string opened with '(' must end with a ')' "
                        + "alone at the start of a line.");
            }
            boolean closing = c == ')' && in.previousBefore() == '\n'
                    && (in.peek() == '\n' || in.peek() == SourceCursor.EOF);
            if (closing) {
                return new ConfString(s.toString(), start);
            }
            s.append(c);
        }
    }
}
