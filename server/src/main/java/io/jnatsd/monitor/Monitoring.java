package io.jnatsd.monitor;

import java.util.HashMap;
import java.util.Map;

/**
 * The monitoring endpoints of one server, independent of HTTP: a path and its query in, a {@link Reply} out. Also
 * keeps what monitoring must record while the server runs (the ring of closed connections, request counts), which
 * is why it exists even when no HTTP port is configured.
 */
public final class Monitoring {
    private final Map<String, Endpoint> endpoints = new HashMap<>();
    /** The key a path is counted under in http_req_stats (an alias counts as its main path). */
    private final Map<String, String> statKeys = new HashMap<>();
    private final HttpStats httpStats = new HttpStats();
    private final ServerView server;
    /** http_base_path as a clean absolute path: "/" by default, else e.g. "/mon" (no trailing slash). */
    private final String base;

    public Monitoring(ServerView server) {
        this.server = server;
        this.base = basePath(server.options().httpBasePath());
        ClosedConnections closed = new ClosedConnections(server.options().maxClosedClients());
        server.clients().registry().closeObserver(closed);
        // The live dashboard replaced the plain link page at "/"; it keeps the links to every endpoint.
        add("/", DashboardFile.page(base));
        add("/dashboard/app.js", DashboardFile.of("app.js", "text/javascript; charset=utf-8"));
        add("/dashboard/style.css", DashboardFile.of("style.css", "text/css; charset=utf-8"));
        add("/metrics", new MetricsEndpoint(server));
        add("/varz", new VarzEndpoint(server, httpStats));
        add("/connz", new ConnzEndpoint(server, closed));
        SubszEndpoint subsz = new SubszEndpoint(server);
        add("/subsz", subsz);
        endpoints.put("/subscriptionsz", subsz);
        statKeys.put("/subscriptionsz", "/subsz");
        add("/routez", new RoutezEndpoint(server));
        add("/gatewayz", new GatewayzEndpoint(server));
        add("/leafz", new LeafzEndpoint(server));
        add("/accountz", new AccountzEndpoint(server));
        add("/accstatz", new AccstatzEndpoint(server));
        add("/jsz", new JszEndpoint(server));
        add("/healthz", new HealthzEndpoint());
    }

    private void add(String path, Endpoint e) {
        endpoints.put(path, e);
        statKeys.put(path, path);
    }

    ServerView server() {
        return server;
    }

    /**
     * nats-server serves every endpoint under http_base_path: "mon" gives /mon/varz and the index page at /mon
     * itself (not /mon/). Slashes are added or dropped so "mon", "/mon" and "/mon/" mean the same.
     */
    static String basePath(String configured) {
        String b = configured == null ? "" : configured.trim();
        StringBuilder out = new StringBuilder();
        for (String part : b.split("/")) {
            if (!part.isEmpty() && !part.equals(".")) {
                out.append('/').append(part);
            }
        }
        return out.length() == 0 ? "/" : out.toString();
    }

    /** The endpoint path for a request path under the base path, or null when it is outside it. */
    private String endpointPath(String requestPath) {
        if (base.equals("/")) {
            return requestPath;
        }
        if (requestPath.equals(base)) {
            return "/";
        }
        return requestPath.startsWith(base + "/") && requestPath.length() > base.length() + 1
                ? requestPath.substring(base.length()) : null;
    }

    /**
     * An endpoint's JSON for a system account request (not counted in http_req_stats); null for an unknown path.
     *
     * @throws BadRequest with nats-server's message for a bad option
     */
    com.fasterxml.jackson.databind.JsonNode data(String path, Query q) throws BadRequest {
        Endpoint e = endpoints.get(path);
        if (e == null) {
            return null;
        }
        try {
            return JsonOut.parse(e.handle(q).body);
        } catch (java.io.IOException io) {
            throw new java.io.UncheckedIOException(io);
        }
    }

    /**
     * Answers one request. Unknown paths get Go's 404 (nats-server's paths are exact: "/varz/" is not "/varz");
     * a bad parameter gets 400 with nats-server's message; {@code callback=} wraps JSON for JSONP.
     */
    Reply handle(String requestPath, Query q) {
        String path = endpointPath(requestPath);
        Endpoint e = path == null ? null : endpoints.get(path);
        if (e == null) {
            return Reply.notFound();
        }
        httpStats.count(statKeys.get(path));
        Reply r;
        try {
            r = e.handle(q);
        } catch (BadRequest bad) {
            return Reply.badRequest(bad.getMessage());
        }
        String callback = q.text("callback");
        return !callback.isEmpty() && r.json ? r.jsonp(callback) : r;
    }
}
