package io.jnatsd.config.load;

import io.jnatsd.config.ClusterSettings;
import io.jnatsd.config.ConfigBlock;
import io.jnatsd.config.file.ConfEntry;
import io.jnatsd.config.file.ConfMap;
import io.jnatsd.config.file.ConfString;
import io.jnatsd.config.file.ConfValue;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code cluster { name, listen, host, port, routes, ... }}: the name, listener and routes become
 * {@link ClusterSettings}, with its authorization, tls and permissions (see {@link RouteSecuritySection}); the
 * block is also kept (as "cluster").
 */
final class ClusterSection {
    private static final class Fields {
        String name;
        String host;
        int port;
        List<String> routes = List.of();
        boolean noAdvertise;
        int connectRetries;
        String advertise;
        int poolSize;
        List<String> accounts = List.of();
    }

    private ClusterSection() {
    }

    static void register(KeyTable keys) {
        keys.on(ClusterSection::cluster, "cluster");
    }

    private static void cluster(ConfEntry entry, LoadContext context) {
        if (!(entry.value() instanceof ConfMap map)) {
            throw new WrongValue("Expected map to define cluster, got " + entry.value().goTypeName());
        }
        Fields f = new Fields();
        RouteSecuritySection security = new RouteSecuritySection();
        new KeyTable()
                .on((e, c) -> f.name = Values.string(e.value()), "name")
                .on((e, c) -> {
                    HostPort hp = HostPort.parse(e.value());
                    f.host = hp.host();
                    f.port = hp.port();
                }, "listen")
                .on((e, c) -> f.host = Values.string(e.value()), "host", "net")
                .on((e, c) -> f.port = Values.intValue(e.value()), "port")
                .on((e, c) -> f.routes = routes(e.value()), "routes")
                .on((e, c) -> f.advertise = Values.string(e.value()), "advertise", "cluster_advertise")
                .on((e, c) -> f.noAdvertise = Values.bool(e.value()), "no_advertise")
                .on((e, c) -> f.connectRetries = Values.intValue(e.value()), "connect_retries")
                .on(security::authorization, "authorization")
                .on(security::tls, "tls")
                .on(security::permissions, "permissions")
                .on((e, c) -> f.poolSize = Values.intValue(e.value()), "pool_size")
                .on((e, c) -> f.accounts = accounts(e.value()), "accounts")
                .applyAll(map, context);
        context.builder().cluster(new ClusterSettings(f.name, f.host, f.port, f.routes, f.noAdvertise,
                f.connectRetries, f.advertise, security.result(), f.poolSize, f.accounts));
        context.setBy("cluster.port", entry.keyPosition());
        context.builder().configBlock(new ConfigBlock("cluster", entry.key(), entry.keyPosition(), map));
    }

    private static List<String> accounts(ConfValue v) {
        List<String> names = new ArrayList<>();
        for (ConfValue element : Values.array(v).elements()) {
            if (!(element instanceof ConfString s)) {
                throw new WrongValue("error parsing accounts: unsupported type " + element.goTypeName());
            }
            names.add(s.value());
        }
        return names;
    }

    private static List<String> routes(ConfValue v) {
        List<String> urls = new ArrayList<>();
        for (ConfValue element : Values.array(v).elements()) {
            if (!(element instanceof ConfString s)) {
                throw new WrongValue("error parsing routes: unsupported type " + element.goTypeName());
            }
            urls.add(s.value());
        }
        return urls;
    }
}
