package io.jnatsd.websocket;

import io.jnatsd.auth.User;
import io.jnatsd.config.ConfigException;

import java.util.List;

/** nats-server's checks of the websocket options (validateWebsocketOptions), in its order and words. */
public final class WebSocketValidation {
    private WebSocketValidation() {
    }

    /** Throws {@link ConfigException} for the first problem; nothing is checked when no port is set. */
    public static void check(WebSocketSettings ws, List<User> users) {
        if (ws == null || !ws.enabled()) {
            return;
        }
        if (ws.port() < -1 || ws.port() > 65535) {
            throw new ConfigException("websocket: port " + ws.port() + " is not a valid port (0-65535, -1 for random)");
        }
        if (ws.tls() == null && !ws.noTls()) {
            throw new ConfigException("websocket requires TLS configuration");
        }
        for (String origin : ws.allowedOrigins()) {
            String problem = OriginCheck.parseProblem(origin);
            if (problem != null) {
                throw new ConfigException("unable to parse allowed origin: parse \"" + origin + "\": " + problem);
            }
        }
        String noAuth = ws.noAuthUser();
        if (noAuth != null && !noAuth.isEmpty()) {
            if (users.isEmpty()) {
                throw new ConfigException("no_auth_user: \"" + noAuth + "\" present, but users are not defined");
            }
            if (users.stream().noneMatch(u -> noAuth.equals(u.name()))) {
                throw new ConfigException("no_auth_user: \"" + noAuth
                        + "\" not present as user in authorization block or account configuration");
            }
        }
        if (!users.isEmpty()) {
            if (ws.username() != null && !ws.username().isEmpty()) {
                throw new ConfigException(
                        "websocket authentication username not compatible with presence of users/nkeys");
            }
            if (ws.token() != null && !ws.token().isEmpty()) {
                throw new ConfigException(
                        "websocket authentication token not compatible with presence of users/nkeys");
            }
        }
        if (ws.jwtCookie() != null && !ws.jwtCookie().isEmpty()) {
            // jnatsd has no trusted operators yet, so this is always nats-server's refusal.
            throw new ConfigException("trusted operators or trusted keys configuration is required for JWT "
                    + "authentication via cookie \"" + ws.jwtCookie() + "\"");
        }
    }
}
