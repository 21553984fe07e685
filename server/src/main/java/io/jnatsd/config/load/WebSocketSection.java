package io.jnatsd.config.load;

import io.jnatsd.config.ConfigBlock;
import io.jnatsd.config.file.ConfArray;
import io.jnatsd.config.file.ConfEntry;
import io.jnatsd.config.file.ConfFloat;
import io.jnatsd.config.file.ConfInteger;
import io.jnatsd.config.file.ConfMap;
import io.jnatsd.config.file.ConfString;
import io.jnatsd.config.file.ConfValue;
import io.jnatsd.websocket.WebSocketSettings;
import io.jnatsd.websocket.WebSocketTls;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code websocket} / {@code ws { listen, host, port, advertise, no_tls, tls, same_origin, allowed_origins,
 * compression, handshake_timeout, authorization, jwt_cookie, no_auth_user }}: becomes
 * {@link WebSocketSettings}, with nats-server 2.9.10's keys, aliases and error words. The block is also kept (as
 * "websocket").
 */
final class WebSocketSection {
    private static final class Fields {
        String host = WebSocketSettings.DEFAULT_HOST;
        int port;
        String advertise;
        boolean noTls;
        WebSocketTls tls;
        boolean sameOrigin;
        List<String> allowedOrigins = List.of();
        boolean compression;
        Duration handshakeTimeout = Duration.ZERO;
        String jwtCookie;
        String username;
        String password;
        String token;
        Duration authTimeout;
        String noAuthUser;
    }

    private WebSocketSection() {
    }

    static void register(KeyTable keys) {
        keys.on(WebSocketSection::websocket, "websocket", "ws");
    }

    private static void websocket(ConfEntry entry, LoadContext context) {
        if (!(entry.value() instanceof ConfMap map)) {
            throw new WrongValue("Expected websocket to be a map, got " + entry.value().goTypeName());
        }
        Fields f = new Fields();
        new KeyTable()
                .on((e, c) -> {
                    HostPort hp = HostPort.parse(e.value());
                    f.host = hp.host().isEmpty() ? f.host : hp.host();
                    f.port = hp.port();
                }, "listen")
                .on((e, c) -> f.port = Values.intValue(e.value()), "port")
                .on((e, c) -> f.host = Values.string(e.value()), "host", "net")
                .on((e, c) -> f.advertise = Values.string(e.value()), "advertise")
                .on((e, c) -> f.noTls = Values.bool(e.value()), "no_tls")
                .on((e, c) -> f.tls = tls(e, c), "tls")
                .on((e, c) -> f.sameOrigin = Values.bool(e.value()), "same_origin")
                .on((e, c) -> f.allowedOrigins = origins(e.value()), "allowed_origins", "allowed_origin",
                        "allow_origins", "allow_origin", "origins", "origin")
                .on((e, c) -> f.handshakeTimeout = handshakeTimeout(e.value()), "handshake_timeout")
                .on((e, c) -> f.compression = Values.bool(e.value()), "compression", "compress")
                .on((e, c) -> authorization(e, c, f), "authorization", "authentication")
                .on((e, c) -> f.jwtCookie = Values.string(e.value()), "jwt_cookie")
                .on((e, c) -> f.noAuthUser = Values.string(e.value()), "no_auth_user")
                .applyAll(map, context);
        context.builder().websocket(new WebSocketSettings(f.host, f.port, f.advertise, f.noTls, f.tls, f.sameOrigin,
                f.allowedOrigins, f.compression, f.handshakeTimeout, f.jwtCookie, f.username, f.password, f.token,
                f.authTimeout, f.noAuthUser));
        context.setBy("websocket", entry.keyPosition());
        context.builder().configBlock(new ConfigBlock("websocket", entry.key(), entry.keyPosition(), map));
    }

    private static List<String> origins(ConfValue v) {
        if (v instanceof ConfString s) {
            return List.of(s.value());
        }
        if (!(v instanceof ConfArray a)) {
            throw new WrongValue("error parsing allowed origins: unsupported type " + v.goTypeName());
        }
        List<String> out = new ArrayList<>();
        for (ConfValue element : a.elements()) {
            out.add(Values.string(element));
        }
        return out;
    }

