package io.jnatsd.config.load;

import static io.jnatsd.config.load.Loading.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.jnatsd.config.ClusterSettings;
import io.jnatsd.config.ConfigBlock;
import io.jnatsd.config.JetStreamSettings;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.config.file.ConfMap;
import io.jnatsd.config.file.SourcePosition;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every key the loader maps: the value a file gives, and the default when the file is silent. */
class ConfigFileLoaderKeysTest {

    /** name, config text, option read back, value expected, default without the key. */
    static Stream<Arguments> keys() {
        return Stream.of(
            key("listen host", "listen: 127.0.0.2:4333", ServerOptions::host, "127.0.0.2", "0.0.0.0"),
            key("listen port", "listen: 127.0.0.2:4333", ServerOptions::port, 4333, 4222),
            key("listen ipv6", "listen: \"[::1]:4333\"", ServerOptions::host, "::1", "0.0.0.0"),
            key("listen port only", "listen: 4333", ServerOptions::port, 4333, 4222),
            key("listen :port", "listen: \":4333\"", ServerOptions::host, "0.0.0.0", "0.0.0.0"),
            key("listen random", "listen: \"127.0.0.1:-1\"", ServerOptions::port, 0, 4222),
            key("host", "host: 127.0.0.3", ServerOptions::host, "127.0.0.3", "0.0.0.0"),
            key("net", "net: 127.0.0.4", ServerOptions::host, "127.0.0.4", "0.0.0.0"),
            key("port", "port: 4555", ServerOptions::port, 4555, 4222),
            key("port random", "port: -1", ServerOptions::port, 0, 4222),
            key("server_name", "server_name: srv-1", ServerOptions::serverName, "srv-1", null),
            key("client_advertise", "client_advertise: \"h:1\"", ServerOptions::clientAdvertise, "h:1", null),
            key("server_tags list", "server_tags: [a, \"b:c\"]", ServerOptions::serverTags, List.of("a", "b:c"),
                    List.of()),
            key("server_tags one", "server_tags: a", ServerOptions::serverTags, List.of("a"), List.of()),
            key("max_payload", "max_payload: 2MB", ServerOptions::maxPayload, 2 * 1024 * 1024, 1024 * 1024),
            key("max_payload k", "max_payload: 64k", ServerOptions::maxPayload, 64_000, 1024 * 1024),
            key("max_pending", "max_pending: 1GB", ServerOptions::maxPending, 1L << 30, 64L << 20),
            key("max_control_line", "max_control_line: 1KB", ServerOptions::maxControlLine, 1024, 4096),
            key("max_connections", "max_connections: 10", ServerOptions::maxConnections, 10, 65536),
            key("max_conn", "max_conn: 11", ServerOptions::maxConnections, 11, 65536),
            key("max_subscriptions", "max_subscriptions: 7", ServerOptions::maxSubscriptions, 7, 0),
            key("max_subs", "max_subs: 8", ServerOptions::maxSubscriptions, 8, 0),
            key("max_sub_tokens", "max_sub_tokens: 255", ServerOptions::maxSubTokens, 255, 0),
            key("ping_interval", "ping_interval: \"1h30m\"", ServerOptions::pingInterval,
                    Duration.ofMinutes(90), Duration.ofMinutes(2)),
            key("ping_interval seconds", "ping_interval: 30", ServerOptions::pingInterval,
                    Duration.ofSeconds(30), Duration.ofMinutes(2)),
            key("ping_max", "ping_max: 5", ServerOptions::pingMax, 5, 2),
            key("write_deadline", "write_deadline: \"1.5s\"", ServerOptions::writeDeadline,
                    Duration.ofMillis(1500), Duration.ofSeconds(10)),
            key("lame_duck_duration", "lame_duck_duration: \"31s\"", ServerOptions::lameDuckDuration,
                    Duration.ofSeconds(31), Duration.ofMinutes(2)),
            key("lame_duck_grace_period", "lame_duck_grace_period: \"3s\"", ServerOptions::lameDuckGracePeriod,
                    Duration.ofSeconds(3), Duration.ofSeconds(10)),
            key("max_traced_msg_len", "max_traced_msg_len: 100", ServerOptions::maxTracedMsgLen, 100, 0),
            key("no_header_support", "no_header_support: true", ServerOptions::noHeaderSupport, true, false),
            key("disable_sublist_cache", "disable_sublist_cache: yes", ServerOptions::noSublistCache, true, false),
            key("no_sublist_cache", "no_sublist_cache: on", ServerOptions::noSublistCache, true, false),
            key("connect_error_reports", "connect_error_reports: 5", ServerOptions::connectErrorReports, 5, 3600),
            key("reconnect_error_reports", "reconnect_error_reports: 6", ServerOptions::reconnectErrorReports, 6,
                    1),
            key("max_closed_clients", "max_closed_clients: 9", ServerOptions::maxClosedClients, 9, 10_000),
            key("debug", "debug: true", ServerOptions::debug, true, false),
            key("trace", "trace: true", ServerOptions::trace, true, false),
            key("trace_verbose", "trace_verbose: true", ServerOptions::traceVerbose, true, false),
            key("trace_verbose traces", "trace_verbose: true", ServerOptions::trace, true, false),
            key("logtime", "logtime: false", ServerOptions::logtime, false, true),
            key("logfile", "logfile: /tmp/a.log", ServerOptions::logFile, "/tmp/a.log", null),
            key("log_file", "log_file: /tmp/b.log", ServerOptions::logFile, "/tmp/b.log", null),
            key("logfile_size_limit", "logfile_size_limit: 1MB", ServerOptions::logSizeLimit, 1L << 20, 0L),
            key("log_size_limit", "log_size_limit: 2MB", ServerOptions::logSizeLimit, 2L << 20, 0L),
            key("syslog", "syslog: true", ServerOptions::syslog, true, false),
            key("remote_syslog", "remote_syslog: \"udp://h:514\"", ServerOptions::remoteSyslog, "udp://h:514",
                    null),
            key("pidfile", "pidfile: /tmp/a.pid", ServerOptions::pidFile, "/tmp/a.pid", null),
            key("pid_file", "pid_file: /tmp/b.pid", ServerOptions::pidFile, "/tmp/b.pid", null),
            key("ports_file_dir", "ports_file_dir: /tmp", ServerOptions::portsFileDir, "/tmp", null),
            key("http host", "http: 127.0.0.1:8222", ServerOptions::httpHost, "127.0.0.1", null),
            key("http port", "http: 127.0.0.1:8222", ServerOptions::httpPort, 8222, 0),
            key("http port only", "http: 8223", ServerOptions::httpPort, 8223, 0),
            key("https", "https: 127.0.0.1:8443", ServerOptions::httpsPort, 8443, 0),
            key("http_port", "http_port: 8224", ServerOptions::httpPort, 8224, 0),
            key("monitor_port", "monitor_port: 8225", ServerOptions::httpPort, 8225, 0),
            key("https_port", "https_port: 8444", ServerOptions::httpsPort, 8444, 0),
            key("http_base_path", "http_base_path: /nats", ServerOptions::httpBasePath, "/nats", null),
            key("prof_port", "prof_port: 6060", ServerOptions::profPort, 6060, 0),
            key("authorization user", "authorization { user: u, password: p }", ServerOptions::user, "u", null),
            key("authorization username", "authorization { username: u, pass: p }", ServerOptions::password, "p",
                    null),
            key("authorization token", "authorization { token: s3cr3t }", ServerOptions::authToken, "s3cr3t",
                    null),
            key("authorization timeout", "authorization { token: t, timeout: 3 }", ServerOptions::authTimeout,
                    Duration.ofSeconds(3), Duration.ofSeconds(2)),
            key("authorization fractional timeout", "authorization { timeout: 0.5 }", ServerOptions::authTimeout,
                    Duration.ofMillis(500), Duration.ofSeconds(2)),
            key("authorization duration timeout", "authorization { timeout: \"4s\" }", ServerOptions::authTimeout,
                    Duration.ofSeconds(4), Duration.ofSeconds(2)),
            key("authorization zero timeout", "authorization { timeout: 0 }", ServerOptions::authTimeout,
                    Duration.ofSeconds(2), Duration.ofSeconds(2)),
            key("no_auth_user", "authorization { users = [ {user: u, password: p} ] }\nno_auth_user: u",
                    ServerOptions::noAuthUser, "u", null),
            key("store_dir", "store_dir: /tmp/js", ServerOptions::storeDir, "/tmp/js", null),
            key("storedir", "storedir: /tmp/js2", ServerOptions::storeDir, "/tmp/js2", null),
            key("jetstream bool", "jetstream: true", ServerOptions::jetstream, true, false),
            key("jetstream enabled", "jetstream: enabled", ServerOptions::jetstream, true, false),
            key("jetstream Enable", "jetstream: Enable", ServerOptions::jetstream, true, false),
            key("jetstream disabled", "jetstream: disabled", ServerOptions::jetstream, false, false),
            key("jetstream block", "jetstream { }", ServerOptions::jetstream, true, false),
            key("jetstream block off", "jetstream { enabled: false }", ServerOptions::jetstream, false, false),
            key("jetstream store_dir", "jetstream { store_dir: /tmp/js3 }", ServerOptions::storeDir, "/tmp/js3",
                    null),
            key("jetstream limits", "jetstream { max_memory_store: 1GB, max_file_store: \"2G\", domain: hub }",
                    ServerOptions::jetstreamSettings, new JetStreamSettings(1L << 30, 2L << 30, "hub"),
                    JetStreamSettings.DEFAULT),
            key("jetstream aliases", "jetstream { max_mem: 1K, max_file: 2K }",
                    ServerOptions::jetstreamSettings, new JetStreamSettings(1000, 2000, null),
                    JetStreamSettings.DEFAULT),
            key("jetstream sync_interval", "jetstream { sync_interval: \"10s\" }",
                    ServerOptions::jetstreamSettings,
                    new JetStreamSettings(-1, -1, null, Duration.ofSeconds(10), false), JetStreamSettings.DEFAULT),
            key("jetstream sync always", "jetstream { sync_interval: always }",
                    ServerOptions::jetstreamSettings,
                    new JetStreamSettings(-1, -1, null, JetStreamSettings.DEFAULT_SYNC_INTERVAL, true),
                    JetStreamSettings.DEFAULT),
            key("cluster", "cluster { name: c1, listen: 127.0.0.1:6222, routes: [\"nats-route://h:6223\"] }",
                    ServerOptions::cluster, new ClusterSettings("c1", "127.0.0.1", 6222,
                            List.of("nats-route://h:6223")), null),
            key("cluster host port", "cluster { host: h, port: 6333 }", ServerOptions::cluster,
                    new ClusterSettings(null, "h", 6333, List.of()), null)
        );
    }

