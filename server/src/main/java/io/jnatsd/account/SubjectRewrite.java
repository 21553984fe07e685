package io.jnatsd.account;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * How an import renames a subject between two accounts: {@code from} is the subject pattern on one side,
 * {@code to} on the other. The wildcards of {@code from} are captured in order and fill the wildcards of {@code to}
 * in order ({@code pub.>} to {@code mine.>}, {@code one.*.two} to {@code x.*}); {@code $n} picks the n-th capture
 * explicitly. Equal patterns keep the subject as it is.
 */
public final class SubjectRewrite {
    private final String[] from;
    private final String[] to;
    private final boolean identity;

    private SubjectRewrite(String from, String to) {
        this.from = from.split("\\.", -1);
        this.to = to.split("\\.", -1);
        this.identity = from.equals(to);
    }

    public static SubjectRewrite of(String from, String to) {
        return new SubjectRewrite(from, to);
    }

    public boolean isIdentity() {
        return identity;
    }

    /** The renamed subject; the subject itself when nothing changes. Cold path: tokenizes and allocates. */
    public byte[] apply(byte[] buf, int off, int len) {
        if (identity) {
            return java.util.Arrays.copyOfRange(buf, off, off + len);
        }
        String[] tokens = new String(buf, off, len, StandardCharsets.UTF_8).split("\\.", -1);
        List<String> captured = new ArrayList<>();
        String rest = null;
        for (int i = 0; i < from.length && i < tokens.length; i++) {
            if (from[i].equals(">")) {
                rest = String.join(".", java.util.Arrays.copyOfRange(tokens, i, tokens.length));
                break;
            }
            if (from[i].equals("*")) {
                captured.add(tokens[i]);
            }
        }
        StringBuilder out = new StringBuilder(len + 16);
        int next = 0;
        for (int i = 0; i < to.length; i++) {
            if (i > 0) {
                out.append('.');
            }
            String t = to[i];
            if (t.equals(">")) {
                out.append(rest != null ? rest : ">");
            } else if (t.equals("*")) {
                out.append(next < captured.size() ? captured.get(next++) : "*");
            } else if (t.length() > 1 && t.charAt(0) == '$' && allDigits(t, 1)) {
                int n = Integer.parseInt(t.substring(1)) - 1;
                out.append(n >= 0 && n < captured.size() ? captured.get(n) : t);
            } else {
                out.append(t);
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static boolean allDigits(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
