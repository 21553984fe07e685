package io.jnatsd.cluster;

import java.net.URI;

/** The {@code user:password@} of a route URL: what a solicited route logs in with. */
record RouteUserInfo(String user, String password) {
    /** Null when the URL has no user. */
    static RouteUserInfo of(URI url) {
        String info = url.getUserInfo(); // decoded, as Go's url.User gives it
        if (info == null || info.isEmpty()) {
            return null;
        }
        int colon = info.indexOf(':');
        return colon < 0 ? new RouteUserInfo(info, "") : new RouteUserInfo(info.substring(0, colon),
                info.substring(colon + 1));
    }

    /** The URL for logs: nats-server shows the password as "xxxxx". */
    static String redacted(URI url) {
        RouteUserInfo u = of(url);
        if (u == null) {
            return url.toString();
        }
        String s = url.toString();
        int at = s.indexOf('@');
        int scheme = s.indexOf("://");
        String prefix = scheme < 0 ? "" : s.substring(0, scheme + 3);
        return prefix + u.user() + (u.password().isEmpty() ? "" : ":xxxxx") + s.substring(at);
    }
}
