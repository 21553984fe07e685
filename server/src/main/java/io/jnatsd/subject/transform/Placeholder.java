package io.jnatsd.subject.transform;

import java.util.List;

/**
 * What one destination token asks for before source positions are known: a literal (function null), or a
 * function with its wildcard indexes (1-based, as written) and its number or string argument. Reading a token
 * follows nats-server 2.9.10: {@code $n} with n not a number is a literal, mustache tokens must call a known
 * function with arguments of the right count and format.
 */
record Placeholder(MappingFunction function, long[] wildcards, int number, String text) {
    static final String NOT_ENOUGH = "not enough arguments passed to the function";
    static final String TOO_MANY = "too many arguments passed to the function";
    static final String INVALID_ARGUMENT = "function argument is invalid or in the wrong format";
    static final String UNKNOWN_FUNCTION = "unknown function";

    private static final Placeholder LITERAL = new Placeholder(null, new long[0], -1, "");

    boolean isLiteral() {
        return function == null;
    }

    static Placeholder read(String token) {
        if (token.length() > 1 && token.charAt(0) == '$') {
            Long n = GoAtoi.parse(token.substring(1));
            return n == null ? LITERAL : new Placeholder(MappingFunction.WILDCARD, new long[] {n}, -1, "");
        }
        if (!MappingFunction.isMustache(token)) {
            return LITERAL;
        }
        MappingFunction f = MappingFunction.find(token);
        if (f == null) {
            throw InvalidMappingException.destination(UNKNOWN_FUNCTION, token);
        }
        List<String> args = f.arguments(token);
        return switch (f) {
            case WILDCARD -> wildcard(token, args);
            case PARTITION -> partition(token, args);
            case SPLIT -> split(token, args);
            default -> indexAndNumber(f, token, args);
        };
    }

    private static Placeholder wildcard(String token, List<String> args) {
        if (args.size() == 1 && args.get(0).isEmpty()) {
            throw InvalidMappingException.destination(NOT_ENOUGH, token);
        }
        if (args.size() > 1) {
            throw InvalidMappingException.destination(TOO_MANY, token);
        }
        return new Placeholder(MappingFunction.WILDCARD, new long[] {index(token, args.get(0))}, -1, "");
    }

    private static Placeholder partition(String token, List<String> args) {
        if (args.size() < 2) {
            throw InvalidMappingException.destination(NOT_ENOUGH, token);
        }
        int count = number(token, args.get(0));
        if (count == 0) {
            // nats-server accepts this and then fails dividing by zero on the first message; refused here.
            throw InvalidMappingException.destination(INVALID_ARGUMENT, token);
        }
        long[] indexes = new long[args.size() - 1];
        for (int i = 1; i < args.size(); i++) {
            indexes[i - 1] = index(token, args.get(i));
        }
        return new Placeholder(MappingFunction.PARTITION, indexes, count, "");
    }

    private static Placeholder split(String token, List<String> args) {
        checkTwo(token, args);
        long index = index(token, args.get(0));
        String delimiter = args.get(1);
        if (delimiter.contains(" ") || delimiter.contains(".")) {
            throw InvalidMappingException.destination(INVALID_ARGUMENT, token);
        }
        return new Placeholder(MappingFunction.SPLIT, new long[] {index}, -1, delimiter);
    }

    private static Placeholder indexAndNumber(MappingFunction f, String token, List<String> args) {
        checkTwo(token, args);
        return new Placeholder(f, new long[] {index(token, args.get(0))}, number(token, args.get(1)), "");
    }

    private static void checkTwo(String token, List<String> args) {
        if (args.size() < 2) {
            throw InvalidMappingException.destination(NOT_ENOUGH, token);
        }
        if (args.size() > 2) {
            throw InvalidMappingException.destination(TOO_MANY, token);
        }
    }

    /** A wildcard index argument; spaces around it are ignored. */
    private static long index(String token, String arg) {
        Long n = GoAtoi.parse(trimSpaces(arg));
        if (n == null) {
            throw InvalidMappingException.destination(INVALID_ARGUMENT, token);
        }
        return n;
    }

    /** A number argument, kept in 32 bits as nats-server does (int32 conversion wraps). */
    private static int number(String token, String arg) {
        Long n = GoAtoi.parse(trimSpaces(arg));
        if (n == null) {
            throw InvalidMappingException.destination(INVALID_ARGUMENT, token);
        }
        return (int) n.longValue();
    }

    private static String trimSpaces(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && s.charAt(a) == ' ') {
            a++;
        }
        while (b > a && s.charAt(b - 1) == ' ') {
            b--;
        }
        return s.substring(a, b);
    }
}
