package io.jnatsd.cli;

import io.jnatsd.config.ClusterSettings;
import io.jnatsd.config.ConfigException;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.tls.TlsConfigException;
import io.jnatsd.tls.TlsSettings;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns parsed {@link Flags} into {@link ServerOptions.Builder} settings. Go flags use the zero value for "not
 * given", so an empty string or a 0 leaves the option alone ({@code -p 0} listens on 4222, as in nats-server);
 * a boolean flag is applied only when it was given, so that it overrides a config file only then.
 */
final class OptionsMapper {
    private OptionsMapper() {
    }

    static ServerOptions.Builder toBuilder(Flags f) {
        ServerOptions.Builder b = ServerOptions.builder();
        applyTo(f, b);
        return b;
    }

    /**
     * Applies the given flags on top of {@code b} (which may hold a config file's settings: flags win) and returns
     * the options they set, named as in {@link io.jnatsd.config.ConfigException#option()}.
     */
    static Set<String> applyTo(Flags f, ServerOptions.Builder b) {
        Set<String> set = new LinkedHashSet<>();
        applyCluster(f, b, b.clusterSoFar());
        if (!f.host.isEmpty()) {
            b.host(f.host);
            set.add("host");
        }
        if (f.port != 0) {
            b.port(saturatedInt(f.port));
            set.add("port");
        }
        if (!f.serverName.isEmpty()) {
            b.serverName(f.serverName);
        }
        if (!f.clientAdvertise.isEmpty()) {
            b.clientAdvertise(f.clientAdvertise);
        }
        if (f.httpPort != 0) {
            b.httpPort(saturatedInt(f.httpPort));
            set.add("http_port");
        }
        if (f.httpsPort != 0) {
            b.httpsPort(saturatedInt(f.httpsPort));
            set.add("https_port");
        }
        if (!f.pidFile.isEmpty()) {
            b.pidFile(f.pidFile);
        }
        if (!f.portsFileDir.isEmpty()) {
            b.portsFileDir(f.portsFileDir);
        }
        if (!f.logFile.isEmpty()) {
            b.logFile(f.logFile);
        }
        applyLogging(f, b, set);
        if (!f.user.isEmpty()) {
            b.user(f.user);
            set.add("user");
        }
        if (!f.password.isEmpty()) {
            b.password(f.password);
            set.add("pass");
        }
        if (!f.authToken.isEmpty()) {
            b.authToken(f.authToken);
        }
        if (f.isGiven("jetstream")) {
            b.jetstream(f.jetstream);
        }
        if (!f.storeDir.isEmpty()) {
            b.storeDir(f.storeDir);
        }
        if (!f.configFile.isEmpty()) {
            b.configFile(f.configFile);
        }
        return set;
    }

    /**
     * --tls, --tlscert, --tlskey, --tlsverify, --tlscacert: any of them turns client TLS on (replacing a config
     * file's tls block, as nats-server does), and then the certificate and key must be given. Throws
     * {@link ConfigException} with nats-server's words when one is missing.
     */
    static void applyTls(Flags f, ServerOptions.Builder b) {
        if (!(f.tls || f.tlsVerify || !f.tlsCert.isEmpty() || !f.tlsKey.isEmpty() || !f.tlsCaCert.isEmpty())) {
            return;
        }
        if (f.tlsCert.isEmpty()) {
            throw new ConfigException("TLS Server certificate must be present and valid");
        }
        if (f.tlsKey.isEmpty()) {
            throw new ConfigException("TLS Server private key must be present and valid");
        }
        TlsSettings s = TlsSettings.of(f.tlsCert, f.tlsKey).withVerify(f.tlsVerify)
                .withCaFile(f.tlsCaCert.isEmpty() ? null : f.tlsCaCert);
        try {
            io.jnatsd.tls.TlsContexts.forServer(s); // a bad file is a startup error, worded as nats-server's
        } catch (TlsConfigException e) {
            throw new ConfigException(e.getMessage());
        }
        b.tls(s);
    }

