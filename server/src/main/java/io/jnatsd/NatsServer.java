package io.jnatsd;

import io.jnatsd.config.ServerOptions;

/** Placeholder; replaced by the real server. */
public final class NatsServer implements AutoCloseable {
    public static NatsServer start(ServerOptions options) { throw new UnsupportedOperationException(); }
    public static NatsServer start() { return start(ServerOptions.ephemeral()); }
    public int port() { return 0; }
    public String clientUrl() { return null; }
    public String serverId() { return null; }
    public String serverName() { return null; }
    public ServerOptions options() { return null; }
    public boolean isRunning() { return false; }
    public void awaitTermination() throws InterruptedException { }
    @Override public void close() { }
}
