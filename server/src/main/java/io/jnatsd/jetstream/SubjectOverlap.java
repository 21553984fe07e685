package io.jnatsd.jetstream;

/** Whether two subject patterns can match a common subject (streams may not share one). */
final class SubjectOverlap {
    private SubjectOverlap() {
    }

    static boolean overlaps(String a, String b) {
        String[] x = a.split("\\.", -1);
        String[] y = b.split("\\.", -1);
        int n = Math.min(x.length, y.length);
        for (int i = 0; i < n; i++) {
            if (x[i].equals(">") || y[i].equals(">")) {
                return true;
            }
            if (!x[i].equals("*") && !y[i].equals("*") && !x[i].equals(y[i])) {
                return false;
            }
        }
        if (x.length == y.length) {
            return true;
        }
        // The longer one may still be covered by a trailing '>' of the shorter (handled above) only.
        return false;
    }
}