    private static void applyLogging(Flags f, ServerOptions.Builder b, Set<String> set) {
        if (f.isGiven("debug", "DV", "DVV")) {
            b.debug(f.debugEnabled());
        }
        if (f.isGiven("trace", "VV", "DV", "DVV")) {
            b.trace(f.traceEnabled());
        }
        if (f.isGiven("VV", "DVV")) {
            b.traceVerbose(f.traceVerboseEnabled());
        }
        if (f.isGiven("logtime")) {
            b.logtime(f.logtime);
        }
        if (f.isGiven("syslog")) {
            b.syslog(f.syslog);
        }
        if (!f.remoteSyslog.isEmpty()) {
            b.remoteSyslog(f.remoteSyslog);
        }
        if (f.logSizeLimit != 0) {
            b.logSizeLimit(f.logSizeLimit);
            set.add("logfile_size_limit");
        }
        if (f.maxTracedMsgLen != 0) {
            b.maxTracedMsgLen(saturatedInt(f.maxTracedMsgLen));
            set.add("max_traced_msg_len");
        }
    }

    /**
     * The cluster flags on top of the config file's cluster block: --cluster (a URL such as nats://host:port) sets
     * the route listener, --routes (comma-separated URLs) the routes, and --cluster_name, --no_advertise,
     * --cluster_advertise, --connect_retries their settings. As nats-server, routes need a cluster listener.
     */
    static void applyCluster(Flags f, ServerOptions.Builder b, ClusterSettings fromFile) {
        boolean any = !f.routes.isEmpty() || !f.clusterListen.isEmpty() || !f.clusterName.isEmpty() || f.noAdvertise
                || !f.clusterAdvertise.isEmpty() || f.connectRetries != 0;
        if (!any) {
            return;
        }
        ClusterSettings c = fromFile != null ? fromFile : new ClusterSettings(null, null, 0, List.of());
        String host = c.host();
        int port = c.port();
        io.jnatsd.config.RouteSecurity security = c.security();
        if (!f.clusterListen.isEmpty()) {
            // scheme://host:port, the port possibly -1 (random), which java.net.URI does not accept
            String a = f.clusterListen;
            int scheme = a.indexOf("://");
            String hostPort = scheme < 0 ? a : a.substring(scheme + 3);
            if (hostPort.endsWith("/")) {
                hostPort = hostPort.substring(0, hostPort.length() - 1);
            }
            int at = hostPort.lastIndexOf('@');
            if (at >= 0) { // nats-server: user:pass in the --cluster URL is the routes' authorization
                String userInfo = hostPort.substring(0, at);
                int sep = userInfo.indexOf(':');
                security = security.withAuth(sep < 0 ? userInfo : userInfo.substring(0, sep),
                        sep < 0 ? null : userInfo.substring(sep + 1), security.authTimeout());
                hostPort = hostPort.substring(at + 1);
            }
            int colon = hostPort.lastIndexOf(':');
            if (colon < 0) {
                throw new ConfigException("cluster", "missing port in address");
            }
            host = hostPort.substring(0, colon).replace("[", "").replace("]", "");
            try {
                port = Integer.parseInt(hostPort.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new ConfigException("cluster", "invalid port in address " + f.clusterListen);
            }
        }
        List<String> routes = c.routes();
        if (!f.routes.isEmpty()) {
            routes = new ArrayList<>();
            for (String r : f.routes.split(",")) {
                if (!r.trim().isEmpty()) {
                    routes.add(r.trim());
                }
            }
        }
        if (!routes.isEmpty() && port == 0) {
            throw new ConfigException("routes", "solicited routes require cluster capabilities, e.g. --cluster");
        }
        b.cluster(new ClusterSettings(f.clusterName.isEmpty() ? c.name() : f.clusterName, host, port, routes,
                f.noAdvertise || c.noAdvertise(),
                f.connectRetries != 0 ? (int) Math.min(Integer.MAX_VALUE, f.connectRetries) : c.connectRetries(),
                f.clusterAdvertise.isEmpty() ? c.advertise() : f.clusterAdvertise, security));
    }

    /**
     * Flags that were given but that no server option carries yet, by their nats-server name, so the launcher
     * can warn instead of silently running without e.g. the TLS the user asked for.
     */
    static List<String> unsupportedInUse(Flags f) {
        List<String> names = new ArrayList<>();
        addIf(names, f.syslog, "syslog");
        addIf(names, !f.remoteSyslog.isEmpty(), "remote_syslog");
        addIf(names, f.profilePort != 0, "profile");
        return names;
    }

    private static void addIf(List<String> names, boolean condition, String name) {
        if (condition) {
            names.add(name);
        }
    }

    /** Go ints are 64-bit; clamp so that validation reports "not a valid port" rather than a wrapped number. */
    private static int saturatedInt(long v) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
    }
}
