package io.jnatsd.monitor;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.cluster.Cluster;
import io.jnatsd.config.ClusterSettings;
import io.jnatsd.config.ServerOptions;

/** The {@code cluster} object of /varz, as nats-server 2.9.10 writes it; empty without a cluster port. */
final class ClusterVarz {
    /** nats-server's defaults for the cluster block's auth and TLS timeouts, in seconds. */
    private static final double TIMEOUT_SECONDS = 2;

    private ClusterVarz() {
    }

    static void render(ObjectNode c, ServerOptions o, Cluster cluster) {
        ClusterSettings s = o.cluster();
        if (cluster == null || s == null) {
            return;
        }
        c.put("name", cluster.name());
        c.put("addr", s.host() == null || s.host().isEmpty() ? "0.0.0.0" : s.host());
        c.put("cluster_port", cluster.port());
        JsonOut.putFloat(c, "auth_timeout", TIMEOUT_SECONDS);
        if (!s.routes().isEmpty()) {
            ArrayNode urls = c.putArray("urls");
            for (String r : s.routes()) {
                urls.add(hostPort(r));
            }
        }
        JsonOut.putFloat(c, "tls_timeout", TIMEOUT_SECONDS);
    }

    /** "nats-route://user:pw@h:p/" -> "h:p", as nats-server lists route URLs. */
    private static String hostPort(String url) {
        String u = url;
        int scheme = u.indexOf("://");
        if (scheme >= 0) {
            u = u.substring(scheme + 3);
        }
        int at = u.lastIndexOf('@');
        if (at >= 0) {
            u = u.substring(at + 1);
        }
        int slash = u.indexOf('/');
        return slash >= 0 ? u.substring(0, slash) : u;
    }
}
