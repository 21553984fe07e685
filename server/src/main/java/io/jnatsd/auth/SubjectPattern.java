package io.jnatsd.auth;

/**
 * Token-wise matching of a permission pattern against a subject. The subject may itself hold wildcards (a
 * subscription): a pattern '*' covers any one token, '>' the rest (one token at least), a literal token only
 * itself, the way nats-server's sublist matches a subscription subject against permission entries.
 */
public final class SubjectPattern {
    private SubjectPattern() {
    }

    /** Whether {@code pattern} covers every subject {@code subject} can match. */
    public static boolean covers(String pattern, String subject) {
        return covers(pattern.split("\\.", -1), subject.split("\\.", -1));
    }

    static boolean covers(String[] pattern, String[] subject) {
        int n = pattern.length;
        for (int i = 0; i < n; i++) {
            String p = pattern[i];
            if (p.equals(">")) {
                return subject.length > i;
            }
            if (i >= subject.length) {
                return false;
            }
            if (!p.equals("*") && !p.equals(subject[i])) {
                return false;
            }
        }
        return n == subject.length;
    }
}
