package io.jnatsd.testing;

import io.jnatsd.NatsServer;
import io.jnatsd.config.ServerOptions;

import java.util.function.UnaryOperator;

/** Starts jnatsd servers for tests: loopback, port 0. */
public final class TestServers {
    private TestServers() {
    }

    public static NatsServer start() {
        return start(b -> b);
    }

    public static NatsServer start(UnaryOperator<ServerOptions.Builder> customize) {
        ServerOptions.Builder b = ServerOptions.builder().host("127.0.0.1").port(0);
        return NatsServer.start(customize.apply(b).build());
    }
}
