package io.jnatsd.jetstream.store;

/** Whether a literal subject matches a filter with {@code *} and {@code >} wildcards; no allocation. */
public final class SubjectFilter {
    private SubjectFilter() {
    }

    public static boolean matches(String filter, String subject) {
        if (filter == null || filter.equals(">")) {
            return true;
        }
        int f = 0;
        int s = 0;
        int fl = filter.length();
        int sl = subject.length();
        while (f < fl) {
            int fe = filter.indexOf('.', f);
            if (fe < 0) {
                fe = fl;
            }
            if (s > sl) {
                return false;
            }
            int se = subject.indexOf('.', s);
            if (se < 0) {
                se = sl;
            }
            if (fe - f == 1 && filter.charAt(f) == '>') {
                return s < sl; // '>' needs at least one more token
            }
            boolean star = fe - f == 1 && filter.charAt(f) == '*';
            if (!star && (fe - f != se - s || !filter.regionMatches(f, subject, s, fe - f))) {
                return false;
            }
            f = fe + 1;
            s = se + 1;
        }
        return s > sl; // both used up
    }

    public static boolean isLiteral(String filter) {
        return filter != null && filter.indexOf('*') < 0 && filter.indexOf('>') < 0;
    }
}
