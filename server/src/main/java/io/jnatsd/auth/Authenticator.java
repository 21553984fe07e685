package io.jnatsd.auth;

import io.jnatsd.protocol.ConnectOptions;

/** Decides whether a client's CONNECT credentials are accepted. */
public interface Authenticator {
    /** Accepts everyone; INFO then does not say auth_required. */
    Authenticator NONE = new Authenticator() {
        @Override
        public boolean required() {
            return false;
        }

        @Override
        public boolean authenticate(ConnectOptions connect) {
            return true;
        }
    };

    /** Whether clients must send credentials in CONNECT before anything else. */
    boolean required();

    boolean authenticate(ConnectOptions connect);
}
