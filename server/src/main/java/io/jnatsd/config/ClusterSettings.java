package io.jnatsd.config;

import java.util.List;
import java.util.Objects;

/**
 * The route listener and routes of a {@code cluster { name, listen, routes }} block, kept for the clustering
 * issue; the rest of the block (authorization, tls, permissions, ...) is in {@link ServerOptions#configBlocks()}
 * under "cluster". Port 0 means the block did not give one.
 */
public record ClusterSettings(String name, String host, int port, List<String> routes) {
    public ClusterSettings {
        Objects.requireNonNull(routes, "routes");
        routes = List.copyOf(routes);
    }
}
