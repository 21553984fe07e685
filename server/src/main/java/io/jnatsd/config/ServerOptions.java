package io.jnatsd.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one typed options model of a server: filled from flags and (later) the config file by {@link Builder},
 * validated once in {@link Builder#build()}, immutable afterwards. Defaults are nats-server's.
 */
public final class ServerOptions {
    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 4222;
    public static final int DEFAULT_MAX_PAYLOAD = 1024 * 1024;
    public static final long DEFAULT_MAX_PENDING = 64L * 1024 * 1024;
    public static final int DEFAULT_MAX_CONTROL_LINE = 4096;
    public static final int DEFAULT_MAX_CONNECTIONS = 64 * 1024;
    public static final Duration DEFAULT_PING_INTERVAL = Duration.ofMinutes(2);
    public static final int DEFAULT_PING_MAX = 2;
    public static final Duration DEFAULT_WRITE_DEADLINE = Duration.ofSeconds(10);
    public static final Duration DEFAULT_AUTH_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_LAME_DUCK_DURATION = Duration.ofMinutes(2);
    public static final Duration DEFAULT_LAME_DUCK_GRACE_PERIOD = Duration.ofSeconds(10);
    /** Closed connections /connz keeps for state=closed (nats-server's max_closed_clients). */
    public static final int DEFAULT_MAX_CLOSED_CLIENTS = 10_000;
    /** nats-server reports a failing solicited connection every hour (3600 attempts at 1s)... */
    public static final int DEFAULT_CONNECT_ERROR_REPORTS = 3600;
    /** ...and a failing reconnection at every attempt. */
    public static final int DEFAULT_RECONNECT_ERROR_REPORTS = 1;
    /** nats-server refuses subjects with more tokens than this (max_sub_tokens). */
    public static final int MAX_SUB_TOKENS_LIMIT = 255;

    private final String host;
    private final int port;
    private final String serverName;
    private final String clientAdvertise;
    private final int maxPayload;
    private final long maxPending;
    private final int maxControlLine;
    private final int maxConnections;
    private final int maxSubscriptions;
    private final Duration pingInterval;
    private final int pingMax;
    private final Duration writeDeadline;
    private final Duration authTimeout;
    private final boolean noHeaderSupport;
    private final String httpHost;
    private final int httpPort;
    private final String pidFile;
    private final String portsFileDir;
    private final String logFile;
    private final boolean debug;
    private final boolean trace;
    private final boolean logtime;
    private final String user;
    private final String password;
    private final String authToken;
    private final boolean jetstream;
    private final String storeDir;
    private final String configFile;
    private final Duration lameDuckDuration;
    private final Duration lameDuckGracePeriod;
    private final int ioThreads;
    private final int maxClosedClients;
    // Set from config files (issue 4); most are kept for later features and not acted on yet.
    private final List<String> serverTags;
    private final int maxSubTokens;
    private final int maxTracedMsgLen;
    private final boolean noSublistCache;
    private final int connectErrorReports;
    private final int reconnectErrorReports;
    private final boolean traceVerbose;
    private final long logSizeLimit;
    private final boolean syslog;
    private final String remoteSyslog;
    private final int httpsPort;
    private final String httpBasePath;
    private final int profPort;
    private final String noAuthUser;
    private final boolean alwaysEnableNonce;
    private final List<io.jnatsd.auth.User> users;
    private final JetStreamSettings jetstreamSettings;
    private final ClusterSettings cluster;
    private final List<io.jnatsd.subject.transform.SubjectMapping> mappings;
    private final io.jnatsd.websocket.WebSocketSettings websocket;
    private final io.jnatsd.tls.TlsSettings tls;
    private final boolean allowNonTls;
    private final Map<String, ConfigBlock> configBlocks;
    private final List<io.jnatsd.account.AccountConfig> accounts;
    private final String systemAccount;
    private final io.jnatsd.auth.callout.AuthCalloutSettings authCallout;
    private final List<io.jnatsd.auth.jwt.OperatorClaims> trustedOperators;
    private final List<String> trustedKeys;
    private final ResolverSettings resolver;

    private ServerOptions(Builder b) {
        host = b.host;
        port = b.port;
        serverName = b.serverName;
        clientAdvertise = b.clientAdvertise;
        maxPayload = b.maxPayload;
        maxPending = b.maxPending;
        maxControlLine = b.maxControlLine;
        maxConnections = b.maxConnections;
        maxSubscriptions = b.maxSubscriptions;
        pingInterval = b.pingInterval;
        pingMax = b.pingMax;
        writeDeadline = b.writeDeadline;
        authTimeout = b.authTimeout;
        noHeaderSupport = b.noHeaderSupport;
        httpHost = b.httpHost;
        httpPort = b.httpPort;
        pidFile = b.pidFile;
        portsFileDir = b.portsFileDir;
        logFile = b.logFile;
        debug = b.debug;
        trace = b.trace;
        logtime = b.logtime;
        user = b.user;
        password = b.password;
        authToken = b.authToken;
        jetstream = b.jetstream;
        storeDir = b.storeDir;
        configFile = b.configFile;
        lameDuckDuration = b.lameDuckDuration;
        lameDuckGracePeriod = b.lameDuckGracePeriod;
        ioThreads = b.ioThreads;
        maxClosedClients = b.maxClosedClients;
        serverTags = List.copyOf(b.serverTags);
        maxSubTokens = b.maxSubTokens;
        maxTracedMsgLen = b.maxTracedMsgLen;
        noSublistCache = b.noSublistCache;
        connectErrorReports = b.connectErrorReports;
        reconnectErrorReports = b.reconnectErrorReports;
        traceVerbose = b.traceVerbose;
        logSizeLimit = b.logSizeLimit;
        syslog = b.syslog;
        remoteSyslog = b.remoteSyslog;
        httpsPort = b.httpsPort;
        httpBasePath = b.httpBasePath;
        profPort = b.profPort;
        noAuthUser = b.noAuthUser;
        alwaysEnableNonce = b.alwaysEnableNonce;
        users = List.copyOf(b.users);
        jetstreamSettings = b.jetstreamSettings;
        cluster = b.cluster;
        mappings = List.copyOf(b.mappings);
        websocket = b.websocket;
        tls = b.tls;
        allowNonTls = b.allowNonTls;
        configBlocks = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.configBlocks));
        accounts = List.copyOf(b.accounts);
        systemAccount = b.noSystemAccount ? null : b.systemAccount;
        authCallout = b.authCallout;
        trustedOperators = List.copyOf(b.trustedOperators);
        trustedKeys = List.copyOf(b.trustedKeys);
        resolver = b.resolver;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Defaults, except port 0: the OS picks a free port (the embedding default). */
    public static ServerOptions ephemeral() {
        return builder().port(0).build();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.host = host;
        b.port = port;
        b.serverName = serverName;
        b.clientAdvertise = clientAdvertise;
        b.maxPayload = maxPayload;
        b.maxPending = maxPending;
        b.maxControlLine = maxControlLine;
        b.maxConnections = maxConnections;
        b.maxSubscriptions = maxSubscriptions;
        b.pingInterval = pingInterval;
        b.pingMax = pingMax;
        b.writeDeadline = writeDeadline;
        b.authTimeout = authTimeout;
        b.noHeaderSupport = noHeaderSupport;
        b.httpHost = httpHost;
        b.httpPort = httpPort;
        b.pidFile = pidFile;
        b.portsFileDir = portsFileDir;
        b.logFile = logFile;
        b.debug = debug;
        b.trace = trace;
        b.logtime = logtime;
        b.user = user;
        b.password = password;
        b.authToken = authToken;
        b.jetstream = jetstream;
        b.storeDir = storeDir;
        b.configFile = configFile;
        b.lameDuckDuration = lameDuckDuration;
        b.lameDuckGracePeriod = lameDuckGracePeriod;
        b.ioThreads = ioThreads;
        b.maxClosedClients = maxClosedClients;
        b.serverTags = serverTags;
        b.maxSubTokens = maxSubTokens;
        b.maxTracedMsgLen = maxTracedMsgLen;
        b.noSublistCache = noSublistCache;
        b.connectErrorReports = connectErrorReports;
        b.reconnectErrorReports = reconnectErrorReports;
        b.traceVerbose = traceVerbose;
        b.logSizeLimit = logSizeLimit;
        b.syslog = syslog;
        b.remoteSyslog = remoteSyslog;
        b.httpsPort = httpsPort;
        b.httpBasePath = httpBasePath;
        b.profPort = profPort;
        b.noAuthUser = noAuthUser;
        b.alwaysEnableNonce = alwaysEnableNonce;
        b.users = users;
        b.jetstreamSettings = jetstreamSettings;
        b.cluster = cluster;
        b.mappings = mappings;
        b.websocket = websocket;
        b.tls = tls;
        b.allowNonTls = allowNonTls;
        b.configBlocks = new LinkedHashMap<>(configBlocks);
        b.accounts = accounts;
        b.systemAccount = systemAccount == null ? io.jnatsd.account.Account.SYSTEM : systemAccount;
        b.noSystemAccount = systemAccount == null;
        b.authCallout = authCallout;
        b.trustedOperators = trustedOperators;
        b.trustedKeys = trustedKeys;
        b.resolver = resolver;
        b.resolverPreload = resolver == null ? Map.of() : resolver.preload();
        return b;
    }

    public String host() { return host; }
    public int port() { return port; }
    /** Null means: use the server id, as nats-server does. */
    public String serverName() { return serverName; }
    public String clientAdvertise() { return clientAdvertise; }
    public int maxPayload() { return maxPayload; }
    public long maxPending() { return maxPending; }
    public int maxControlLine() { return maxControlLine; }
    public int maxConnections() { return maxConnections; }
    /** 0 = unlimited. */
    public int maxSubscriptions() { return maxSubscriptions; }
    public Duration pingInterval() { return pingInterval; }
    public int pingMax() { return pingMax; }
    public Duration writeDeadline() { return writeDeadline; }
    public Duration authTimeout() { return authTimeout; }
    public boolean noHeaderSupport() { return noHeaderSupport; }
    public String httpHost() { return httpHost; }
    /** 0 = monitoring off, -1 = a random port. */
    public int httpPort() { return httpPort; }
    public String pidFile() { return pidFile; }
    public String portsFileDir() { return portsFileDir; }
    public String logFile() { return logFile; }
    public boolean debug() { return debug; }
    public boolean trace() { return trace; }
    public boolean logtime() { return logtime; }
    public String user() { return user; }
    public String password() { return password; }
    public String authToken() { return authToken; }
    public boolean jetstream() { return jetstream; }
    public String storeDir() { return storeDir; }
    public String configFile() { return configFile; }
    public Duration lameDuckDuration() { return lameDuckDuration; }
    public Duration lameDuckGracePeriod() { return lameDuckGracePeriod; }
    /** Netty I/O event loops; 0 = one per available processor. */
    public int ioThreads() { return ioThreads; }
    /** Closed connections remembered for monitoring; 0 = none. */
    public int maxClosedClients() { return maxClosedClients; }
    /** server_tags, in order. */
    public List<String> serverTags() { return serverTags; }
    /** Most tokens a subject may have; 0 = no limit. */
    public int maxSubTokens() { return maxSubTokens; }
    /** Traced payloads are cut to this length; 0 = whole. */
    public int maxTracedMsgLen() { return maxTracedMsgLen; }
    public boolean noSublistCache() { return noSublistCache; }
    public int connectErrorReports() { return connectErrorReports; }
    public int reconnectErrorReports() { return reconnectErrorReports; }
    /** Verbose trace (system account too); implies {@link #trace()} when set from a config file. */
    public boolean traceVerbose() { return traceVerbose; }
    /** Rotate the log file at this many bytes; 0 = never. */
    public long logSizeLimit() { return logSizeLimit; }
    public boolean syslog() { return syslog; }
    public String remoteSyslog() { return remoteSyslog; }
    /** 0 = no HTTPS monitoring, -1 = a random port. */
    public int httpsPort() { return httpsPort; }
    public String httpBasePath() { return httpBasePath; }
    /** pprof-style profiling port; 0 = off. */
    public int profPort() { return profPort; }
    /** User that connections without credentials authenticate as; null = none. */
    public String noAuthUser() { return noAuthUser; }
    /** always_enable_nonce: INFO carries a nonce even when no login needs one (clients may sign it). */
    public boolean alwaysEnableNonce() { return alwaysEnableNonce; }
    /** authorization { users }: default_permissions already applied to users without their own; empty = none. */
    public List<io.jnatsd.auth.User> users() { return users; }
    public JetStreamSettings jetstreamSettings() { return jetstreamSettings; }
    /** Null when no cluster block was given. */
    public ClusterSettings cluster() { return cluster; }
    /** Top-level {@code mappings} (the global account's), in file order; empty = none. */
    public List<io.jnatsd.subject.transform.SubjectMapping> mappings() { return mappings; }
    /** The websocket block; null when none was given. A listener runs when its port is not 0. */
    public io.jnatsd.websocket.WebSocketSettings websocket() { return websocket; }
    /** Client TLS (the top-level tls block, or --tls flags); null = plain TCP. Also used by the HTTPS monitor. */
    public io.jnatsd.tls.TlsSettings tls() { return tls; }
    /** allow_non_tls: with TLS configured, clients may still connect without it (INFO says tls_available). */
    public boolean allowNonTls() { return allowNonTls; }
    /** Config-file sections kept for later features, by canonical name (e.g. "accounts", "tls"), in file order. */
    public Map<String, ConfigBlock> configBlocks() { return configBlocks; }
    /** The {@code accounts {}} block, in file order; empty = only the global and system accounts. */
    public List<io.jnatsd.account.AccountConfig> accounts() { return accounts; }
    /** The system account's name ($SYS unless system_account names another); null with no_system_account. */
    public String systemAccount() { return systemAccount; }
    /** {@code authorization { auth_callout {} }}; null when CONNECTs are not delegated. */
    public io.jnatsd.auth.callout.AuthCalloutSettings authCallout() { return authCallout; }
    /** {@code operator}: the trusted operators' decoded JWTs; empty = not in operator mode (unless trusted keys). */
    public List<io.jnatsd.auth.jwt.OperatorClaims> trustedOperators() { return trustedOperators; }
    /** {@code trusted}: operator public keys trusted without their JWTs. */
    public List<String> trustedKeys() { return trustedKeys; }
    /** The account resolver (with resolver_preload); null when none is configured. */
    public ResolverSettings resolver() { return resolver; }
    /** Operator mode (decentralized JWT auth): trusted operators or trusted keys are configured. */
    public boolean operatorMode() { return !trustedOperators.isEmpty() || !trustedKeys.isEmpty(); }

    /** The users of the authorization block and of every account, each naming its account (null = global). */
    public List<io.jnatsd.auth.User> allUsers() {
        if (accounts.isEmpty()) {
            return users;
        }
        List<io.jnatsd.auth.User> all = new java.util.ArrayList<>(users);
        for (io.jnatsd.account.AccountConfig a : accounts) {
            all.addAll(a.users());
        }
        return all;
    }

    /** Fills and validates a {@link ServerOptions}. Setters take raw values; {@link #build()} checks them all once. */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private String serverName;
        private String clientAdvertise;
        private int maxPayload = DEFAULT_MAX_PAYLOAD;
        private long maxPending = DEFAULT_MAX_PENDING;
        private int maxControlLine = DEFAULT_MAX_CONTROL_LINE;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private int maxSubscriptions;
        private Duration pingInterval = DEFAULT_PING_INTERVAL;
        private int pingMax = DEFAULT_PING_MAX;
        private Duration writeDeadline = DEFAULT_WRITE_DEADLINE;
        /** Null until set: the default depends on TLS (see build). */
        private Duration authTimeout;
        private boolean noHeaderSupport;
        private String httpHost;
        private int httpPort;
        private String pidFile;
        private String portsFileDir;
        private String logFile;
        private boolean debug;
        private boolean trace;
        private boolean logtime = true;
        private String user;
        private String password;
        private String authToken;
        private boolean jetstream;
        private String storeDir;
        private String configFile;
        private Duration lameDuckDuration = DEFAULT_LAME_DUCK_DURATION;
        private Duration lameDuckGracePeriod = DEFAULT_LAME_DUCK_GRACE_PERIOD;
        private int ioThreads;
        private int maxClosedClients = DEFAULT_MAX_CLOSED_CLIENTS;
        private List<String> serverTags = List.of();
        private int maxSubTokens;
        private int maxTracedMsgLen;
        private boolean noSublistCache;
        private int connectErrorReports = DEFAULT_CONNECT_ERROR_REPORTS;
        private int reconnectErrorReports = DEFAULT_RECONNECT_ERROR_REPORTS;
        private boolean traceVerbose;
        private long logSizeLimit;
        private boolean syslog;
        private String remoteSyslog;
        private int httpsPort;
        private String httpBasePath;
        private int profPort;
        private String noAuthUser;
        private boolean alwaysEnableNonce;
        private List<io.jnatsd.auth.User> users = List.of();
        private JetStreamSettings jetstreamSettings = JetStreamSettings.DEFAULT;
        private ClusterSettings cluster;
        private List<io.jnatsd.subject.transform.SubjectMapping> mappings = List.of();
        private io.jnatsd.websocket.WebSocketSettings websocket;
        private io.jnatsd.tls.TlsSettings tls;
        private boolean allowNonTls;
        private Map<String, ConfigBlock> configBlocks = new LinkedHashMap<>();
        private List<io.jnatsd.account.AccountConfig> accounts = List.of();
        private String systemAccount = io.jnatsd.account.Account.SYSTEM;
        private boolean noSystemAccount;
        private io.jnatsd.auth.callout.AuthCalloutSettings authCallout;
        private boolean systemAccountSet;
        private List<io.jnatsd.auth.jwt.OperatorClaims> trustedOperators = List.of();
        private List<String> trustedKeys = List.of();
        private ResolverSettings resolver;
        private Map<String, String> resolverPreload = Map.of();

        private Builder() {
        }

        public Builder host(String v) { host = v; return this; }
        public Builder port(int v) { port = v; return this; }
        public Builder serverName(String v) { serverName = v; return this; }
        public Builder clientAdvertise(String v) { clientAdvertise = v; return this; }
        public Builder maxPayload(int v) { maxPayload = v; return this; }
        public Builder maxPending(long v) { maxPending = v; return this; }
        public Builder maxControlLine(int v) { maxControlLine = v; return this; }
        public Builder maxConnections(int v) { maxConnections = v; return this; }
        public Builder maxSubscriptions(int v) { maxSubscriptions = v; return this; }
        public Builder pingInterval(Duration v) { pingInterval = v; return this; }
        public Builder pingMax(int v) { pingMax = v; return this; }
        public Builder writeDeadline(Duration v) { writeDeadline = v; return this; }
        public Builder authTimeout(Duration v) { authTimeout = v; return this; }
        public Builder noHeaderSupport(boolean v) { noHeaderSupport = v; return this; }
        public Builder httpHost(String v) { httpHost = v; return this; }
        public Builder httpPort(int v) { httpPort = v; return this; }
        public Builder pidFile(String v) { pidFile = v; return this; }
        public Builder portsFileDir(String v) { portsFileDir = v; return this; }
        public Builder logFile(String v) { logFile = v; return this; }
        public Builder debug(boolean v) { debug = v; return this; }
        public Builder trace(boolean v) { trace = v; return this; }
        public Builder logtime(boolean v) { logtime = v; return this; }
        public Builder user(String v) { user = v; return this; }
        public Builder password(String v) { password = v; return this; }
        public Builder authToken(String v) { authToken = v; return this; }
        public Builder jetstream(boolean v) { jetstream = v; return this; }
        public Builder storeDir(String v) { storeDir = v; return this; }
        public Builder configFile(String v) { configFile = v; return this; }
        public Builder lameDuckDuration(Duration v) { lameDuckDuration = v; return this; }
        public Builder lameDuckGracePeriod(Duration v) { lameDuckGracePeriod = v; return this; }
        public Builder ioThreads(int v) { ioThreads = v; return this; }
        public Builder maxClosedClients(int v) { maxClosedClients = v; return this; }
        public Builder serverTags(List<String> v) { serverTags = v; return this; }
        public Builder maxSubTokens(int v) { maxSubTokens = v; return this; }
        public Builder maxTracedMsgLen(int v) { maxTracedMsgLen = v; return this; }
        public Builder noSublistCache(boolean v) { noSublistCache = v; return this; }
        public Builder connectErrorReports(int v) { connectErrorReports = v; return this; }
        public Builder reconnectErrorReports(int v) { reconnectErrorReports = v; return this; }
        public Builder traceVerbose(boolean v) { traceVerbose = v; return this; }
        public Builder logSizeLimit(long v) { logSizeLimit = v; return this; }
        public Builder syslog(boolean v) { syslog = v; return this; }
        public Builder remoteSyslog(String v) { remoteSyslog = v; return this; }
        public Builder httpsPort(int v) { httpsPort = v; return this; }
        public Builder httpBasePath(String v) { httpBasePath = v; return this; }
        public Builder profPort(int v) { profPort = v; return this; }
        public Builder noAuthUser(String v) { noAuthUser = v; return this; }
        public Builder alwaysEnableNonce(boolean v) { alwaysEnableNonce = v; return this; }
        public Builder users(List<io.jnatsd.auth.User> v) { users = List.copyOf(v); return this; }
        public Builder jetstreamSettings(JetStreamSettings v) { jetstreamSettings = v; return this; }
        public Builder cluster(ClusterSettings v) { cluster = v; return this; }
        /** The cluster settings so far (a config file's), for the flags that amend them. */
        public ClusterSettings clusterSoFar() { return cluster; }
        public Builder mappings(List<io.jnatsd.subject.transform.SubjectMapping> v) { mappings = List.copyOf(v); return this; }
        public Builder websocket(io.jnatsd.websocket.WebSocketSettings v) { websocket = v; return this; }
        public Builder tls(io.jnatsd.tls.TlsSettings v) { tls = v; return this; }
        public Builder allowNonTls(boolean v) { allowNonTls = v; return this; }
        /** Adds (or replaces) a kept config-file section under its canonical name. */
        public Builder configBlock(ConfigBlock v) { configBlocks.put(v.name(), v); return this; }
        public Builder accounts(List<io.jnatsd.account.AccountConfig> v) { accounts = List.copyOf(v); return this; }
        public Builder systemAccount(String v) { systemAccount = v; systemAccountSet = true; return this; }
        public Builder trustedOperators(List<io.jnatsd.auth.jwt.OperatorClaims> v) { trustedOperators = List.copyOf(v); return this; }
        public Builder trustedKeys(List<String> v) { trustedKeys = List.copyOf(v); return this; }
        public Builder resolver(ResolverSettings v) { resolver = v; return this; }
        /** resolver_preload: account public key to JWT; merged into the resolver at build. */
        public Builder resolverPreload(Map<String, String> v) { resolverPreload = Map.copyOf(v); return this; }
        public Builder noSystemAccount(boolean v) { noSystemAccount = v; return this; }
        public Builder authCallout(io.jnatsd.auth.callout.AuthCalloutSettings v) { authCallout = v; return this; }

        /** Validates every option once; the first problem found is thrown as a {@link ConfigException}. */
        public ServerOptions build() {
            Objects.requireNonNull(host, "host");
            checkOperatorMode();
            checkAccounts();
            if (noAuthUser != null && users.stream().noneMatch(u -> noAuthUser.equals(u.name()))
                    && accounts.stream().flatMap(a -> a.users().stream()).noneMatch(u -> noAuthUser.equals(u.name()))) {
                throw new ConfigException("no_auth_user", "no_auth_user: \"" + noAuthUser
                        + "\" not present as user in authorization block or account configuration");
            }
            if (port < -1 || port > 65535) {
                throw new ConfigException("port", "port: " + port + " is not a valid port (0-65535, -1 for random)");
            }
            if (port == -1) {
                port = 0; // nats-server: -1 means a random port
            }
            if (httpPort < -1 || httpPort > 65535) {
                throw new ConfigException("http_port", "http_port: " + httpPort + " is not a valid port");
            }
            if (maxPayload <= 0) {
                throw new ConfigException("max_payload", "max_payload: must be positive, got " + maxPayload);
            }
            if (maxPending <= 0) {
                throw new ConfigException("max_pending", "max_pending: must be positive, got " + maxPending);
            }
            if (maxPayload > maxPending) {
                // nats-server refuses to start in this case, with this wording.
                throw new ConfigException("max_payload",
                        "max_payload (" + maxPayload + ") cannot be higher than max_pending ("
                        + maxPending + ")");
            }
            if (maxControlLine <= 0) {
                throw new ConfigException("max_control_line",
                        "max_control_line: must be positive, got " + maxControlLine);
            }
            if (maxConnections <= 0) {
                throw new ConfigException("max_connections",
                        "max_connections: must be positive, got " + maxConnections);
            }
            if (maxSubscriptions < 0) {
                throw new ConfigException("max_subscriptions",
                        "max_subscriptions: must not be negative, got " + maxSubscriptions);
            }
            requirePositive("ping_interval", pingInterval);
            if (pingMax <= 0) {
                throw new ConfigException("ping_max", "ping_max: must be positive, got " + pingMax);
            }
            requirePositive("write_deadline", writeDeadline);
            if (authTimeout == null) {
                // nats-server: with TLS the handshake comes out of the auth time, so the default is the TLS timeout
                // plus one second
                authTimeout = tls != null ? tls.timeout().plusSeconds(1) : DEFAULT_AUTH_TIMEOUT;
            }
            requirePositive("auth_timeout", authTimeout);
            requirePositive("lame_duck_duration", lameDuckDuration);
            requirePositive("lame_duck_grace_period", lameDuckGracePeriod);
            if (maxClosedClients < 0) {
                throw new ConfigException("max_closed_clients",
                        "max_closed_clients: must not be negative, got " + maxClosedClients);
            }
            if (ioThreads < 0) {
                throw new ConfigException("io_threads", "io_threads: must not be negative, got " + ioThreads);
            }
            if (password != null && user == null) {
                throw new ConfigException("pass", "pass: a password needs a user");
            }
            validateConfigFileOptions();
            return new ServerOptions(this);
        }

        private void validateConfigFileOptions() {
            requirePort("https_port", httpsPort);
            requirePort("prof_port", profPort);
            if (maxSubTokens < 0 || maxSubTokens > MAX_SUB_TOKENS_LIMIT) {
                throw new ConfigException("max_sub_tokens", "max_sub_tokens: must be 0 (no limit) to "
                        + MAX_SUB_TOKENS_LIMIT + ", got " + maxSubTokens);
            }
            requireNotNegative("max_traced_msg_len", maxTracedMsgLen);
            requireNotNegative("connect_error_reports", connectErrorReports);
            requireNotNegative("reconnect_error_reports", reconnectErrorReports);
            requireNotNegative("logfile_size_limit", logSizeLimit);
            Objects.requireNonNull(serverTags, "serverTags");
            for (String tag : serverTags) { // List.of(...).contains(null) would throw
                if (tag == null) {
                    throw new ConfigException("server_tags", "server_tags: a tag must not be null");
                }
            }
            Objects.requireNonNull(jetstreamSettings, "jetstreamSettings");
            if (cluster != null) {
                requirePort("cluster.port", cluster.port());
            }
            List<io.jnatsd.auth.User> everyUser = new java.util.ArrayList<>(users);
            accounts.forEach(a -> everyUser.addAll(a.users()));
            io.jnatsd.websocket.WebSocketValidation.check(websocket, everyUser);
        }

        /**
         * nats-server's checks of operator mode (validateTrustedOperators), in its words; the system account
         * defaults to the operator's. Accounts then come from the resolver, not from the configuration.
         */
        private void checkOperatorMode() {
            if (resolver != null) {
                resolver = resolver.withPreload(resolverPreload);
            }
            if (trustedOperators.isEmpty() && trustedKeys.isEmpty()) {
                return;
            }
            if (resolver == null) {
                throw new ConfigException("resolver", "operators require an account resolver to be configured");
            }
            if (!accounts.isEmpty()) {
                throw new ConfigException("accounts", "operators do not allow Accounts to be configured directly");
            }
            if (!users.isEmpty()) {
                throw new ConfigException("authorization",
                        "operators do not allow users to be configured directly");
            }
            if (!trustedOperators.isEmpty() && !trustedKeys.isEmpty()) {
                throw new ConfigException("trusted", "conflicting options for 'TrustedKeys' and 'TrustedOperators'");
            }
            for (String k : trustedKeys) {
                if (io.jnatsd.auth.nkey.NKeys.typeOf(k) != io.jnatsd.auth.nkey.NKeyType.OPERATOR) {
                    throw new ConfigException("trusted", "trust key \"" + k
                            + "\" required to be a valid public operator nkey");
                }
            }
            for (io.jnatsd.auth.jwt.OperatorClaims op : trustedOperators) {
                if (op.systemAccount().isEmpty() || noSystemAccount) {
                    continue;
                }
                if (!systemAccountSet) {
                    systemAccount = op.systemAccount();
                } else if (!systemAccount.equals(op.systemAccount())) {
                    throw new ConfigException("system_account",
                            "system_account in config and operator JWT must be identical");
                }
            }
            if (!noSystemAccount && !systemAccount.equals(io.jnatsd.account.Account.SYSTEM)
                    && io.jnatsd.auth.nkey.NKeys.typeOf(systemAccount) != io.jnatsd.auth.nkey.NKeyType.ACCOUNT) {
                throw new ConfigException("system_account", "system_account: \"" + systemAccount
                        + "\" is not a valid public account key");
            }
        }

        /** nats-server's checks that need the whole model: the system account exists, user names are unique. */
        private void checkAccounts() {
            if (!noSystemAccount && trustedOperators.isEmpty() && trustedKeys.isEmpty() && !systemAccount.equals(io.jnatsd.account.Account.SYSTEM)
                    && accounts.stream().noneMatch(a -> a.name().equals(systemAccount))) {
                throw new ConfigException("system_account", "error resolving system account: account missing");
            }
            java.util.Set<String> names = new java.util.HashSet<>();
            for (io.jnatsd.auth.User u : users) {
                names.add(u.name() != null ? u.name() : u.nkey());
            }
            for (io.jnatsd.account.AccountConfig a : accounts) {
                for (io.jnatsd.auth.User u : a.users()) {
                    String id = u.name() != null ? u.name() : u.nkey();
                    if (!names.add(id)) {
                        throw new ConfigException("accounts", "Duplicate user \"" + id + "\" detected");
                    }
                }
            }
        }

        private static void requirePort(String key, int port) {
            if (port < -1 || port > 65535) {
                throw new ConfigException(key, key + ": " + port + " is not a valid port (0-65535, -1 for random)");
            }
        }

        private static void requireNotNegative(String key, long value) {
            if (value < 0) {
                throw new ConfigException(key, key + ": must not be negative, got " + value);
            }
        }

        private static void requirePositive(String key, Duration d) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new ConfigException(key, key + ": must be a positive duration, got " + d);
            }
        }
    }
}
