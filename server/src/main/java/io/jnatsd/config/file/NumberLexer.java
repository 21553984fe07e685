package io.jnatsd.config.file;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Values that start with a digit (or '-'): integers with optional size suffix, floats, Zulu datetimes, dotted
 * addresses such as {@code 127.0.0.1:4222} (strings), and, like nats-server 2.9.10, words that merely start with
 * digits ({@code 4222abc}, {@code 1kx}) which are strings too.
 */
final class NumberLexer {
    private static final String DATE_REST = "00-00T00:00:00Z"; // after "YYYY-"; '0' stands for any digit

    private NumberLexer() {
    }

    /** The cursor is at the first digit; {@code negative} when a '-' was consumed before it. */
    static ConfValue read(SourceCursor in, SourcePosition start, boolean negative, VariableLookup variables) {
        StringBuilder text = new StringBuilder(negative ? "-" : "");
        readDigits(in, text);
        char c = in.peek();
        if (c == '-' && !negative) {
            if (text.length() != 4) {
                throw in.error("All ISO8601 dates must be in full Zulu form.");
            }
            return dateTime(in, start, text);
        }
        if (c == '.') {
            return fraction(in, start, text);
        }
        if (SizeSuffix.isSuffixLetter(c)) {
            return withSuffix(in, start, text, negative, variables);
        }
        if (negative || endsNumber(c)) {
            return integer(in, start, text.toString(), text.toString(), "");
        }
        return StringLexer.unquoted(in, start, text.toString(), variables);
    }

    /**
     * What may follow an integer. nats-server 2.9.10 does not list ']' here, which breaks {@code [1, 2]}; jnatsd
     * ends numbers at ']' so that arrays of numbers work.
     */
    private static boolean endsNumber(char c) {
        return StringLexer.endsUnquoted(c);
    }

    private static void readDigits(SourceCursor in, StringBuilder text) {
        while (Chars.isDigit(in.peek())) {
            text.append(in.next());
        }
    }

    private static ConfValue withSuffix(SourceCursor in, SourcePosition start, StringBuilder text, boolean negative,
                                        VariableLookup variables) {
        int digitsEnd = text.length();
        text.append(in.next());
        while (SizeSuffix.isSuffixTail(in.peek())) {
            text.append(in.next());
        }
        char c = in.peek();
        // A digit right after the suffix ends the number here; the caller then reports the digit (as nats does).
        if (negative || endsNumber(c) || Chars.isDigit(c)) {
            return integer(in, start, text.toString(), text.substring(0, digitsEnd), text.substring(digitsEnd));
        }
        return StringLexer.unquoted(in, start, text.toString(), variables);
    }

    private static ConfInteger integer(SourceCursor in, SourcePosition start, String text, String digits,
                                       String suffix) {
        long multiplier = SizeSuffix.multiplier(suffix);
        if (multiplier < 0) {
            throw in.error(start, "Unknown size suffix '" + suffix + "' in '" + text + "'");
        }
        try {
            return new ConfInteger(Math.multiplyExact(Long.parseLong(digits), multiplier), text, start);
        } catch (NumberFormatException | ArithmeticException e) {
            // nats-server reports a too long number so, and silently wraps a suffix overflow; both are errors here.
            throw in.error(start, "integer '" + text + "' is out of the range");
        }
    }

    private static ConfValue fraction(SourceCursor in, SourcePosition start, StringBuilder text) {
        text.append(in.next()); // '.'
        char c = in.peek();
        if (!Chars.isDigit(c)) {
            throw in.error("Floats must have a digit after the '.', but got '" + Chars.shown(c) + "' instead.");
        }
        readDigits(in, text);
        if (in.peek() == '.') {
            // A second dot: an address such as 10.0.0.1 or 127.0.0.1:4222, taken as a string.
            while (Chars.isDigit(in.peek()) || in.peek() == '.' || in.peek() == ':' || in.peek() == '-') {
                text.append(in.next());
            }
            return new ConfString(text.toString(), start);
        }
        return new ConfFloat(Double.parseDouble(text.toString()), text.toString(), start);
    }

    private static ConfDateTime dateTime(SourceCursor in, SourcePosition start, StringBuilder text) {
        text.append(in.next()); // '-'
        for (int i = 0; i < DATE_REST.length(); i++) {
            char expected = DATE_REST.charAt(i);
            char c = in.peek(); // errors point at the offending character
            if (expected == '0' && !Chars.isDigit(c)) {
                throw in.error("Expected digit in ISO8601 datetime, but found '" + Chars.shown(c) + "' instead.");
            }
            if (expected != '0' && c != expected) {
                throw in.error("Expected '" + expected + "' in ISO8601 datetime, but found '" + Chars.shown(c)
                        + "' instead.");
            }
            text.append(in.next());
        }
        try {
            return new ConfDateTime(Instant.parse(text), start);
        } catch (DateTimeParseException e) {
            throw in.error(start, "Expected Zulu formatted DateTime, but got '" + text + "'.");
        }
    }
}