    /** A duration string, or a whole number of seconds. */
    private static Duration handshakeTimeout(ConfValue v) {
        if (v instanceof ConfInteger i) {
            return Duration.ofSeconds(i.value());
        }
        if (!(v instanceof ConfString s)) {
            throw new WrongValue("error parsing handshake timeout: unsupported type " + v.goTypeName());
        }
        try {
            return GoDuration.parse(s.value());
        } catch (GoDuration.BadDuration e) {
            throw new WrongValue(e.getMessage());
        }
    }

    /** nats-server's "simple auth": user/password, token, timeout; anything else is an unknown field. */
    private static void authorization(ConfEntry entry, LoadContext context, Fields f) {
        ConfMap block = Values.map(entry.value());
        new KeyTable()
                .on((e, c) -> f.username = Values.string(e.value()), "user", "username")
                .on((e, c) -> f.password = Values.string(e.value()), "pass", "password")
                .on((e, c) -> f.token = Values.string(e.value()), "token")
                .on((e, c) -> f.authTimeout = timeout(e.value()), "timeout")
                .applyAll(block, context);
    }

    /** Seconds (fractions allowed) or a duration string; 0 keeps the top-level auth_timeout. */
    private static Duration timeout(ConfValue v) {
        Duration d;
        if (v instanceof ConfInteger i) {
            d = Duration.ofSeconds(i.value());
        } else if (v instanceof ConfFloat fl) {
            d = Duration.ofNanos(Math.round(fl.value() * 1e9));
        } else if (v instanceof ConfString s) {
            try {
                d = GoDuration.parse(s.value());
            } catch (GoDuration.BadDuration e) {
                throw new WrongValue("error parsing timeout: " + e.getMessage());
            }
        } else {
            throw new WrongValue("timeout: expected a number of seconds or a duration string, got "
                    + v.goTypeName());
        }
        return d.isZero() || d.isNegative() ? null : d;
    }

    /** The tls block's file keys; the other tls keys nats-server knows are accepted and not used yet. */
    private static WebSocketTls tls(ConfEntry entry, LoadContext context) {
        ConfMap block = Values.map(entry.value());
        String[] files = new String[3];
        boolean[] verify = new boolean[1];
        new KeyTable()
                .on((e, c) -> files[0] = tlsString(e, "cert_file"), "cert_file")
                .on((e, c) -> files[1] = tlsString(e, "key_file"), "key_file")
                .on((e, c) -> files[2] = tlsString(e, "ca_file"), "ca_file")
                .on((e, c) -> {
                    if (!(e.value() instanceof io.jnatsd.config.file.ConfBool b)) {
                        throw new WrongValue("error parsing tls config, expected 'verify' to be a boolean");
                    }
                    verify[0] = b.value();
                }, "verify")
                .known("verify_and_map", "verify_cert_and_check_known_urls", "insecure", "timeout",
                        "cipher_suites", "curve_preferences", "pinned_certs", "min_version", "handshake_first",
                        "first", "connection_rate_limit", "cert_store", "cert_match_by", "cert_match",
                        "ca_certs_match", "ocsp_peer", "certs", "certificates")
                .onUnknown(k -> "error parsing tls config, unknown field [\"" + k + "\"]")
                .applyAll(block, context);
        if (files[0] != null && files[1] == null) {
            throw new WrongValue("missing 'key_file' in TLS configuration");
        }
        if (files[1] != null && files[0] == null) {
            throw new WrongValue("missing 'cert_file' in TLS configuration");
        }
        if (block.entries().isEmpty()) {
            return null; // nats-server treats an empty tls block as none
        }
        return new WebSocketTls(files[0], files[1], files[2], verify[0]);
    }

    private static String tlsString(ConfEntry e, String key) {
        if (!(e.value() instanceof ConfString s)) {
            throw new WrongValue("error parsing tls config, expected '" + key + "' to be filename");
        }
        return s.value();
    }
}
