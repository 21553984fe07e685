package io.jnatsd.config.load;

import io.jnatsd.config.ConfigException;
import io.jnatsd.config.ServerOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a config reload changes, in nats-server's words: the {@code Reloaded: <opt>} lines of the options that may
 * change live, or a refusal ({@code config reload not supported for Port: old=4222, new=4223}) when an option
 * that needs a restart differs. nats-server refuses the whole reload then, and so do we.
 */
public final class ReloadDiff {
    private final List<String> changes = new ArrayList<>();
    private boolean authChanged;
    private boolean infoChanged;
    private boolean tlsChanged;
    private boolean clusterChanged;

    private ReloadDiff() {
    }

    /** Compares; throws {@link ConfigException} naming the first option that cannot change without a restart. */
    public static ReloadDiff between(ServerOptions old, ServerOptions neu) {
        refuseIfChanged("Host", old, neu, ServerOptions::host);
        refuseIfChanged("Port", old, neu, ServerOptions::port);
        refuseIfChanged("ServerName", old, neu, ServerOptions::serverName);
        refuseIfChanged("ClientAdvertise", old, neu, ServerOptions::clientAdvertise);
        refuseIfChanged("NoHeaderSupport", old, neu, ServerOptions::noHeaderSupport);
        refuseIfChanged("HTTPHost", old, neu, ServerOptions::httpHost);
        refuseIfChanged("HTTPPort", old, neu, ServerOptions::httpPort);
        refuseIfChanged("HTTPSPort", old, neu, ServerOptions::httpsPort);
        refuseIfChanged("JetStream", old, neu, ServerOptions::jetstream);
        refuseIfChanged("StoreDir", old, neu, ServerOptions::storeDir);
        refuseClusterChange(old.cluster(), neu.cluster());
        refuseIfChanged("Websocket", old, neu, ServerOptions::websocket);
        refuseIfChanged("PidFile", old, neu, ServerOptions::pidFile);
        refuseIfChanged("PortsFileDir", old, neu, ServerOptions::portsFileDir);
        refuseIfChanged("SystemAccount", old, neu, ServerOptions::systemAccount);
        refuseIfChanged("AuthCallout", old, neu, ServerOptions::authCallout);
        refuseIfChanged("AlwaysEnableNonce", old, neu, ServerOptions::alwaysEnableNonce);
        // Users may change (below); the accounts themselves, their exports, imports and limits need a restart.
        refuseIfChanged("Accounts", old, neu, ReloadDiff::accountStructure);

        ReloadDiff d = new ReloadDiff();
        d.plain("debug", old, neu, ServerOptions::debug);
        d.plain("trace", old, neu, ServerOptions::trace);
        d.plain("logtime", old, neu, ServerOptions::logtime);
        d.plain("log_file", old, neu, ServerOptions::logFile);
        d.plain("logfile_size_limit", old, neu, ServerOptions::logSizeLimit);
        if (d.plain("max_payload", old, neu, ServerOptions::maxPayload)) {
            d.infoChanged = true;
        }
        d.plain("max_control_line", old, neu, ServerOptions::maxControlLine);
        d.plain("max_pending", old, neu, ServerOptions::maxPending);
        d.duration("ping_interval", old, neu, ServerOptions::pingInterval);
        d.plain("ping_max", old, neu, ServerOptions::pingMax);
        d.duration("write_deadline", old, neu, ServerOptions::writeDeadline);
        d.plain("max_connections", old, neu, ServerOptions::maxConnections);
        d.plain("max_subscriptions", old, neu, ServerOptions::maxSubscriptions);
        d.auth("authorization user", old, neu, ServerOptions::user);
        d.auth("authorization password", old, neu, ServerOptions::password);
        d.auth("authorization token", old, neu, ServerOptions::authToken);
        if (!old.allUsers().equals(neu.allUsers()) || !Objects.equals(old.noAuthUser(), neu.noAuthUser())) {
            d.auth("authorization users", old, neu, o -> o.allUsers().toString() + o.noAuthUser());
        }
        if (!old.mappings().equals(neu.mappings())) {
            d.changes.add("Reloaded: mappings"); // the global account's; applied to the next publishes
        }
        if (!Objects.equals(old.tls(), neu.tls()) || old.allowNonTls() != neu.allowNonTls()) {
            // nats-server's words; new connections get the new TLS, existing ones keep theirs
            Duration was = old.tls() == null ? io.jnatsd.tls.TlsSettings.DEFAULT_TIMEOUT : old.tls().timeout();
            Duration now = neu.tls() == null ? io.jnatsd.tls.TlsSettings.DEFAULT_TIMEOUT : neu.tls().timeout();
            if (!was.equals(now)) {
                d.changes.add("Reloaded: tls timeout = " + java.math.BigDecimal.valueOf(now.toNanos(), 9)
                        .stripTrailingZeros().toPlainString());
            }
            d.changes.add("Reloaded: tls = " + (neu.tls() != null ? "enabled" : "disabled"));
            d.tlsChanged = true;
            d.infoChanged = true; // tls_required / tls_verify / tls_available
        }
        d.cluster(old.cluster(), neu.cluster());
        d.duration("lame_duck_duration", old, neu, ServerOptions::lameDuckDuration);
        d.duration("lame_duck_grace_period", old, neu, ServerOptions::lameDuckGracePeriod);
        return d;
    }

