package io.jnatsd.monitor;

import java.util.Comparator;

/**
 * A stable order for subscription lists: nats-server walks a hash map, so its order carries no meaning; a fixed
 * order here makes paging with offset/limit repeatable.
 */
final class SubOrder {
    static final Comparator<SubRecord> BY_CID_SID = Comparator.<SubRecord>comparingLong(s -> s.cid)
            .thenComparing(s -> s.sid, SubOrder::compareSids);

    private SubOrder() {
    }

    /** Numeric sids (what clients use) in numeric order, others after them in text order. */
    static int compareSids(String a, String b) {
        boolean na = isNumber(a);
        boolean nb = isNumber(b);
        if (na && nb) {
            int c = Integer.compare(a.length(), b.length());
            return c != 0 ? c : a.compareTo(b);
        }
        if (na != nb) {
            return na ? -1 : 1;
        }
        return a.compareTo(b);
    }

    private static boolean isNumber(String s) {
        if (s.isEmpty() || (s.length() > 1 && s.charAt(0) == '0')) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
