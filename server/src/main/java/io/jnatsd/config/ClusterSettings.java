package io.jnatsd.config;

import java.util.List;
import java.util.Objects;

/**
 * The route listener and routes of a {@code cluster { name, listen, routes, no_advertise, connect_retries,
 * advertise }} block (or the --cluster, --routes, --cluster_name ... flags); the rest of the block (authorization,
 * tls, permissions) is in {@link ServerOptions#configBlocks()} under "cluster". Port 0 means the block did not give
 * one; -1 picks a free port.
 *
 * @param advertise null = advertise the listen host and port
 */
public record ClusterSettings(String name, String host, int port, List<String> routes, boolean noAdvertise,
        int connectRetries, String advertise) {
    public ClusterSettings {
        Objects.requireNonNull(routes, "routes");
        routes = List.copyOf(routes);
    }

    public ClusterSettings(String name, String host, int port, List<String> routes) {
        this(name, host, port, routes, false, 0, null);
    }

    public ClusterSettings withRoutes(List<String> v) {
        return new ClusterSettings(name, host, port, v, noAdvertise, connectRetries, advertise);
    }
}
