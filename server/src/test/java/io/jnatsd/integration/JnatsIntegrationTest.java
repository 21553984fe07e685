package io.jnatsd.integration;

import io.jnatsd.NatsServer;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.testing.JnatsClients;
import io.jnatsd.testing.TestServers;
import io.nats.client.Connection;
import io.nats.client.Options;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Shared setup of the jnats integration tests: a jnatsd server started on demand (loopback, free port) and jnats
 * connections to it, all closed after each test (connections first, so no client sees its server vanish and starts
 * reconnecting). Every test has a hard timeout so a hang fails instead of stalling the build.
 */
@Timeout(30)
abstract class JnatsIntegrationTest {
    private static volatile boolean warmedUp;

    private final List<NatsServer> servers = new ArrayList<>();
    private final List<Connection> connections = new ArrayList<>();
    private NatsServer server;

    /**
     * The first jnats connection in a JVM takes about a second (class loading, JSON, NUID setup); later ones take
     * milliseconds. Paying that once up front keeps the time-bounded assertions (fast failure, short connect
     * timeouts) about the server rather than about JVM warm-up.
     */
    @BeforeAll
    static void warmUpJnats() throws Exception {
        if (warmedUp) {
            return;
        }
        try (NatsServer s = TestServers.start(); Connection nc = JnatsClients.connect(s)) {
            nc.request("warm.up", null, JnatsClients.WAIT);
        }
        warmedUp = true;
    }

    /** The test's default server (started with default options on first use). */
    protected NatsServer server() {
        if (server == null) {
            server = startServer(b -> b);
        }
        return server;
    }

    /** Starts a server with custom options; the first server started becomes the default one. */
    protected NatsServer startServer(UnaryOperator<ServerOptions.Builder> customize) {
        NatsServer s = TestServers.start(customize);
        servers.add(s);
        if (server == null) {
            server = s;
        }
        return s;
    }

    protected Connection connect() throws IOException, InterruptedException {
        return connect(server(), b -> b);
    }

    protected Connection connect(UnaryOperator<Options.Builder> customize) throws IOException, InterruptedException {
        return connect(server(), customize);
    }

    protected Connection connect(NatsServer to, UnaryOperator<Options.Builder> customize)
            throws IOException, InterruptedException {
        return track(JnatsClients.connect(to, customize));
    }

    /** Closes {@code nc} after the test, for connections built by the test itself. */
    protected Connection track(Connection nc) {
        connections.add(nc);
        return nc;
    }

    @AfterEach
    void closeEverything() throws InterruptedException {
        for (Connection nc : connections) {
            nc.close();
        }
        for (NatsServer s : servers) {
            s.close();
        }
    }
}
