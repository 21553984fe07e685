package io.jnatsd.jetstream;

import java.nio.charset.StandardCharsets;

/** Reads one header's value from a NATS header block ({@code NATS/1.0\r\nKey: Value\r\n...\r\n}). */
final class MessageHeaders {
    private MessageHeaders() {
    }

    /** The first value of {@code key} (exact name, as nats-server looks it up), or null. */
    static String get(byte[] block, String key) {
        if (block.length == 0) {
            return null;
        }
        String text = new String(block, StandardCharsets.UTF_8);
        int line = text.indexOf("\r\n");
        while (line >= 0 && line + 2 < text.length()) {
            int start = line + 2;
            int end = text.indexOf("\r\n", start);
            if (end < 0 || end == start) {
                return null;
            }
            int colon = text.indexOf(':', start);
            if (colon > start && colon < end && text.regionMatches(start, key, 0, key.length())
                    && colon - start == key.length()) {
                return text.substring(colon + 1, end).trim();
            }
            line = end;
        }
        return null;
    }
}
