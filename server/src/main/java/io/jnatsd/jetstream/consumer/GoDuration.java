package io.jnatsd.jetstream.consumer;

/** Go's time.Duration text, as nats-server writes it in status lines ("5s", "1m30s", "250ms") and reads in -NAK. */
final class GoDuration {
    private GoDuration() {
    }

    static String format(long nanos) {
        if (nanos == 0) {
            return "0s";
        }
        if (nanos < 1_000_000_000L) {
            if (nanos % 1_000_000 == 0) {
                return nanos / 1_000_000 + "ms";
            }
            if (nanos % 1_000 == 0) {
                return nanos / 1_000 + "µs";
            }
            return nanos + "ns";
        }
        StringBuilder sb = new StringBuilder();
        long h = nanos / 3_600_000_000_000L;
        long m = nanos / 60_000_000_000L % 60;
        long rest = nanos % 60_000_000_000L;
        if (h > 0) {
            sb.append(h).append('h');
        }
        if (h > 0 || m > 0) {
            sb.append(m).append('m');
        }
        long s = rest / 1_000_000_000L;
        long frac = rest % 1_000_000_000L;
        sb.append(s);
        if (frac > 0) {
            String f = String.format("%09d", frac).replaceAll("0+$", "");
            sb.append('.').append(f);
        }
        return sb.append('s').toString();
    }

    /** "5s", "100ms", "1m30s", "1.5s"; 0 for what it cannot read. */
    static long parse(String s) {
        long total = 0;
        int i = 0;
        int n = s.length();
        try {
            while (i < n) {
                int start = i;
                while (i < n && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                    i++;
                }
                double v = Double.parseDouble(s.substring(start, i));
                int u = i;
                while (i < n && !Character.isDigit(s.charAt(i))) {
                    i++;
                }
                long unit = switch (s.substring(u, i)) {
                    case "ns" -> 1L;
                    case "us", "µs" -> 1_000L;
                    case "ms" -> 1_000_000L;
                    case "s" -> 1_000_000_000L;
                    case "m" -> 60_000_000_000L;
                    case "h" -> 3_600_000_000_000L;
                    default -> throw new NumberFormatException(s);
                };
                total += (long) (v * unit);
            }
            return total;
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