    /**
     * nats-server cannot start or stop clustering, nor move the route listener, on a reload; everything else of
     * the block (name, routes, authorization, permissions, tls for new routes, advertising) it applies.
     */
    private static void refuseClusterChange(io.jnatsd.config.ClusterSettings a, io.jnatsd.config.ClusterSettings b) {
        boolean on = a != null && a.port() != 0;
        if (on != (b != null && b.port() != 0)) {
            refuseIfChanged("Cluster", a, b);
            return;
        }
        if (!on) {
            return;
        }
        String hostA = a.host() == null ? "" : a.host();
        String hostB = b.host() == null ? "" : b.host();
        if (!hostA.equals(hostB)) {
            throw new ConfigException("config reload not supported for cluster host: old=" + hostA + ", new="
                    + hostB);
        }
        if (a.port() != b.port()) {
            throw new ConfigException("config reload not supported for cluster port: old=" + a.port() + ", new="
                    + b.port());
        }
    }

    private void cluster(io.jnatsd.config.ClusterSettings a, io.jnatsd.config.ClusterSettings b) {
        if (a == null || b == null || a.equals(b)) {
            return;
        }
        if (!a.withRoutes(List.of()).equals(b.withRoutes(List.of()))) {
            changes.add("Reloaded: cluster");
        }
        if (!a.routes().equals(b.routes())) {
            changes.add("Reloaded: cluster routes");
        }
        clusterChanged = true;
    }

    /** The cluster block changed (routes, name, authorization, ...): the running cluster applies it. */
    public boolean clusterChanged() {
        return clusterChanged;
    }

    private static void refuseIfChanged(String goField, Object a, Object b) {
        if (!Objects.equals(a, b)) {
            throw new ConfigException("config reload not supported for " + goField + ": old=" + goValue(a)
                    + ", new=" + goValue(b));
        }
    }

    private static Object accountStructure(ServerOptions o) {
        return o.accounts().stream()
                .map(a -> List.of(a.name(), a.exports(), a.imports(), a.limits(), a.mappings()))
                .toList();
    }

    /** The {@code Reloaded: ...} lines, in the order nats-server's option list gives them. */
    public List<String> changes() {
        return List.copyOf(changes);
    }

    /** The tls block (or allow_non_tls) changed: new connections use the new TLS settings. */
    public boolean tlsChanged() {
        return tlsChanged;
    }

    /** User, password or token changed: connected clients must be checked again. */
    public boolean authChanged() {
        return authChanged;
    }

    /** The INFO clients see changed (max_payload, auth_required): protocol-1 clients get it again. */
    public boolean infoChanged() {
        return infoChanged || authChanged;
    }

    private static void refuseIfChanged(String goField, ServerOptions old, ServerOptions neu,
                                        Function<ServerOptions, Object> get) {
        Object a = get.apply(old);
        Object b = get.apply(neu);
        if (!Objects.equals(a, b)) {
            throw new ConfigException("config reload not supported for " + goField + ": old=" + goValue(a)
                    + ", new=" + goValue(b));
        }
    }

    private static String goValue(Object v) {
        if (v == null) {
            return "";
        }
        return v instanceof Duration ? GoDuration.format((Duration) v) : v.toString();
    }

    private boolean plain(String key, ServerOptions old, ServerOptions neu, Function<ServerOptions, Object> get) {
        Object b = get.apply(neu);
        if (Objects.equals(get.apply(old), b)) {
            return false;
        }
        changes.add("Reloaded: " + key + " = " + goValue(b));
        return true;
    }

    private void duration(String key, ServerOptions old, ServerOptions neu, Function<ServerOptions, Duration> get) {
        plain(key, old, neu, get::apply);
    }

    /** Secrets are never logged: nats-server names the option only. */
    private void auth(String key, ServerOptions old, ServerOptions neu, Function<ServerOptions, String> get) {
        if (!Objects.equals(get.apply(old), get.apply(neu))) {
            changes.add("Reloaded: " + key);
            authChanged = true;
        }
    }
}