    private static Arguments key(String name, String text, Function<ServerOptions, Object> option, Object value,
                                 Object byDefault) {
        return arguments(name, text, option, value, byDefault);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keys")
    void eachKeySetsItsOptionAndLeavesTheDefaultOtherwise(String name, String text,
            Function<ServerOptions, Object> option, Object value, Object byDefault) {
        assertThat(option.apply(options(text))).isEqualTo(value);
        assertThat(option.apply(options("# nothing\n"))).isEqualTo(byDefault);
        assertThat(option.apply(ServerOptions.builder().build())).isEqualTo(byDefault);
    }

    @Test
    void keysMatchInAnyLetterCase() {
        ServerOptions o = options("PORT: 4999\nMax_Payload: 1k\nAuthorization { USER: u, Password: p }");
        assertThat(o.port()).isEqualTo(4999);
        assertThat(o.maxPayload()).isEqualTo(1000);
        assertThat(o.user()).isEqualTo("u");
        assertThat(o.password()).isEqualTo("p");
    }

    @Test
    void laterKeysWinIncludingAliases() {
        assertThat(options("port: 1\nport: 2").port()).isEqualTo(2);
        assertThat(options("max_conn: 1\nmax_connections: 2").maxConnections()).isEqualTo(2);
        assertThat(options("listen: 127.0.0.1:1\nport: 5").port()).isEqualTo(5);
        assertThat(options("host: 127.0.0.9\nlisten: 6").host()).isEqualTo("0.0.0.0");
    }

    @Test
    void variablesAtTheTopLevelAreNotUnknownFields() {
        assertThat(options("MP = 2KB\nmax_payload: $MP").maxPayload()).isEqualTo(2048);
    }

    @Test
    void blocksOfLaterFeaturesAreKeptUnderTheirCanonicalName() {
        ServerOptions o = options("accounts { A { users: [{user: a, password: a}] } }\n"
                + "leaf { listen: 7422 }\nws { port: 8080, no_tls: true }\nmqtt { port: 1883 }\ngateway { name: g }\n"
                + "system: SYS\nmaps { a: b }\nocsp { mode: auto }\n"
                + "default_js_domain { A: d }\nno_sys_acc: true\nresolver_tls { }\nresolver_pinned_accounts: [A]");
        assertThat(o.configBlocks().keySet()).containsExactly("accounts", "leafnodes", "websocket", "mqtt",
                "gateway", "mappings",
                "ocsp", "default_js_domain", "resolver_tls",
                "resolver_pinned_accounts");
        ConfigBlock leaf = o.configBlocks().get("leafnodes");
        assertThat(leaf.key()).isEqualTo("leaf");
        assertThat(leaf.keyPosition()).isEqualTo(new SourcePosition("t.conf", 2, 1));
        assertThat(((ConfMap) leaf.value()).entry("listen")).isPresent();
    }

    @Test
    void authorizationClusterAndJetStreamBlocksAreKeptWhole() {
        ServerOptions o = options("authorization { users: [{user: a, password: b}], default_permissions: {} }\n"
                + "cluster { name: c, tls: {}, authorization: { user: r } }\njetstream { limits: {} }");
        assertThat(o.configBlocks().keySet()).containsExactly("authorization", "cluster", "jetstream");
        assertThat(((ConfMap) o.configBlocks().get("authorization").value()).entry("users")).isPresent();
        assertThat(o.user()).isNull();
    }

    @Test
    void theReportListsTheKeysPresentAndWhereOptionsWereSet() {
        ServerOptions.Builder b = ServerOptions.builder();
        LoadReport r = Loading.report("X = 1\nport: 4\nleaf { }\nmax_conn: $X", b);
        assertThat(r.keys()).containsExactlyInAnyOrder("port", "leafnodes", "max_connections");
        assertThat(r.origin("port")).contains(new SourcePosition("t.conf", 2, 1));
        assertThat(r.origin("max_connections")).contains(new SourcePosition("t.conf", 4, 1));
        assertThat(r.origin("max_payload")).isEmpty();
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void aDurationInPlainSecondsIsAWarningNotAnError() {
        ServerOptions.Builder b = ServerOptions.builder();
        LoadReport r = Loading.report("\nwrite_deadline: 3", b);
        assertThat(b.build().writeDeadline()).isEqualTo(Duration.ofSeconds(3));
        assertThat(r.warnings()).extracting(ConfigProblem::toString).containsExactly("t.conf:2:1: invalid use of "
                + "field \"write_deadline\": write_deadline should be converted to a duration");
    }
}
