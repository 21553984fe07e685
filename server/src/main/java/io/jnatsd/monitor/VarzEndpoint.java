package io.jnatsd.monitor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.client.ClientRegistry;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.protocol.ServerVersion;

import java.time.Duration;

/**
 * {@code /varz}: the server's configuration and live totals, every field nats-server 2.9.10 writes for a server
 * without cluster, gateway, leaf node, MQTT, websocket or JetStream listeners (those show as empty objects there
 * too).
 */
final class VarzEndpoint implements Endpoint {
    /** nats-server's default TLS handshake timeout, reported even without TLS. */
    private static final double TLS_TIMEOUT_SECONDS = 2.0;
    /** Where nats-server names its Go release, the JVM's, in the same form as INFO's "go" (docs/decisions.md). */
    private static final String RUNTIME = "java" + Runtime.version().feature() + "." + Runtime.version().interim()
            + "." + Runtime.version().update();

    private final ServerView server;
    private final HttpStats httpStats;
    private final ProcessStats process = new ProcessStats();

    VarzEndpoint(ServerView server, HttpStats httpStats) {
        this.server = server;
        this.httpStats = httpStats;
    }

    @Override
    public Reply handle(Query q) {
        return Reply.json(render());
    }

    ObjectNode render() {
        ServerOptions o = server.options();
        ClientRegistry reg = server.clients().registry();
        long now = ServerView.nowEpochNanos();
        ObjectNode v = JsonOut.object();
        v.put("server_id", server.serverId());
        v.put("server_name", server.serverName());
        v.put("version", ServerVersion.VERSION);
        v.put("proto", ServerVersion.PROTO);
        v.put("go", RUNTIME);
        v.put("host", o.host());
        v.put("port", server.clientPort());
        if (server.clients().authenticator().required()) {
            v.put("auth_required", true);
        }
        if (o.tls() != null) {
            if (!o.allowNonTls()) {
                v.put("tls_required", true);
            }
            if (o.tls().verify()) {
                v.put("tls_verify", true);
            }
        }
        io.jnatsd.cluster.Cluster cluster = server.cluster();
        java.util.List<String> urls = cluster == null ? java.util.List.of() : cluster.connectUrls();
        if (cluster != null && cluster.routes().size() > 0 && !o.cluster().noAdvertise()) {
            var a = v.putArray("connect_urls"); // this server's and its peers' client URLs, as clients get them
            urls.forEach(a::add);
        }
        v.put("max_connections", o.maxConnections());
        if (o.maxSubscriptions() > 0) {
            v.put("max_subscriptions", o.maxSubscriptions());
        }
        v.put("ping_interval", o.pingInterval().toNanos());
        v.put("ping_max", o.pingMax());
        v.put("http_host", server.httpHost());
        v.put("http_port", server.httpPort());
        v.put("http_base_path", o.httpBasePath() == null ? "" : o.httpBasePath());
        v.put("https_port", server.httpsPort());
        JsonOut.putFloat(v, "auth_timeout", seconds(o.authTimeout()));
        v.put("max_control_line", o.maxControlLine());
        v.put("max_payload", o.maxPayload());
        v.put("max_pending", o.maxPending());
        ClusterVarz.render(v.putObject("cluster"), o, cluster);
        // Not built yet: nats-server writes these as empty objects when they are not configured.
        v.putObject("gateway");
        v.putObject("leaf");
        v.putObject("mqtt");
        WebSocketVarz.render(v.putObject("websocket"), o.websocket(), server.webSocketPort());
        ObjectNode jetstream = v.putObject("jetstream");
        io.jnatsd.jetstream.JetStream js = server.jetStream();
        if (js != null) {
            io.jnatsd.jetstream.JetStreamUsage u = js.usage();
            JetStreamJson.config(jetstream.putObject("config"), u);
            JetStreamJson.stats(jetstream.putObject("stats"), u);
        }
        JsonOut.putFloat(v, "tls_timeout", o.tls() == null ? TLS_TIMEOUT_SECONDS : seconds(o.tls().timeout()));
        v.put("write_deadline", o.writeDeadline().toNanos());
        v.put("start", GoFormat.time(server.startEpochNanos()));
        v.put("now", GoFormat.time(now));
        v.put("uptime", GoFormat.uptime(now - server.startEpochNanos()));
        v.put("mem", process.memory());
        v.put("cores", Runtime.getRuntime().availableProcessors());
        v.put("gomaxprocs", server.ioThreads());
        JsonOut.putFloat(v, "cpu", process.cpuPercent());
        putTotals(v, reg, cluster == null ? 0 : cluster.routes().size());
        v.put("subscriptions", Totals.subscriptions(server));
        ObjectNode stats = v.putObject("http_req_stats");
        httpStats.snapshot().forEach(stats::put);
        v.put("config_load_time", GoFormat.time(server.startEpochNanos()));
        if (o.serverTags() != null && !o.serverTags().isEmpty()) {
            var tags = v.putArray("tags");
            o.serverTags().forEach(tags::add);
        }
        if (o.systemAccount() != null) {
            v.put("system_account", o.systemAccount());
        }
        return v;
    }

    private static void putTotals(ObjectNode v, ClientRegistry reg, int routes) {
        Totals t = Totals.of(reg);
        v.put("connections", t.connections);
        v.put("total_connections", reg.totalConnections());
        v.put("routes", routes);
        v.put("remotes", 0);
        v.put("leafnodes", 0);
        v.put("in_msgs", t.inMsgs);
        v.put("out_msgs", t.outMsgs);
        v.put("in_bytes", t.inBytes);
        v.put("out_bytes", t.outBytes);
        v.put("slow_consumers", reg.slowConsumers());
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
