package io.jnatsd.config.file;

import java.util.Locale;
import java.util.Map;

/**
 * Integer size suffixes as nats-server 2.9.10 applies them (checked against the binary): a bare letter is a power
 * of 1000 ({@code 1K} = 1000), the letter followed by {@code b}, {@code i} or {@code ib} is a power of 1024
 * ({@code 1KB} = {@code 1Ki} = {@code 1KiB} = 1024). Letters k, m, g, t, p, e; any letter case.
 */
final class SizeSuffix {
    private static final String LETTERS = "kmgtpe";
    private static final Map<String, Integer> BINARY_ENDINGS = Map.of("b", 1, "i", 1, "ib", 1);

    private SizeSuffix() {
    }

    /** Whether an integer may continue with this character as the start of a suffix. */
    static boolean isSuffixLetter(char c) {
        return LETTERS.indexOf(Character.toLowerCase(c)) >= 0;
    }

    /** Characters that may follow the suffix letter. */
    static boolean isSuffixTail(char c) {
        return c == 'b' || c == 'B' || c == 'i' || c == 'I';
    }

    /**
     * The multiplier for a suffix such as "KiB", or -1 if it is not one nats-server knows (e.g. "kbb", which the
     * lexer lets through but nats-server then silently drops together with its key).
     */
    static long multiplier(String suffix) {
        if (suffix.isEmpty()) {
            return 1;
        }
        String s = suffix.toLowerCase(Locale.ROOT);
        int power = LETTERS.indexOf(s.charAt(0)) + 1;
        String ending = s.substring(1);
        long base;
        if (ending.isEmpty()) {
            base = 1000;
        } else if (BINARY_ENDINGS.containsKey(ending)) {
            base = 1024;
        } else {
            return -1;
        }
        long m = 1;
        for (int i = 0; i < power; i++) {
            m *= base; // at most 1024^6 = 2^60: no overflow
        }
        return m;
    }
}
