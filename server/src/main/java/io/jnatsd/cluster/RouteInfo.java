package io.jnatsd.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A route INFO: what a peer says about itself (or, gossiped, about another peer). Parsed and rendered with
 * nats-server's field names; cold path.
 *
 * @param ip the peer's route URL as gossiped ({@code nats-route://host:port/}), null when not given
 * @param security what the sender protects its routes with (auth_required, tls_required, import, export): shown
 *                 to peers as nats-server does, not acted on by them
 * @param pool     the sender's route pooling ({@code route_pool_size}, {@code route_pool_idx}, {@code route_account},
 *                 nats-server 2.10); {@link RoutePool#NONE} from a server without pooling
 */
record RouteInfo(String serverId, String serverName, String host, int port, String ip, String cluster,
        boolean clusterDynamic, List<String> connectUrls, List<String> wsConnectUrls, boolean headers,
        boolean lameDuck, int proto,
        RouteInfoSecurity security, RoutePool pool) {
    static final ObjectMapper JSON = new ObjectMapper();
    /** Route protocol 2: account names in RS+/RS-/RMSG, as nats-server 2.x. */
    static final int ROUTE_PROTO = 2;

    static RouteInfo parse(byte[] b, int off, int len) throws IOException {
        JsonNode n = JSON.readTree(new String(b, off, len, StandardCharsets.UTF_8));
        if (n == null || !n.isObject()) {
            throw new IOException("route INFO is not a JSON object");
        }
        List<String> urls = new ArrayList<>();
        for (JsonNode u : n.path("connect_urls")) {
            urls.add(u.asText());
        }
        List<String> wsUrls = new ArrayList<>();
        for (JsonNode u : n.path("ws_connect_urls")) {
            wsUrls.add(u.asText());
        }
        return new RouteInfo(n.path("server_id").asText(""), n.path("server_name").asText(""),
                n.path("host").asText(""), n.path("port").asInt(0), n.hasNonNull("ip") ? n.get("ip").asText() : null,
                n.path("cluster").asText(""), n.path("cluster_dynamic").asBoolean(false), List.copyOf(urls),
                List.copyOf(wsUrls),
                n.path("headers").asBoolean(false), n.path("ldm").asBoolean(false), n.path("proto").asInt(0),
                RouteInfoSecurity.parse(n), new RoutePool(n.path("route_pool_size").asInt(0),
                        n.path("route_pool_idx").asInt(0),
                        n.hasNonNull("route_account") ? n.get("route_account").asText() : null));
    }

    /** The {@code INFO {...}\r\n} line, fields in nats-server's order. */
    byte[] render(String version, String runtime, int maxPayload, String nonce) {
        ObjectNode o = JSON.createObjectNode();
        o.put("server_id", serverId);
        o.put("server_name", serverName);
        o.put("version", version);
        o.put("proto", proto);
        o.put("go", runtime);
        o.put("host", host);
        o.put("port", port);
        o.put("headers", headers);
        security.renderFlags(o);
        o.put("max_payload", maxPayload);
        if (nonce != null) {
            o.put("nonce", nonce);
        }
        if (ip != null) {
            o.put("ip", ip);
        }
        o.put("cluster", cluster);
        if (clusterDynamic) {
            o.put("cluster_dynamic", true);
        }
        if (!connectUrls.isEmpty()) {
            ArrayNode a = o.putArray("connect_urls");
            connectUrls.forEach(a::add);
        }
        if (!wsConnectUrls.isEmpty()) {
            ArrayNode a = o.putArray("ws_connect_urls");
            wsConnectUrls.forEach(a::add);
        }
        security.renderPermissions(o);
        pool.render(o);
        if (lameDuck) {
            o.put("ldm", true);
        }
        return ("INFO " + o + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The same INFO as gossip for other routes: with the route URL others should connect to. */
    RouteInfo withIp(String routeUrl) {
        return new RouteInfo(serverId, serverName, host, port, routeUrl, cluster, clusterDynamic, connectUrls,
                wsConnectUrls, headers, lameDuck, proto, security, pool);
    }

    RouteInfo withCluster(String name, boolean dynamic) {
        return new RouteInfo(serverId, serverName, host, port, ip, name, dynamic, connectUrls, wsConnectUrls,
                headers, lameDuck, proto, security, pool);
    }
}
