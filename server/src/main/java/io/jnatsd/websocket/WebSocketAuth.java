package io.jnatsd.websocket;

import io.jnatsd.auth.Authenticator;
import io.jnatsd.auth.SingleUserAuthenticator;
import io.jnatsd.auth.UserAuthenticator;
import io.jnatsd.config.ServerOptions;

/**
 * Who may connect over websocket, as nats-server decides it: the top-level authorization, unless the websocket
 * block overrides it (username/password, token or no_auth_user). With users configured, the override can only
 * name another no_auth_user (validation refuses a username or token then).
 */
public final class WebSocketAuth {
    private WebSocketAuth() {
    }

    public static Authenticator authenticatorFor(ServerOptions options, Authenticator topLevel) {
        WebSocketSettings ws = options.websocket();
        if (ws == null || !ws.authOverride()) {
            return topLevel;
        }
        if (!options.allUsers().isEmpty()) {
            return new UserAuthenticator(options.allUsers(), ws.noAuthUser());
        }
        if (ws.token() != null && !ws.token().isEmpty()) {
            return SingleUserAuthenticator.token(ws.token());
        }
        return SingleUserAuthenticator.userPassword(ws.username(), ws.password());
    }
}
