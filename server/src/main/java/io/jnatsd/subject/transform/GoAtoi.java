package io.jnatsd.subject.transform;

/** Go's strconv.Atoi on a 64-bit platform: optional sign, decimal digits only, no spaces, within int64. */
public final class GoAtoi {
    private GoAtoi() {
    }

    /** The value, or null where Atoi returns an error. */
    public static Long parse(String s) {
        int i = 0;
        if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
            i = 1;
        }
        if (i == s.length()) {
            return null;
        }
        for (int k = i; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException tooBig) {
            return null;
        }
    }
}
