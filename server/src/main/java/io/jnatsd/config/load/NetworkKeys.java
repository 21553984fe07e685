package io.jnatsd.config.load;

import io.jnatsd.config.ServerOptions;
import io.jnatsd.config.file.ConfArray;
import io.jnatsd.config.file.ConfEntry;
import io.jnatsd.config.file.ConfString;
import io.jnatsd.config.file.ConfValue;
import java.util.ArrayList;
import java.util.List;

/** Where the server listens and how it names itself: listen, host, port, server_name, http, ... */
final class NetworkKeys {
    private NetworkKeys() {
    }

    static void register(KeyTable keys) {
        keys.on(NetworkKeys::listen, "listen")
                .on((e, c) -> host(c, Values.string(e.value()), e), "host", "net")
                .on((e, c) -> {
                    c.builder().port(Values.intValue(e.value()));
                    c.setBy("port", e.keyPosition());
                }, "port")
                .on((e, c) -> c.builder().clientAdvertise(Values.string(e.value())), "client_advertise")
                .on((e, c) -> c.builder().serverName(Values.string(e.value())), "server_name")
                .on((e, c) -> {
                    c.builder().serverTags(tags(e.value()));
                    c.setBy("server_tags", e.keyPosition());
                }, "server_tags")
                .on(NetworkKeys::http, "http")
                .on(NetworkKeys::https, "https")
                .on((e, c) -> httpPort(c, Values.intValue(e.value()), e), "http_port", "monitor_port")
                .on((e, c) -> httpsPort(c, Values.intValue(e.value()), e), "https_port")
                .on((e, c) -> c.builder().httpBasePath(Values.string(e.value())), "http_base_path")
                .on((e, c) -> {
                    c.builder().profPort(Values.intValue(e.value()));
                    c.setBy("prof_port", e.keyPosition());
                }, "prof_port");
    }

    /** Like nats-server, listen sets host and port together: {@code listen: 4222} also resets the host. */
    private static void listen(ConfEntry e, LoadContext c) {
        HostPort hp = HostPort.parse(e.value());
        host(c, hp.host(), e);
        c.builder().port(hp.port());
        c.setBy("port", e.keyPosition());
    }

    private static void host(LoadContext c, String host, ConfEntry e) {
        c.builder().host(host.isEmpty() ? ServerOptions.DEFAULT_HOST : host);
        c.setBy("host", e.keyPosition());
    }

    private static void http(ConfEntry e, LoadContext c) {
        HostPort hp = HostPort.parse(e.value());
        c.builder().httpHost(hp.host().isEmpty() ? null : hp.host());
        httpPort(c, hp.port(), e);
    }

    private static void https(ConfEntry e, LoadContext c) {
        HostPort hp = HostPort.parse(e.value());
        c.builder().httpHost(hp.host().isEmpty() ? null : hp.host());
        httpsPort(c, hp.port(), e);
    }

    private static void httpPort(LoadContext c, int port, ConfEntry e) {
        c.builder().httpPort(port);
        c.setBy("http_port", e.keyPosition());
    }

    private static void httpsPort(LoadContext c, int port, ConfEntry e) {
        c.builder().httpsPort(port);
        c.setBy("https_port", e.keyPosition());
    }

    /** One tag or a list of them; nats-server's wording for anything else. */
    private static List<String> tags(ConfValue v) {
        if (v instanceof ConfString s) {
            return List.of(s.value());
        }
        if (!(v instanceof ConfArray array)) {
            throw new WrongValue("error parsing tags: unsupported type " + v.goTypeName());
        }
        List<String> tags = new ArrayList<>();
        for (ConfValue element : array.elements()) {
            if (!(element instanceof ConfString s)) {
                throw new WrongValue("error parsing tags: unsupported type " + element.goTypeName()
                        + " where string is expected");
            }
            tags.add(s.value());
        }
        return tags;
    }
}
