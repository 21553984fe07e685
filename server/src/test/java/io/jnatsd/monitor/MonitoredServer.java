package io.jnatsd.monitor;

import io.jnatsd.NatsServer;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.testing.RawClient;
import io.jnatsd.testing.TestServers;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A jnatsd server with monitoring on a random port (http_port -1), plus the raw clients a test opened on it, all
 * closed together.
 */
final class MonitoredServer implements AutoCloseable {
    final NatsServer server;
    final Http http;
    private final List<AutoCloseable> clients = new ArrayList<>();

    private MonitoredServer(NatsServer server) {
        this.server = server;
        this.http = new Http(server.monitoringPort());
    }

    static MonitoredServer start() {
        return start(b -> b);
    }

    static MonitoredServer start(UnaryOperator<ServerOptions.Builder> customize) {
        return new MonitoredServer(TestServers.start(b -> customize.apply(b.httpPort(-1))));
    }

    /** A raw client that sent CONNECT with these fields and got its PONG: registered and counted. */
    RawClient raw(String connectJson) throws IOException {
        RawClient c = RawClient.connect(server.port());
        clients.add(c);
        c.readInfo();
        sync(c, "CONNECT " + connectJson + "\r\n");
        return c;
    }

    /**
     * Sends {@code text} then a PING, and waits for the PONG: the server has processed everything before it. What
     * comes before the PONG (+OK, MSG lines, payloads) is skipped; an -ERR fails the test.
     */
    static void sync(RawClient c, String text) throws IOException {
        c.send(text + "PING\r\n");
        String l;
        while ((l = c.readLineSkippingPings()) != null && !l.equals("PONG")) {
            if (l.startsWith("-ERR")) {
                throw new AssertionError("server answered " + l);
            }
        }
        if (l == null) {
            throw new AssertionError("connection closed before PONG");
        }
    }

    <T extends AutoCloseable> T track(T c) {
        clients.add(c);
        return c;
    }

    @Override
    public void close() {
        for (AutoCloseable c : clients) {
            try {
                c.close();
            } catch (Exception e) {
                // already closed by the test
            }
        }
        server.close();
    }
}
