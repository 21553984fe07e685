package io.jnatsd.subject.transform;

import java.nio.charset.StandardCharsets;

/** The source subject of a mapping, matched token by token against published subjects. */
final class SourcePattern {
    private static final byte[] ANY = {'*'};
    private static final byte[] TAIL = {'>'};

    /** Literal tokens as bytes; {@link #ANY} and {@link #TAIL} mark the wildcards. */
    private final byte[][] tokens;
    private final int wildcards;

    private SourcePattern(byte[][] tokens, int wildcards) {
        this.tokens = tokens;
        this.wildcards = wildcards;
    }

    /** {@code source} must be a valid subject. */
    static SourcePattern of(String source) {
        String[] parts = source.split("\\.", -1);
        byte[][] tokens = new byte[parts.length][];
        int wildcards = 0;
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].equals("*")) {
                tokens[i] = ANY;
                wildcards++;
            } else if (parts[i].equals(">")) {
                tokens[i] = TAIL;
            } else {
                tokens[i] = parts[i].getBytes(StandardCharsets.UTF_8);
            }
        }
        return new SourcePattern(tokens, wildcards);
    }

    int wildcards() {
        return wildcards;
    }

    boolean hasTail() {
        return tokens[tokens.length - 1] == TAIL;
    }

    int tokenCount() {
        return tokens.length;
    }

    /** Token position of the n-th (1-based) '*'. */
    int wildcardPosition(int n) {
        int seen = 0;
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i] == ANY && ++seen == n) {
                return i;
            }
        }
        throw new IllegalArgumentException("no wildcard " + n);
    }

    /** True when the published subject's tokens match: '*' one token, '>' one or more. */
    boolean matches(SubjectTokens in) {
        boolean tail = hasTail();
        if (tail ? in.count < tokens.length : in.count != tokens.length) {
            return false;
        }
        int last = tail ? tokens.length - 1 : tokens.length;
        for (int i = 0; i < last; i++) {
            byte[] t = tokens[i];
            if (t != ANY && !sameToken(t, in, i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameToken(byte[] t, SubjectTokens in, int i) {
        if (in.length(i) != t.length) {
            return false;
        }
        int start = in.start(i);
        for (int k = 0; k < t.length; k++) {
            if (in.subject[start + k] != t[k]) {
                return false;
            }
        }
        return true;
    }
}
