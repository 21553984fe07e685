package io.jnatsd.config.load;

import io.jnatsd.config.file.ConfInteger;
import io.jnatsd.config.file.ConfString;
import io.jnatsd.config.file.ConfValue;

/**
 * A {@code listen}-style value: a bare port ({@code 4222}) or {@code host:port} ({@code "127.0.0.1:4222"},
 * {@code "[::1]:4222"}, {@code ":4222"}). An empty host means "the default", as in nats-server.
 */
record HostPort(String host, int port) {
    static HostPort parse(ConfValue v) {
        if (v instanceof ConfInteger i) {
            return new HostPort("", saturate(i.value()));
        }
        if (!(v instanceof ConfString s)) {
            throw new WrongValue("expected port or host:port, got " + v.goTypeName());
        }
        String text = s.value();
        String[] split = splitHostPort(text);
        if (split == null) {
            throw new WrongValue("could not parse address string " + GoDuration.quote(text));
        }
        try {
            return new HostPort(split[0], Integer.parseInt(split[1]));
        } catch (NumberFormatException e) {
            throw new WrongValue("could not parse port " + GoDuration.quote(split[1]));
        }
    }

    /** Go's net.SplitHostPort: the last colon splits, a host with colons must be bracketed; null if malformed. */
    private static String[] splitHostPort(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            return null;
        }
        String host = text.substring(0, colon);
        String port = text.substring(colon + 1);
        if (host.startsWith("[")) {
            if (!host.endsWith("]") || host.indexOf(']') != host.length() - 1) {
                return null;
            }
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":") || host.contains("[") || host.contains("]")) {
            return null;
        }
        if (port.contains("[") || port.contains("]")) {
            return null;
        }
        return new String[] {host, port};
    }

    private static int saturate(long v) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
    }
}
