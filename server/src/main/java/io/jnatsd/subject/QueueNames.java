package io.jnatsd.subject;

import java.nio.charset.StandardCharsets;

/** Compares a queue name held as a String with one given as bytes on the wire, without decoding in the ASCII case. */
public final class QueueNames {
    private QueueNames() {
    }

    public static boolean equal(String name, byte[] b, int off, int len) {
        int n = name.length();
        if (n != len) {
            // Only a non-ASCII name can differ in length between chars and UTF-8 bytes.
            return n < len && name.equals(new String(b, off, len, StandardCharsets.UTF_8));
        }
        for (int i = 0; i < n; i++) {
            char c = name.charAt(i);
            if (c >= 0x80) {
                return name.equals(new String(b, off, len, StandardCharsets.UTF_8));
            }
            if (c != b[off + i]) {
                return false;
            }
        }
        return true;
    }
}
