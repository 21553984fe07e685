package io.jnatsd.config.load;

import io.jnatsd.config.file.ConfInteger;
import io.jnatsd.config.file.ConfString;
import io.jnatsd.config.file.ConfValue;

/**
 * JetStream store sizes: an integer (size suffixes included, {@code 10GB}) or a string ending in K, M, G or T,
 * which nats-server reads as powers of 1024 ({@code "1G"} = 2^30).
 */
final class StorageSize {
    private StorageSize() {
    }

    static long read(String field, ConfValue v) {
        if (v instanceof ConfInteger i) {
            return i.value();
        }
        if (!(v instanceof ConfString s)) {
            throw new WrongValue(field + " must be int64 or string");
        }
        String text = s.value();
        if (text.isEmpty()) {
            return 0;
        }
        int shift = "KMGT".indexOf(text.charAt(text.length() - 1)) * 10 + 10;
        String number = text.substring(0, text.length() - 1);
        long n;
        try {
            n = Long.parseLong(number);
        } catch (NumberFormatException e) {
            throw new WrongValue(field + " strconv.ParseInt: parsing " + GoDuration.quote(number)
                    + ": invalid syntax");
        }
        if (shift < 10) {
            throw new WrongValue(field + " sizes defined as strings must end in K, M, G, T");
        }
        return n << shift;
    }
}
