package io.jnatsd.subject;

/**
 * Subject rules of nats-server: tokens separated by '.', no empty token, no whitespace; '*' and '>' are wildcards
 * only as whole tokens and '>' only as the last token.
 */
public final class SubjectValidator {
    private SubjectValidator() {
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == '\f';
    }

    /** A subscription subject: wildcards allowed. */
    public static boolean isValidSubject(byte[] b, int off, int len) {
        if (len <= 0) {
            return false;
        }
        int tokenStart = off;
        int end = off + len;
        boolean sawFullWildcard = false;
        for (int i = off; i <= end; i++) {
            if (i == end || b[i] == '.') {
                int tokenLen = i - tokenStart;
                if (tokenLen == 0 || sawFullWildcard) {
                    return false;
                }
                if (tokenLen == 1 && b[tokenStart] == '>') {
                    sawFullWildcard = true;
                }
                tokenStart = i + 1;
            } else if (isWhitespace(b[i])) {
                return false;
            }
        }
        return true;
    }

    /** A publish subject: valid and without wildcard tokens. */
    public static boolean isValidLiteralSubject(byte[] b, int off, int len) {
        if (!isValidSubject(b, off, len)) {
            return false;
        }
        return isLiteral(b, off, len);
    }

    /** True when no token is a lone '*' or '>'. Assumes a valid subject. */
    public static boolean isLiteral(byte[] b, int off, int len) {
        int end = off + len;
        int tokenStart = off;
        for (int i = off; i <= end; i++) {
            if (i == end || b[i] == '.') {
                if (i - tokenStart == 1) {
                    byte c = b[tokenStart];
                    if (c == '*' || c == '>') {
                        return false;
                    }
                }
                tokenStart = i + 1;
            }
        }
        return true;
    }

    public static boolean isValidSubject(String s) {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return isValidSubject(b, 0, b.length);
    }

    public static boolean isValidLiteralSubject(String s) {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return isValidLiteralSubject(b, 0, b.length);
    }
}
