package io.jnatsd.monitor;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.websocket.WebSocketSettings;

/** The /varz "websocket" object: nats-server's field names and order, empty fields left out (omitempty). */
final class WebSocketVarz {
    private WebSocketVarz() {
    }

    static void render(ObjectNode w, WebSocketSettings s, int boundPort) {
        if (s == null || !s.enabled()) {
            return;
        }
        w.put("host", s.host());
        w.put("port", boundPort != 0 ? boundPort : s.port());
        putIfSet(w, "advertise", s.advertise());
        putIfSet(w, "no_auth_user", s.noAuthUser());
        putIfSet(w, "jwt_cookie", s.jwtCookie());
        if (!s.handshakeTimeout().isZero()) {
            w.put("handshake_timeout", s.handshakeTimeout().toNanos());
        }
        if (s.authTimeout() != null) {
            JsonOut.putFloat(w, "auth_timeout", s.authTimeout().toNanos() / 1e9);
        }
        if (s.noTls()) {
            w.put("no_tls", true);
        }
        if (s.sameOrigin()) {
            w.put("same_origin", true);
        }
        if (!s.allowedOrigins().isEmpty()) {
            ArrayNode a = w.putArray("allowed_origins");
            s.allowedOrigins().forEach(a::add);
        }
        if (s.compression()) {
            w.put("compression", true);
        }
    }

    private static void putIfSet(ObjectNode w, String key, String value) {
        if (value != null && !value.isEmpty()) {
            w.put(key, value);
        }
    }
}
