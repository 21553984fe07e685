package io.jnatsd.subject.transform;

import java.util.ArrayList;
import java.util.List;

/**
 * The mustache functions of a destination token ({@code {{name(args)}}}) and how nats-server finds them: the name
 * may start each of its words in either case ({@code splitFromLeft}, {@code SplitFromLeft}, not
 * {@code SPLITFROMLEFT}), spaces may surround the name, and the arguments are what lies between the '(' and the
 * last ')' that is followed by '}}', split at commas (spaces after a comma dropped).
 */
enum MappingFunction {
    // The order in which nats-server tries them.
    WILDCARD("Wildcard"),
    PARTITION("Partition"),
    SPLIT_FROM_LEFT("SplitFromLeft"),
    SPLIT_FROM_RIGHT("SplitFromRight"),
    SLICE_FROM_LEFT("SliceFromLeft"),
    SLICE_FROM_RIGHT("SliceFromRight"),
    SPLIT("Split");

    private final String name;

    MappingFunction(String name) {
        this.name = name;
    }

    /** A token nats-server treats as a function call: longer than 4 characters, starting {{ and ending }}. */
    static boolean isMustache(String token) {
        return token.length() > 4 && token.startsWith("{{") && token.endsWith("}}");
    }

    /** The arguments if {@code token} calls this function, else null. */
    List<String> arguments(String token) {
        for (int open = token.indexOf("{{"); open >= 0; open = token.indexOf("{{", open + 1)) {
            String args = argumentsAt(token, open + 2);
            if (args != null) {
                return splitArguments(args);
            }
        }
        return null;
    }

    /** The first function this token calls, or null when it calls none nats-server knows. */
    static MappingFunction find(String token) {
        for (MappingFunction f : values()) {
            if (f.arguments(token) != null) {
                return f;
            }
        }
        return null;
    }

    private String argumentsAt(String token, int from) {
        int i = skipSpaces(token, from);
        if (!nameAt(token, i)) {
            return null;
        }
        i = skipSpaces(token, i + name.length());
        if (i >= token.length() || token.charAt(i) != '(') {
            return null;
        }
        int argsStart = i + 1;
        // Greedy: the last ')' followed by optional spaces and "}}".
        for (int close = token.lastIndexOf(')'); close >= argsStart; close = token.lastIndexOf(')', close - 1)) {
            int after = skipSpaces(token, close + 1);
            if (token.startsWith("}}", after)) {
                return token.substring(argsStart, close);
            }
        }
        return null;
    }

    private boolean nameAt(String token, int at) {
        if (at + name.length() > token.length()) {
            return false;
        }
        for (int k = 0; k < name.length(); k++) {
            char want = name.charAt(k);
            char got = token.charAt(at + k);
            boolean ok = Character.isUpperCase(want) ? Character.toLowerCase(want) == got || want == got : want == got;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Go's regexp \s: space, tab, newline, form feed, carriage return (and vertical tab is not one). */
    private static int skipSpaces(String s, int from) {
        int i = from;
        while (i < s.length() && " \t\n\f\r".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        return i;
    }

    /** Split at ",\s*"; an empty text gives one empty argument, as Go's regexp Split does. */
    private static List<String> splitArguments(String args) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < args.length(); i++) {
            if (args.charAt(i) == ',') {
                out.add(args.substring(start, i));
                start = skipSpaces(args, i + 1);
                i = start - 1;
            }
        }
        out.add(args.substring(start));
        return out;
    }
}
