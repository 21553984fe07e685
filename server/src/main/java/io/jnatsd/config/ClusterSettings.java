package io.jnatsd.config;

import java.util.List;
import java.util.Objects;

/**
 * The route listener and routes of a {@code cluster { name, listen, routes, no_advertise, connect_retries,
 * advertise, authorization, tls, permissions, pool_size, accounts }} block (or the --cluster, --routes,
 * --cluster_name ... flags). Port 0 means the block did not give one; -1 picks a free port.
 *
 * @param advertise null = advertise the listen host and port
 * @param security  route authorization, TLS and permissions ({@link RouteSecurity#NONE} for none)
 * @param poolSize  route connections per peer (nats-server 2.10 {@code pool_size}): 0 = the default
 *                  ({@value #DEFAULT_POOL_SIZE}), negative = no pooling (one route, as 2.9)
 * @param accounts  accounts with a dedicated route connection per peer (2.10 {@code accounts})
 */
public record ClusterSettings(String name, String host, int port, List<String> routes, boolean noAdvertise,
        int connectRetries, String advertise, RouteSecurity security, int poolSize, List<String> accounts) {
    public static final int DEFAULT_POOL_SIZE = 3;

    public ClusterSettings {
        Objects.requireNonNull(routes, "routes");
        routes = List.copyOf(routes);
        security = security == null ? RouteSecurity.NONE : security;
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
    }

    public ClusterSettings(String name, String host, int port, List<String> routes, boolean noAdvertise,
            int connectRetries, String advertise, RouteSecurity security) {
        this(name, host, port, routes, noAdvertise, connectRetries, advertise, security, 0, List.of());
    }

    public ClusterSettings(String name, String host, int port, List<String> routes, boolean noAdvertise,
            int connectRetries, String advertise) {
        this(name, host, port, routes, noAdvertise, connectRetries, advertise, RouteSecurity.NONE);
    }

    public ClusterSettings(String name, String host, int port, List<String> routes) {
        this(name, host, port, routes, false, 0, null, RouteSecurity.NONE);
    }

    /** Connections per peer this server announces: 0 when pooling is off ({@code pool_size: -1}). */
    public int effectivePoolSize() {
        return poolSize < 0 ? 0 : poolSize == 0 ? DEFAULT_POOL_SIZE : poolSize;
    }

    public ClusterSettings withRoutes(List<String> v) {
        return new ClusterSettings(name, host, port, v, noAdvertise, connectRetries, advertise, security, poolSize,
                accounts);
    }

    public ClusterSettings withSecurity(RouteSecurity v) {
        return new ClusterSettings(name, host, port, routes, noAdvertise, connectRetries, advertise, v, poolSize,
                accounts);
    }

    /** Route pooling ({@code pool_size}) and dedicated account routes ({@code accounts}). */
    public ClusterSettings withPool(int size, List<String> pinnedAccounts) {
        return new ClusterSettings(name, host, port, routes, noAdvertise, connectRetries, advertise, security, size,
                pinnedAccounts);
    }
}
