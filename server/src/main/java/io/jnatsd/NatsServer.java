package io.jnatsd;

import io.jnatsd.account.Account;
import io.jnatsd.account.Accounts;
import io.jnatsd.auth.Authenticator;
import io.jnatsd.auth.SingleUserAuthenticator;
import io.jnatsd.auth.UserAuthenticator;
import io.jnatsd.auth.callout.CalloutAuthenticator;
import io.jnatsd.auth.callout.CalloutRequests;
import io.jnatsd.auth.callout.CalloutServer;
import io.jnatsd.auth.callout.OperatorCalloutAuthenticator;
import io.jnatsd.auth.xkey.CurveKeyPair;
import io.jnatsd.client.ClientConnection;
import io.jnatsd.client.ClientContext;
import io.jnatsd.client.ClientRegistry;
import io.jnatsd.client.ImportRoutes;
import io.jnatsd.cluster.Cluster;
import io.jnatsd.config.ConfigException;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.config.load.ReloadDiff;
import io.jnatsd.monitor.MonitorHttpServer;
import io.jnatsd.monitor.Monitoring;
import io.jnatsd.monitor.ServerView;
import io.jnatsd.jetstream.JetStream;
import io.jnatsd.monitor.SystemServices;
import io.jnatsd.operator.AccountResolver;
import io.jnatsd.operator.JwtAuthenticator;
import io.jnatsd.operator.OperatorAccounts;
import io.jnatsd.operator.TrustedOperators;
import io.jnatsd.protocol.ServerInfo;
import io.jnatsd.protocol.ServerVersion;
import io.jnatsd.server.LameDuck;
import io.jnatsd.server.ServerKeyPair;
import io.jnatsd.server.Transport;
import io.jnatsd.subject.transform.SubjectMappings;
import io.jnatsd.websocket.WebSocketAuth;
import io.jnatsd.websocket.WebSocketListener;
import io.jnatsd.websocket.WebSocketSettings;
import io.jnatsd.tls.ServerTls;
import io.jnatsd.tls.TlsConfigException;
import io.jnatsd.tls.TlsContexts;
import io.jnatsd.tls.TlsSettings;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.MultithreadEventExecutorGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A running NATS server. {@code NatsServer.start()} binds a free port and returns; {@link #clientUrl()} is what a
 * client connects to; {@link #close()} stops it. Several servers can run in one JVM: each has its own threads and
 * state.
 */
public final class NatsServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NatsServer.class);

    // Replaced whole by reload(); readers take one consistent snapshot.
    private volatile ServerOptions options;
    private final String serverId;
    /** The server's own key: its public half is the server id, its private half signs auth callout requests. */
    private final ServerKeyPair serverKeys;
    /** Null unless the authorization block has an auth_callout or in operator mode (accounts may delegate). */
    private final CalloutRequests callout;
    private final String serverName;
    private final Transport transport;
    private final EventLoopGroup acceptor;
    private final EventLoopGroup io;
    private final ClientContext clients;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final long startEpochNanos;
    private final Monitoring monitoring;
    private final ServerView view;
    /** Websocket clients: their own INFO and authentication, the same registry and account; null without. */
    private ClientContext wsClients;
    private volatile WebSocketListener webSocket;
    private volatile MonitorHttpServer monitor;
    private SystemServices system;
    private JetStream jetStream;
    /** Client TLS; null = plain. Read by each new connection, replaced by a reload that changes the tls block. */
    private volatile ServerTls tls;
    /** Operator mode's accounts (resolved from JWTs); null otherwise. */
    private final OperatorAccounts operatorAccounts;
    private Channel listener;
    private int port;
    private volatile boolean running;
    private LameDuck lameDuck;
    /** Routes to the other servers of the cluster; null without a cluster port. */
    private volatile Cluster cluster;
    /** The client URLs of this server and its peers, for the clients' INFO; empty without a cluster. */
    private volatile List<String> connectUrls = List.of();
    private volatile List<String> wsConnectUrls = List.of();
    private final Object connectUrlsLock = new Object();

    private NatsServer(ServerOptions options) {
        this.options = options;
        this.serverKeys = ServerKeyPair.generate();
        this.serverId = serverKeys.publicKey();
        this.serverName = options.serverName() != null ? options.serverName() : serverId;
        this.transport = Transport.best();
        this.acceptor = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("jnatsd-accept"),
                transport.ioHandlerFactory());
        // One I/O loop per core (Netty's default is two): more loops only add cross-loop wake-ups on fan-out.
        int loops = options.ioThreads() > 0 ? options.ioThreads() : Runtime.getRuntime().availableProcessors();
        this.io = new MultiThreadIoEventLoopGroup(loops, new DefaultThreadFactory("jnatsd-io"),
                transport.ioHandlerFactory());
        Accounts<ClientConnection> accounts = new Accounts<>(options.accounts(), options.systemAccount());
        accounts.global().mappings(SubjectMappings.of(options.mappings()));
        ImportRoutes.install(accounts, options.accounts());
        if (accounts.system() != null) {
            // Operator mode: accounts resolved later get the system account's services too.
            accounts.onAdded(a -> {
                if (a != accounts.system() && !a.name().equals(options.systemAccount())) {
                    new ImportRoutes().addSystemImports(a, accounts.system());
                }
            });
        }
        boolean sealing = options.operatorMode()
                || (options.authCallout() != null && options.authCallout().xkey() != null);
        this.callout = options.authCallout() == null && !options.operatorMode() ? null : new CalloutRequests(
                new CalloutServer(serverName, options.host(), ServerVersion.VERSION, options.serverTags(), serverKeys,
                        sealing ? CurveKeyPair.generate() : null),
                accounts,
                () -> this.options.authTimeout());
        if (options.authCallout() != null && !options.operatorMode()) {
            CalloutAuthenticator.checkConfiguration(options.authCallout(), callout, options.allUsers());
        }
        this.clients = new ClientContext(options, null, accounts, Authenticator.NONE);
        this.operatorAccounts = operatorAccountsFor(options, accounts, clients.registry());
        clients.authenticator(authenticatorFor(options));
        this.tls = tlsFor(options);
        java.time.Instant now = java.time.Instant.now();
        this.startEpochNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        // Always built, even without an HTTP port: it records closed connections from the start.
        this.view = new ServerView(serverId, serverName, clients, startEpochNanos,
                ((MultithreadEventExecutorGroup) io).executorCount(), () -> port);
        this.monitoring = new Monitoring(view);
    }

    /**
     * Operator mode: accounts come from the resolver; the system account is loaded now when it has a valid JWT for
     * it, else (full/cache resolver) it runs without claims until one can be loaded, as in nats-server.
     */
    private static OperatorAccounts operatorAccountsFor(ServerOptions o, Accounts<ClientConnection> accounts,
            ClientRegistry registry) {
        if (!o.operatorMode()) {
            return null;
        }
        AccountResolver resolver;
        try {
            resolver = AccountResolver.of(o.resolver());
        } catch (java.io.IOException e) {
            throw new ConfigException("resolver", "resolver: " + e.getMessage());
        }
        OperatorAccounts oa = new OperatorAccounts(accounts, resolver,
                new TrustedOperators(o.trustedOperators(), o.trustedKeys()), registry);
        if (o.systemAccount() != null && !o.systemAccount().equals(Account.SYSTEM)
                && oa.account(o.systemAccount()) == null) {
            if (!oa.bootstrapsSystemAccount()) {
                throw new ConfigException("system_account", "error resolving system account: account missing");
            }
            LOG.info("Using bootstrapping system account");
        }
        return oa;
    }

    private Authenticator authenticatorFor(ServerOptions options) {
        Authenticator configured = configuredAuthenticator(options);
        if (configured instanceof JwtAuthenticator jwt) {
            return new OperatorCalloutAuthenticator(jwt, operatorAccounts, callout);
        }
        return options.authCallout() == null ? configured
                : new CalloutAuthenticator(configured, callout, options.authCallout(), options.noAuthUser());
    }

    private Authenticator configuredAuthenticator(ServerOptions options) {
        if (operatorAccounts != null) {
            return new JwtAuthenticator(operatorAccounts); // operator settings are not reloadable
        }
        if (!options.allUsers().isEmpty()) {
            return new UserAuthenticator(options.allUsers(), options.noAuthUser());
        }
        if (options.authToken() != null) {
            return SingleUserAuthenticator.token(options.authToken());
        } else if (options.user() != null) {
            return SingleUserAuthenticator.userPassword(options.user(), options.password());
        }
        return Authenticator.NONE;
    }

    private static ServerTls tlsFor(ServerOptions options) {
        try {
            return options.tls() == null ? null : ServerTls.of(options.tls());
        } catch (TlsConfigException e) {
            throw new ConfigException("tls", e.getMessage());
        }
    }

    /** Starts a server with these options; returns once it accepts connections. */
    public static NatsServer start(ServerOptions options) {
        NatsServer s = new NatsServer(options);
        try {
            s.bind();
        } catch (RuntimeException e) {
            s.shutdownThreads();
            throw e;
        }
        return s;
    }

    /** Starts a server with default options on a free port. */
    public static NatsServer start() {
        return start(ServerOptions.ephemeral());
    }

    private void bind() {
        LOG.info("Starting nats-server");
        LOG.info("  Version:  {}", ServerVersion.VERSION);
        LOG.info("  Git:      [not set]");
        LOG.info("  Name:     {}", serverName);
        LOG.info("  ID:       {}", serverId);
        if (options.jetstream()) {
            jetStream = JetStream.start(options, clients.accounts(), serverName);
            view.jetStream(jetStream);
        }
        WebSocketListener.TlsHook wss = webSocketTls(options);
        startMonitor();
        ServerBootstrap b = new ServerBootstrap()
                .group(acceptor, io)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.RCVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator(512, 4096, 65536))
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 1024 * 1024))
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ServerTls t = tls;
                        if (t != null) {
                            t.installForClient(ch.pipeline(), clients.options().allowNonTls());
                        }
                        ch.pipeline().addLast("client", new ClientConnection(clients));
                    }
                });
        try {
            listener = b.bind(options.host(), options.port()).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding", e);
        } catch (Exception e) {
            throw new IllegalStateException("Error listening on port: " + options.host() + ":" + options.port()
                    + ", \"" + e.getMessage() + "\"", e);
        }
        port = ((InetSocketAddress) listener.localAddress()).getPort();
        clients.info(infoFor(options, clients.authenticator()));
        startCluster();
        system = SystemServices.start(monitoring);
        if (system != null && operatorAccounts != null) {
            system.serveClaims(operatorAccounts);
        }
        startWebSocket(wss); // after the client port is known: the INFO websocket clients get names it
        running = true;
        LOG.info("Listening for client connections on {}:{}", hostForLog(options.host()), port);
        if (tls != null) {
            LOG.info(options.allowNonTls() ? "TLS available for client connections"
                    : "TLS required for client connections");
            LOG.debug("TLS provider: {}", tls.providerName());
        }
        LOG.info("Server id is {}", serverId);
        LOG.info("Server is ready");
    }

    private ServerInfo infoFor(ServerOptions o, Authenticator auth) {
        return infoFor(o, auth, connectUrls);
    }

    /** The INFO of websocket clients: their connect_urls are the cluster's websocket URLs, as nats-server. */
    private ServerInfo wsInfoFor(ServerOptions o, Authenticator auth) {
        return infoFor(o, auth, wsConnectUrls);
    }

    private ServerInfo infoFor(ServerOptions o, Authenticator auth, List<String> urls) {
        boolean tlsOn = o.tls() != null;
        return new ServerInfo(serverId, serverName, o.host(), port, !o.noHeaderSupport(),
                auth.required(), o.maxPayload(), o.jetstream(), urls, false,
                tlsOn && !o.allowNonTls(), tlsOn && o.tls().verify(), tlsOn && o.allowNonTls());
    }

    /** Routes: the cluster port and the configured routes, when the options have a cluster port. */
    private void startCluster() {
        io.jnatsd.config.ClusterSettings c = options.cluster();
        if (c == null || c.port() == 0) {
            return;
        }
        Cluster cl = new Cluster(c, () -> options, serverId, serverName, clients.accounts(), transport, acceptor, io,
                List.of(clientHostPort()), this::connectUrlsChanged);
        clients.routes(cl.fanout());
        clients.accounts().onAdded(cl::follow); // operator mode: accounts resolved later are announced too
        cluster = cl;
        view.cluster(cl);
        cl.start();
    }

    /** This server's client address as peers and clients should use it ("host:port"). */
    private String clientHostPort() {
        String h = options.host();
        if (h.equals("0.0.0.0") || h.equals("::") || h.equals("[::]") || h.isEmpty()) {
            h = firstNonLoopbackAddress();
        } else if (h.contains(":")) {
            h = "[" + h + "]";
        }
        return h + ":" + port;
    }

    /** For a server listening on every interface: an address peers' clients can reach (loopback if none). */
    private static String firstNonLoopbackAddress() {
        try {
            for (java.net.NetworkInterface ni : java.util.Collections.list(
                    java.net.NetworkInterface.getNetworkInterfaces())) {
                if (!ni.isUp() || ni.isLoopback()) {
                    continue;
                }
                for (java.net.InetAddress a : java.util.Collections.list(ni.getInetAddresses())) {
                    if (a instanceof java.net.Inet4Address) {
                        return a.getHostAddress();
                    }
                }
            }
        } catch (java.net.SocketException e) {
            LOG.debug("cannot list network interfaces: {}", e.toString());
        }
        return "127.0.0.1";
    }

    /** The cluster changed: clients get the new connect_urls, protocol-1 clients at once as an async INFO. */
    private void connectUrlsChanged(List<String> urls) {
        // Not under this server's monitor: close() holds it while waiting for the loop that calls this.
        synchronized (connectUrlsLock) {
            publishConnectUrls(urls);
        }
    }

    private void publishConnectUrls(List<String> urls) {
        if (urls.equals(connectUrls)) {
            return;
        }
        connectUrls = List.copyOf(urls);
        ServerInfo info = infoFor(options, clients.authenticator());
        if (lameDuck != null) {
            info = info.withLameDuck();
        }
        clients.info(info);
        for (ClientConnection c : clients.registry().snapshot()) {
            if (!"websocket".equals(c.type())) {
                c.sendInfo(info);
            }
        }
    }

    /** The cluster, null without one. */
    public Cluster cluster() {
        return cluster;
    }

    /**
     * The wss hook: the TLS handler for the websocket listener when its block has tls {} (cert_file, key_file,
     * ca_file, verify), from the same TLS code as the client port. Null means plain ws://.
     */
    private static WebSocketListener.TlsHook webSocketTls(ServerOptions o) {
        WebSocketSettings ws = o.websocket();
        if (ws == null || !ws.enabled() || ws.tls() == null) {
            return null;
        }
        io.jnatsd.websocket.WebSocketTls t = ws.tls();
        TlsSettings settings = TlsSettings.of(t.certFile(), t.keyFile()).withCaFile(t.caFile()).withVerify(t.verify());
        io.netty.handler.ssl.SslContext context;
        try {
            context = TlsContexts.forServer(settings);
        } catch (TlsConfigException e) {
            throw new ConfigException("websocket", e.getMessage());
        }
        if (context == null) {
            throw new ConfigException("websocket", "websocket tls requires a cert_file and a key_file");
        }
        return ch -> context.newHandler(ch.alloc()); // wss: TLS first, then the HTTP upgrade
    }

    /** The websocket listener, when the websocket block has a port; logged in nats-server's words. */
    private void startWebSocket(WebSocketListener.TlsHook tls) {
        WebSocketSettings ws = options.websocket();
        if (ws == null || !ws.enabled()) {
            return;
        }
        Authenticator auth = WebSocketAuth.authenticatorFor(options, clients.authenticator());
        wsClients = clients.sibling("websocket", auth, wsInfoFor(options, auth));
        wsClients.authTimeout(ws.authTimeout());
        webSocket = WebSocketListener.start(ws, wsClients, acceptor, io, transport.serverChannel(), tls);
        view.webSocketPort(webSocket.port());
        LOG.info("Listening for websocket clients on {}://{}:{}", webSocket.scheme(), hostForLog(ws.host()),
                webSocket.port());
        if (tls == null) {
            LOG.warn("Websocket not configured with TLS. DO NOT USE IN PRODUCTION!");
        }
        if (cluster != null) {
            cluster.webSocket(List.of(webSocketHostPort(ws)), this::wsConnectUrlsChanged);
        }
    }

    /** This server's websocket address as peers' websocket clients should use it: advertise, else host:port. */
    private String webSocketHostPort(WebSocketSettings ws) {
        if (ws.advertise() != null && !ws.advertise().isEmpty()) {
            return ws.advertise();
        }
        String h = ws.host() == null ? "" : ws.host();
        if (h.equals("0.0.0.0") || h.equals("::") || h.equals("[::]") || h.isEmpty()) {
            h = firstNonLoopbackAddress();
        } else if (h.contains(":")) {
            h = "[" + h + "]";
        }
        return h + ":" + webSocket.port();
    }

    /** The cluster's websocket URLs changed: websocket clients get them in an async INFO (nats-server does too). */
    private void wsConnectUrlsChanged(List<String> urls) {
        synchronized (connectUrlsLock) {
            if (urls.equals(wsConnectUrls) || wsClients == null) {
                return;
            }
            wsConnectUrls = List.copyOf(urls);
            ServerInfo info = wsInfoFor(options, wsClients.authenticator());
            if (lameDuck != null) {
                info = info.withLameDuck();
            }
            wsClients.info(info);
            for (ClientConnection c : clients.registry().snapshot()) {
                if ("websocket".equals(c.type())) {
                    c.sendInfo(info);
                }
            }
        }
    }

    /**
     * Applies new options to the running server without dropping connections, as nats-server's config reload:
     * logs one {@code Reloaded: <opt>} line per change, then {@code Reloaded server configuration}. Clients whose
     * credentials the new authorization refuses are closed; protocol-1 clients get the new INFO. Throws
     * {@link ConfigException} (and changes nothing) when an option that needs a restart (host, port, ...) differs.
     * Logging options (debug, trace, log file) belong to whoever configured logging: the caller applies those.
     */
    public synchronized ReloadDiff reload(ServerOptions newOptions) {
        ReloadDiff diff = ReloadDiff.between(options, newOptions);
        if (diff.tlsChanged()) {
            tls = tlsFor(newOptions); // new connections only, as nats-server; throws (changing nothing) if unusable
        }
        options = newOptions;
        clients.options(newOptions);
        clients.accounts().global().mappings(SubjectMappings.of(newOptions.mappings()));
        if (diff.authChanged()) {
            clients.authenticator(authenticatorFor(newOptions));
        }
        if (diff.infoChanged()) {
            ServerInfo info = infoFor(newOptions, clients.authenticator());
            clients.info(lameDuck != null ? info.withLameDuck() : info);
        }
        if (wsClients != null) {
            wsClients.options(newOptions);
            Authenticator wsAuth = WebSocketAuth.authenticatorFor(newOptions, clients.authenticator());
            if (diff.authChanged()) {
                wsClients.authenticator(wsAuth);
            }
            if (diff.infoChanged()) {
                ServerInfo info = wsInfoFor(newOptions, wsAuth);
                wsClients.info(lameDuck != null ? info.withLameDuck() : info);
            }
        }
        for (String line : diff.changes()) {
            LOG.info(line);
        }
        if (diff.clusterChanged() && cluster != null) {
            cluster.reload(newOptions.cluster());
        }
        for (ClientConnection c : clients.registry().snapshot()) {
            c.reloaded(diff.authChanged(), diff.infoChanged());
        }
        LOG.info("Reloaded server configuration");
        return diff;
    }

    /**
     * Lame duck mode (nats-server's SIGUSR2): stop accepting clients, tell protocol-1 clients with an INFO
     * {@code "ldm":true} so they move elsewhere, wait lame_duck_grace_period, close the clients spread over the
     * rest of lame_duck_duration, then shut down. Returns at once; {@link #awaitTermination()} waits for the end.
     */
    public synchronized void enterLameDuckMode() {
        if (!running || lameDuck != null) {
            return;
        }
        LOG.info("Entering lame duck mode, stop accepting new clients");
        if (system != null) {
            system.lameDuck();
        }
        if (cluster != null) {
            cluster.lameDuck(); // peers drop our client URLs from what they advertise
        }
        if (listener != null) {
            listener.close().awaitUninterruptibly();
        }
        if (webSocket != null) {
            webSocket.close();
        }
        ServerInfo ldm = clients.info().withLameDuck();
        clients.info(ldm);
        ServerInfo wsLdm = wsClients == null ? null : wsClients.info().withLameDuck();
        if (wsClients != null) {
            wsClients.info(wsLdm);
        }
        List<ClientConnection> current = clients.registry().snapshot();
        for (ClientConnection c : current) {
            c.sendInfo("websocket".equals(c.type()) ? wsLdm : ldm);
        }
        lameDuck = new LameDuck(options.lameDuckDuration(), options.lameDuckGracePeriod(), terminated,
                () -> clients.registry().snapshot(), this::close);
        lameDuck.start(!current.isEmpty());
    }

    /** True once {@link #enterLameDuckMode()} was called. */
    public synchronized boolean isLameDuck() {
        return lameDuck != null;
    }

    /** nats-server starts its HTTP monitor before the client listener, and logs it in these words. */
    private void startMonitor() {
        if (options.httpPort() == 0 && options.httpsPort() == 0) {
            return;
        }
        if (options.httpPort() != 0 && options.httpsPort() != 0) {
            throw new IllegalStateException("Can't start monitoring: can't specify both HTTP (" + options.httpPort()
                    + ") and HTTPs (" + options.httpsPort() + ") ports");
        }
        boolean secure = options.httpsPort() != 0;
        if (secure && (tls == null || tls.context() == null)) {
            throw new IllegalStateException("Can't start monitoring: TLS cert and key required for HTTPS");
        }
        String host = options.httpHost();
        if (host == null || host.isEmpty()) {
            host = options.host(); // nats-server's default: the client host
        }
        int wanted = secure ? options.httpsPort() : options.httpPort();
        int p = wanted == -1 ? 0 : wanted;
        // As nats-server: the HTTPS monitor uses the tls block but never asks browsers for a client certificate.
        ServerTls monitorTls = secure ? ServerTls.of(options.tls().withVerifyAndMap(false).withVerify(false)) : null;
        monitor = MonitorHttpServer.start(monitoring, acceptor, io, transport.serverChannel(), host, p, monitorTls);
        LOG.info("Starting {} monitor on {}:{}", secure ? "https" : "http", hostForLog(host), monitor.port());
    }

    private static String hostForLog(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    public ServerOptions options() {
        return options;
    }

    /** The client port actually bound (the free port picked when the options said 0). */
    public int port() {
        return port;
    }

    /**
     * The bound monitoring port (HTTP, or HTTPS with https_port), the free port picked when the options said -1; 0
     * when monitoring is off.
     */
    public int monitoringPort() {
        MonitorHttpServer m = monitor;
        return m == null ? 0 : m.port();
    }

    /** The bound websocket port; 0 when no websocket listener runs. */
    public int webSocketPort() {
        WebSocketListener w = webSocket;
        return w == null ? 0 : w.port();
    }

    /** A websocket URL clients of this machine can connect to, e.g. {@code ws://127.0.0.1:8080}; null without. */
    public String webSocketUrl() {
        WebSocketListener w = webSocket;
        if (w == null) {
            return null;
        }
        return w.scheme() + "://" + localHost(options.websocket().host()) + ":" + w.port();
    }

    private static String localHost(String h) {
        if (h.equals("0.0.0.0") || h.equals("::") || h.equals("[::]") || h.isEmpty()) {
            return "127.0.0.1";
        }
        return h.contains(":") ? "[" + h + "]" : h;
    }

    /**
     * A URL clients of this machine can connect to, e.g. {@code nats://127.0.0.1:4222}; {@code tls://...} when TLS is
     * required.
     */
    public String clientUrl() {
        String h = options.host();
        if (h.equals("0.0.0.0") || h.equals("::") || h.equals("[::]") || h.isEmpty()) {
            h = "127.0.0.1";
        } else if (h.contains(":")) {
            h = "[" + h + "]";
        }
        return (options.tls() != null && !options.allowNonTls() ? "tls://" : "nats://") + h + ":" + port;
    }

    public String serverId() {
        return serverId;
    }

    public String serverName() {
        return serverName;
    }

    public boolean isRunning() {
        return running;
    }

    /** The number of client connections open right now. */
    public int connectionCount() {
        return clients.registry().size();
    }

    /** Slow consumers detected since start. */
    public long slowConsumerCount() {
        return clients.registry().slowConsumers();
    }

    /** Blocks until {@link #close()} has finished. */
    public void awaitTermination() throws InterruptedException {
        terminated.await();
    }

    /** Stops accepting, closes every client, stops the threads. Idempotent. */
    @Override
    public synchronized void close() {
        if (!running) {
            return;
        }
        running = false;
        LOG.info("Initiating Shutdown...");
        if (listener != null) {
            listener.close().awaitUninterruptibly();
        }
        if (system != null) {
            system.close(); // SHUTDOWN goes out while the clients are still connected
        }
        if (jetStream != null) {
            jetStream.close();
        }
        if (webSocket != null) {
            webSocket.close();
        }
        if (cluster != null) {
            cluster.close();
        }
        for (ClientConnection c : clients.registry().snapshot()) {
            c.close();
        }
        shutdownThreads();
        if (operatorAccounts != null) {
            operatorAccounts.close();
        }
        clients.credentialChecks().close();
        LOG.info("Server Exiting..");
        terminated.countDown();
    }

    private void shutdownThreads() {
        if (callout != null) {
            callout.close();
        }
        MonitorHttpServer m = monitor;
        if (m != null) {
            m.close();
        }
        acceptor.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        io.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        acceptor.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
        io.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
