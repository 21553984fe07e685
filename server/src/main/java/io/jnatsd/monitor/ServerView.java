package io.jnatsd.monitor;

import io.jnatsd.client.ClientContext;
import io.jnatsd.config.ServerOptions;

import java.util.function.IntSupplier;

/**
 * What the endpoints read from the running server: identity, options, start time, the live clients and their
 * account. Built by {@code NatsServer}; the ports are suppliers because they are known only once bound.
 */
public final class ServerView {
    private final String serverId;
    private final String serverName;
    private final ClientContext clients;
    private final long startEpochNanos;
    private final int ioThreads;
    private final IntSupplier clientPort;
    private volatile int httpPort;
    private volatile int webSocketPort;
    private volatile int httpsPort;
    /** Null without a cluster. */
    private volatile io.jnatsd.cluster.Cluster cluster;
    private volatile io.jnatsd.jetstream.JetStream jetStream;

    public ServerView(String serverId, String serverName, ClientContext clients,
            long startEpochNanos, int ioThreads, IntSupplier clientPort) {
        this.serverId = serverId;
        this.serverName = serverName;
        this.clients = clients;
        this.startEpochNanos = startEpochNanos;
        this.ioThreads = ioThreads;
        this.clientPort = clientPort;
    }

    String serverId() {
        return serverId;
    }

    String serverName() {
        return serverName;
    }

    ServerOptions options() {
        return clients.options(); // the live options: a reload replaces them
    }

    ClientContext clients() {
        return clients;
    }

    long startEpochNanos() {
        return startEpochNanos;
    }

    /** The I/O event loops: what plays the role of Go's GOMAXPROCS for jnatsd. */
    int ioThreads() {
        return ioThreads;
    }

    int clientPort() {
        return clientPort.getAsInt();
    }

    int httpPort() {
        return httpPort;
    }

    void httpPort(int port) {
        httpPort = port;
    }

    /** The bound websocket port; 0 when there is no websocket listener. */
    int webSocketPort() {
        return webSocketPort;
    }

    /** Set once the cluster is built, for /routez and /varz. */
    public void cluster(io.jnatsd.cluster.Cluster c) {
        cluster = c;
    }

    io.jnatsd.cluster.Cluster cluster() {
        return cluster;
    }

    /** Set when JetStream starts, for /jsz and /varz. */
    public void jetStream(io.jnatsd.jetstream.JetStream js) {
        jetStream = js;
    }

    /** Null when JetStream is off. */
    io.jnatsd.jetstream.JetStream jetStream() {
        return jetStream;
    }

    public void webSocketPort(int port) {
        webSocketPort = port;

    }

    int httpsPort() {
        return httpsPort;
    }

    void httpsPort(int port) {
        httpsPort = port;
    }

    /** The host the monitoring listener binds: http_host, else the client host (as nats-server does). */
    String httpHost() {
        String h = options().httpHost();
        return h == null || h.isEmpty() ? options().host() : h;
    }

    static long nowEpochNanos() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
