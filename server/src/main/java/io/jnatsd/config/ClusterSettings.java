package io.jnatsd.config;

import java.util.List;
import java.util.Objects;

/**
 * The route listener and routes of a {@code cluster { name, listen, routes, no_advertise, connect_retries,
 * advertise, authorization, tls, permissions }} block (or the --cluster, --routes, --cluster_name ... flags). Port 0
 * means the block did not give one; -1 picks a free port.
 *
 * @param advertise null = advertise the listen host and port
 * @param security  route authorization, TLS and permissions ({@link RouteSecurity#NONE} for none)
 */
public record ClusterSettings(String name, String host, int port, List<String> routes, boolean noAdvertise,
        int connectRetries, String advertise, RouteSecurity security) {
    public ClusterSettings {
        Objects.requireNonNull(routes, "routes");
        routes = List.copyOf(routes);
        security = security == null ? RouteSecurity.NONE : security;
    }

    public ClusterSettings(String name, String host, int port, List<String> routes, boolean noAdvertise,
            int connectRetries, String advertise) {
        this(name, host, port, routes, noAdvertise, connectRetries, advertise, RouteSecurity.NONE);
    }

    public ClusterSettings(String name, String host, int port, List<String> routes) {
        this(name, host, port, routes, false, 0, null, RouteSecurity.NONE);
    }

    public ClusterSettings withRoutes(List<String> v) {
        return new ClusterSettings(name, host, port, v, noAdvertise, connectRetries, advertise, security);
    }

    public ClusterSettings withSecurity(RouteSecurity v) {
        return new ClusterSettings(name, host, port, routes, noAdvertise, connectRetries, advertise, v);
    }
}
