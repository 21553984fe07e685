package io.jnatsd.monitor;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.cluster.Cluster;
import io.jnatsd.config.ClusterSettings;
import io.jnatsd.config.ServerOptions;

/** The {@code cluster} object of /varz, as nats-server 2.9.10 writes it; empty without a cluster port. */
final class ClusterVarz {
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
        io.jnatsd.config.RouteSecurity sec = s.security();
        JsonOut.putFloat(c, "auth_timeout", sec.authTimeout().toNanos() / 1e9);
        if (!s.routes().isEmpty()) {
            ArrayNode urls = c.putArray("urls");
            for (String r : s.routes()) {
                urls.add(hostPort(r));
            }
        }
        JsonOut.putFloat(c, "tls_timeout", sec.tls() == null
                ? io.jnatsd.tls.TlsSettings.DEFAULT_TIMEOUT.toNanos() / 1e9 : sec.tls().timeout().toNanos() / 1e9);
        if (sec.tls() != null) {
            c.put("tls_required", true);
            if (sec.tls().verify()) {
                c.put("tls_verify", true);
            }
        }
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
