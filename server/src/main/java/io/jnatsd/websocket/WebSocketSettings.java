package io.jnatsd.websocket;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The {@code websocket} (alias {@code ws}) block, with nats-server's meanings. Port 0 means no websocket listener
 * (nats-server ignores the rest of the block then), -1 a random port. The authorization override (username and
 * password, or token, or no_auth_user) replaces the top-level credentials for clients connecting over websocket.
 *
 * @param host             listener host; nats-server's default is 0.0.0.0, not the client host
 * @param advertise        host:port given to clients in ws_connect_urls (kept; not gossiped without clustering)
 * @param noTls            true to run ws:// without TLS (nats-server requires this or a tls block)
 * @param tls              the tls block, null when none
 * @param handshakeTimeout time to complete the HTTP upgrade; zero = no limit
 * @param authTimeout      the override's timeout; null = the top-level auth_timeout
 */
public record WebSocketSettings(String host, int port, String advertise, boolean noTls, WebSocketTls tls,
        boolean sameOrigin, List<String> allowedOrigins, boolean compression, Duration handshakeTimeout,
        String jwtCookie, String username, String password, String token, Duration authTimeout,
        String noAuthUser) {
    public static final String DEFAULT_HOST = "0.0.0.0";

    public WebSocketSettings {
        Objects.requireNonNull(host, "host");
        allowedOrigins = List.copyOf(allowedOrigins);
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
    }

    /** A plain ws:// listener on {@code host:port} with nothing else set (embedding and tests). */
    public static WebSocketSettings plain(String host, int port) {
        return new WebSocketSettings(host, port, null, true, null, false, List.of(), false, Duration.ZERO, null,
                null, null, null, null, null);
    }

    /** Whether a listener is wanted at all. */
    public boolean enabled() {
        return port != 0;
    }

    /** nats-server's authOverride: any of username, token or no_auth_user set in the block. */
    public boolean authOverride() {
        return notEmpty(username) || notEmpty(token) || notEmpty(noAuthUser);
    }

    public WebSocketSettings withOrigins(boolean same, List<String> allowed) {
        return new WebSocketSettings(host, port, advertise, noTls, tls, same, allowed, compression,
                handshakeTimeout, jwtCookie, username, password, token, authTimeout, noAuthUser);
    }

    public WebSocketSettings withCompression(boolean on) {
        return new WebSocketSettings(host, port, advertise, noTls, tls, sameOrigin, allowedOrigins, on,
                handshakeTimeout, jwtCookie, username, password, token, authTimeout, noAuthUser);
    }

    public WebSocketSettings withHandshakeTimeout(Duration d) {
        return new WebSocketSettings(host, port, advertise, noTls, tls, sameOrigin, allowedOrigins, compression, d,
                jwtCookie, username, password, token, authTimeout, noAuthUser);
    }

    /** The authorization override: user/password, token, timeout (null = top-level), no_auth_user. */
    public WebSocketSettings withAuth(String user, String pass, String tok, Duration timeout, String noAuth) {
        return new WebSocketSettings(host, port, advertise, noTls, tls, sameOrigin, allowedOrigins, compression,
                handshakeTimeout, jwtCookie, user, pass, tok, timeout, noAuth);
    }

    private static boolean notEmpty(String s) {
        return s != null && !s.isEmpty();
    }
}
