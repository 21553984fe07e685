package io.jnatsd.wire;

import io.jnatsd.NatsServer;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.testing.ReferenceServer;
import io.jnatsd.testing.TestServers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Server options a scenario needs, stated once and applied to both servers: as {@link ServerOptions} for jnatsd, as
 * flags or a config file for nats-server (which has flags only for user and password).
 */
final class ServerSetup {
    /** The INFO fields every client connection must see (2.9.10 without JetStream, verified). */
    static final List<String> BASE_INFO_FIELDS = List.of("server_id", "server_name", "version", "proto", "go",
            "host", "port", "headers", "max_payload", "client_id", "client_ip");

    static final ServerSetup DEFAULT = new ServerSetup();

    private Integer maxPayload;
    private Integer maxConnections;
    private Integer maxSubscriptions;
    private Integer maxControlLine;
    private Duration pingInterval;
    private Integer pingMax;
    private String user;
    private String pass;
    private String token;
    private Duration authTimeout;

    private ServerSetup copy() {
        ServerSetup s = new ServerSetup();
        s.maxPayload = maxPayload;
        s.maxConnections = maxConnections;
        s.maxSubscriptions = maxSubscriptions;
        s.maxControlLine = maxControlLine;
        s.pingInterval = pingInterval;
        s.pingMax = pingMax;
        s.user = user;
        s.pass = pass;
        s.token = token;
        s.authTimeout = authTimeout;
        return s;
    }

    ServerSetup maxPayload(int v) { ServerSetup s = copy(); s.maxPayload = v; return s; }
    ServerSetup maxConnections(int v) { ServerSetup s = copy(); s.maxConnections = v; return s; }
    ServerSetup maxSubscriptions(int v) { ServerSetup s = copy(); s.maxSubscriptions = v; return s; }
    ServerSetup maxControlLine(int v) { ServerSetup s = copy(); s.maxControlLine = v; return s; }
    ServerSetup pingInterval(Duration v) { ServerSetup s = copy(); s.pingInterval = v; return s; }
    ServerSetup pingMax(int v) { ServerSetup s = copy(); s.pingMax = v; return s; }
    ServerSetup auth(String u, String p) { ServerSetup s = copy(); s.user = u; s.pass = p; return s; }
    ServerSetup token(String t) { ServerSetup s = copy(); s.token = t; return s; }
    /** Only together with {@link #auth}: nats-server takes the timeout from the authorization block. */
    ServerSetup authTimeout(Duration v) { ServerSetup s = copy(); s.authTimeout = v; return s; }

    List<String> requiredInfoFields() {
        List<String> f = new ArrayList<>(BASE_INFO_FIELDS);
        if (user != null || token != null) {
            f.add(f.indexOf("max_payload"), "auth_required");
        }
        return f;
    }

    NatsServer startJnatsd() {
        return TestServers.start(b -> {
            if (maxPayload != null) b.maxPayload(maxPayload);
            if (maxConnections != null) b.maxConnections(maxConnections);
            if (maxSubscriptions != null) b.maxSubscriptions(maxSubscriptions);
            if (maxControlLine != null) b.maxControlLine(maxControlLine);
            if (pingInterval != null) b.pingInterval(pingInterval);
            if (pingMax != null) b.pingMax(pingMax);
            if (user != null) b.user(user).password(pass);
            if (token != null) b.authToken(token);
            if (authTimeout != null) b.authTimeout(authTimeout);
            return b;
        });
    }

    ReferenceServer startReference() {
        String conf = referenceConfig();
        if (user != null && authTimeout == null) {
            return ReferenceServer.startWithConfig(conf, "--user", user, "--pass", pass);
        }
        if (token != null) {
            return ReferenceServer.startWithConfig(conf, "--auth", token);
        }
        return ReferenceServer.startWithConfig(conf);
    }

    /** The nats-server config file for the options that have no flag; null when none is needed. */
    String referenceConfig() {
        StringBuilder c = new StringBuilder();
        if (maxPayload != null) c.append("max_payload: ").append(maxPayload).append('\n');
        if (maxConnections != null) c.append("max_connections: ").append(maxConnections).append('\n');
        if (maxSubscriptions != null) c.append("max_subscriptions: ").append(maxSubscriptions).append('\n');
        if (maxControlLine != null) c.append("max_control_line: ").append(maxControlLine).append('\n');
        if (pingInterval != null) c.append("ping_interval: \"").append(pingInterval.toMillis()).append("ms\"\n");
        if (pingMax != null) c.append("ping_max: ").append(pingMax).append('\n');
        if (authTimeout != null) {
            // The auth timeout lives in the authorization block, in (fractional) seconds.
            c.append("authorization { user: \"").append(user).append("\", password: \"").append(pass)
                    .append("\", timeout: ").append(authTimeout.toMillis() / 1000.0).append(" }\n");
        }
        return c.length() == 0 ? null : c.toString();
    }

    @Override
    public String toString() {
        String c = referenceConfig();
        String s = c == null ? "defaults" : c.trim().replace('\n', ' ');
        if (token != null) {
            s += " --auth " + token;
        }
        return user != null && authTimeout == null ? s + " --user " + user + " --pass " + pass : s;
    }
}
