package io.jnatsd.monitor;

/** Whether a subscription's subject (with '*' and '>' wildcards) matches a literal subject: /subsz?test=. */
final class SubjectMatch {
    private SubjectMatch() {
    }

    static boolean matches(String pattern, String literal) {
        String[] p = pattern.split("\\.", -1);
        String[] l = literal.split("\\.", -1);
        for (int i = 0; i < p.length; i++) {
            if (p[i].equals(">")) {
                return l.length > i; // '>' needs at least one more token
            }
            if (i >= l.length) {
                return false;
            }
            if (!p[i].equals("*") && !p[i].equals(l[i])) {
                return false;
            }
        }
        return p.length == l.length;
    }
}
