package io.jnatsd.websocket;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * same_origin and allowed_origins, as nats-server checks the Origin header of an upgrade request: a request
 * without Origin passes; otherwise the origin's host and port (default 80, or 443 for https) must equal the
 * request's Host (same_origin) and/or scheme, host and port must match an allowed origin. Immutable.
 */
final class OriginCheck {
    private record Allowed(String scheme, String port) {
    }

    private final boolean sameOrigin;
    private final Map<String, Allowed> allowed = new HashMap<>();

    OriginCheck(boolean sameOrigin, List<String> allowedOrigins) {
        this.sameOrigin = sameOrigin;
        for (String origin : allowedOrigins) {
            Url u = Url.parse(origin);
            if (u != null) {
                HostPort hp = HostPort.of(u.scheme.equals("https"), u.hostPort);
                allowed.put(hp.host, new Allowed(u.scheme, hp.port));
            }
        }
    }

    /** Null when the origin is acceptable, else nats-server's reason (logged after "origin not allowed: "). */
    String refusal(String origin, String requestHost, boolean tls) {
        if (!sameOrigin && allowed.isEmpty()) {
            return null;
        }
        if (origin == null || origin.isEmpty()) {
            return null; // not a browser: the origin model does not apply (RFC 6455, 1.6)
        }
        Url u = Url.parse(origin);
        if (u == null) {
            return "parse \"" + origin + "\": invalid URI for request";
        }
        HostPort o = HostPort.of(u.scheme.equals("https"), u.hostPort);
        if (o.error != null) {
            return o.error;
        }
        if (sameOrigin) {
            HostPort r = HostPort.of(tls, requestHost == null ? "" : requestHost);
            if (r.error != null) {
                return r.error;
            }
            if (!o.host.equals(r.host) || !o.port.equals(r.port)) {
                return "not same origin";
            }
        }
        if (!allowed.isEmpty()) {
            Allowed a = allowed.get(o.host);
            if (a == null || !u.scheme.equals(a.scheme) || !o.port.equals(a.port)) {
                return "not in the allowed list";
            }
        }
        return null;
    }

    /** Why Go's lax url.Parse refuses an allowed_origins entry, or null when it accepts it. */
    static String parseProblem(String origin) {
        if (origin.startsWith(":")) {
            return "missing protocol scheme";
        }
        for (int i = 0; i < origin.length(); i++) {
            char c = origin.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return "net/url: invalid control character in URL";
            }
        }
        return null;
    }

    /** {@code scheme://host[:port][/path]}; null when there is no scheme (what ParseRequestURI refuses here). */
    private record Url(String scheme, String hostPort) {
        static Url parse(String s) {
            int colon = s.indexOf("://");
            if (colon <= 0 || !Character.isLetter(s.charAt(0))) {
                return null;
            }
            for (int i = 1; i < colon; i++) {
                char c = s.charAt(i);
                if (!(Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.')) {
                    return null;
                }
            }
            String rest = s.substring(colon + 3);
            int end = rest.length();
            for (char stop : new char[] {'/', '?', '#'}) {
                int at = rest.indexOf(stop);
                if (at >= 0 && at < end) {
                    end = at;
                }
            }
            String authority = rest.substring(0, end);
            int userInfo = authority.lastIndexOf('@');
            return new Url(s.substring(0, colon).toLowerCase(Locale.ROOT), authority.substring(userInfo + 1));
        }
    }

    /** Go's net.SplitHostPort, with the scheme's port when none is given; host lower-cased. */
    private record HostPort(String host, String port, String error) {
        static HostPort of(boolean tls, String hostPort) {
            String defaultPort = tls ? "443" : "80";
            if (hostPort.startsWith("[")) {
                int close = hostPort.indexOf(']');
                if (close < 0) {
                    return new HostPort("", "", "address " + hostPort + ": missing ']' in address");
                }
                String host = hostPort.substring(1, close).toLowerCase(Locale.ROOT);
                String after = hostPort.substring(close + 1);
                if (after.isEmpty()) {
                    return new HostPort(host, defaultPort, null);
                }
                if (!after.startsWith(":")) {
                    return new HostPort("", "", "address " + hostPort + ": missing port in address");
                }
                return new HostPort(host, after.substring(1), null);
            }
            int colon = hostPort.lastIndexOf(':');
            if (colon < 0) {
                return new HostPort(hostPort.toLowerCase(Locale.ROOT), defaultPort, null);
            }
            if (hostPort.indexOf(':') != colon) {
                return new HostPort("", "", "address " + hostPort + ": too many colons in address");
            }
            return new HostPort(hostPort.substring(0, colon).toLowerCase(Locale.ROOT), hostPort.substring(colon + 1),
                    null);
        }
    }
}
