package io.jnatsd.wire;

import static io.jnatsd.wire.Frames.connect;

/**
 * CONNECT lines the scenarios use. Each names verbose and pedantic explicitly: nats-server decodes CONNECT over the
 * pre-CONNECT defaults (verbose and pedantic on), so a field left out stays on.
 */
final class Clients {
    static final String QUIET = connect("{\"verbose\":false,\"pedantic\":false}");
    static final String HEADERS = connect("{\"verbose\":false,\"pedantic\":false,\"headers\":true}");
    static final String NO_RESPONDERS =
            connect("{\"verbose\":false,\"pedantic\":false,\"headers\":true,\"no_responders\":true}");

    private Clients() {
    }
}
