package io.jnatsd.cli;

import java.math.BigInteger;

/**
 * Flag value syntax of Go's flag package (strconv.ParseBool, strconv.ParseInt with base 0), so that every value
 * nats-server accepts is accepted here too, e.g. {@code -p 0x10cE} or {@code -D=T}.
 */
final class GoValues {
    private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private GoValues() {
    }

    /** Thrown with Go's own wording ("parse error", "value out of range"). */
    static final class BadValue extends Exception {
        BadValue(String reason) {
            super(reason, null, false, false);
        }
    }

    static boolean parseBool(String s) throws BadValue {
        switch (s) {
            case "1": case "t": case "T": case "true": case "TRUE": case "True":
                return true;
            case "0": case "f": case "F": case "false": case "FALSE": case "False":
                return false;
            default:
                throw new BadValue("parse error");
        }
    }

    /** Base-0 integer: optional sign, then 0x / 0o / 0b / leading-0 (octal) prefixes; underscores between digits. */
    static long parseInt(String s) throws BadValue {
        String rest = s;
        boolean negative = false;
        if (rest.startsWith("+") || rest.startsWith("-")) {
            negative = rest.charAt(0) == '-';
            rest = rest.substring(1);
        }
        int radix = 10;
        String digits = rest;
        if (rest.length() > 1 && rest.charAt(0) == '0') {
            char p = Character.toLowerCase(rest.charAt(1));
            if (p == 'x' || p == 'o' || p == 'b') {
                radix = p == 'x' ? 16 : p == 'o' ? 8 : 2;
                digits = rest.substring(2);
            } else {
                radix = 8;
                digits = rest.substring(1);
            }
        }
        if (!underscoresOk(rest)) {
            throw new BadValue("parse error");
        }
        digits = digits.replace("_", "");
        if (digits.isEmpty() || digits.charAt(0) == '+' || digits.charAt(0) == '-') {
            throw new BadValue("parse error");
        }
        BigInteger value;
        try {
            value = new BigInteger(digits, radix);
        } catch (NumberFormatException e) {
            throw new BadValue("parse error");
        }
        if (negative) {
            value = value.negate();
        }
        if (value.compareTo(MIN) < 0 || value.compareTo(MAX) > 0) {
            throw new BadValue("value out of range");
        }
        return value.longValueExact();
    }

    /** Go's rule: an underscore must sit between two digits, or between a base prefix and a digit. */
    private static boolean underscoresOk(String unsigned) {
        if (unsigned.indexOf('_') < 0) {
            return true;
        }
        String body = unsigned;
        boolean afterPrefix = false;
        if (body.length() > 1 && body.charAt(0) == '0' && "xXoObB".indexOf(body.charAt(1)) >= 0) {
            body = body.substring(2);
            afterPrefix = true;
        }
        char prev = afterPrefix ? '0' : '_';
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '_' && prev == '_') {
                return false;
            }
            prev = c;
        }
        return prev != '_';
    }
}
