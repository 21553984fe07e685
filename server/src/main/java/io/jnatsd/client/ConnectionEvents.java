package io.jnatsd.client;

/**
 * Told when a client logs in (its first accepted CONNECT) and when a logged-in client goes away: the system account's
 * CONNECT and DISCONNECT events. Called on the connection's event loop; implementations hand the work elsewhere.
 */
public interface ConnectionEvents {
    ConnectionEvents NONE = new ConnectionEvents() {
        @Override
        public void connected(ClientConnection c) {
        }

        @Override
        public void disconnected(ClientConnection c, long stopEpochNanos) {
        }
    };

    void connected(ClientConnection c);

    void disconnected(ClientConnection c, long stopEpochNanos);
}
