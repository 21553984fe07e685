package io.jnatsd.cluster;

import io.jnatsd.account.Account;
import io.jnatsd.account.Accounts;
import io.jnatsd.client.ClientConnection;
import io.jnatsd.client.RouteFanout;
import io.jnatsd.auth.BcryptPasswords;
import io.jnatsd.config.ClusterSettings;
import io.jnatsd.config.RouteSecurity;
import io.jnatsd.config.ConfigException;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.protocol.ServerVersion;
import io.jnatsd.server.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * This server's part in a cluster: the route listener, the solicited routes, the registered routes (one per peer),
 * local interest announced to them and their interest, gossip of new peers (full mesh), and the peers' client URLs
 * for the clients' INFO. Built and started by {@code NatsServer} when the options have a cluster port.
 */
public final class Cluster implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Cluster.class);

    /** Replaced by a reload (routes, name, authorization, ...); host and port never change. */
    private volatile ClusterSettings settings;
    private final Supplier<ServerOptions> options;
    private final String serverId;
    private final String serverName;
    private final Accounts<ClientConnection> accounts;
    private final Transport transport;
    private final EventLoopGroup acceptor;
    private final EventLoopGroup io;
    private final RouteTable table = new RouteTable();
    /** Every open route connection, registered or still in its handshake, so a shutdown closes them all. */
    private final Set<RouteConnection> open = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final ClusterInterest interest = new ClusterInterest(table);
    private final RemoteInterest remote = new RemoteInterest();
    private final RouteForwarder forwarder = new RouteForwarder(remote, interest.shadows());
    private final List<RouteSolicitor> solicitors = new CopyOnWriteArrayList<>();
    private final AtomicLong routeIds = new AtomicLong();
    /** Told the client URLs (own first, then the peers') whenever they change; not called with no_advertise. */
    private final Consumer<List<String>> connectUrlsChanged;
    private final List<String> ownClientUrls;
    /** This server's websocket URLs and who is told the cluster's (own first) when they change; none without ws. */
    private volatile List<String> ownWebSocketUrls = List.of();
    private volatile Consumer<List<String>> webSocketUrlsChanged = urls -> { };
    /** Bumped when this server's route INFO changes after start, so a route that got the older one is sent it. */
    private volatile int ownInfoVersion;
    private volatile String name;
    private volatile boolean dynamicName;
    private Channel listener;
    private volatile int port;
    private volatile boolean closed;
    private volatile boolean lameDuck;
    /** Route authorization, permissions and TLS; replaced on reload. */
    private volatile RouteSecurity security;
    private final BcryptPasswords passwords = new BcryptPasswords();
    private volatile RouteTls tls;
    /** Route pooling as configured at start ({@code pool_size}, {@code accounts}); a reload does not change it. */
    private final int poolSize;
    private final List<String> dedicatedAccounts;
    /** Each account's pool index per pool size, computed once per account (not per message). */
    private final java.util.concurrent.ConcurrentHashMap<String, int[]> poolIndexes =
            new java.util.concurrent.ConcurrentHashMap<>();

    public Cluster(ClusterSettings settings, Supplier<ServerOptions> options, String serverId, String serverName,
            Accounts<ClientConnection> accounts, Transport transport, EventLoopGroup acceptor, EventLoopGroup io,
            List<String> ownClientUrls, Consumer<List<String>> connectUrlsChanged) {
        this.settings = settings;
        this.options = options;
        this.serverId = serverId;
        this.serverName = serverName;
        this.accounts = accounts;
        this.transport = transport;
        this.acceptor = acceptor;
        this.io = io;
        this.ownClientUrls = List.copyOf(ownClientUrls);
        this.connectUrlsChanged = connectUrlsChanged;
        boolean named = settings.name() != null && !settings.name().isEmpty();
        this.name = named ? settings.name() : randomName();
        this.dynamicName = !named;
        this.security = settings.security();
        this.poolSize = settings.effectivePoolSize();
        this.dedicatedAccounts = poolSize > 0 ? settings.accounts() : List.of();
        interest.imports(security.imports());
    }

    /** nats-server's dynamic cluster name: random, replaced by a peer's configured name. */
    private static String randomName() {
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        SecureRandom r = new SecureRandom();
        StringBuilder sb = new StringBuilder(22);
        for (int i = 0; i < 22; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    /** What the client message path calls: RMSG to interested routes. */
    public RouteFanout fanout() {
        return forwarder;
    }

    /** Binds the route port, follows every account's interest, starts the explicit routes. */
    public void start() {
        for (Account<ClientConnection> a : accounts.all()) {
            interest.follow(a);
        }
        String host = settings.host() == null || settings.host().isEmpty() ? "0.0.0.0" : settings.host();
        int wanted = settings.port() == -1 ? 0 : settings.port();
        tls = RouteTls.of(security.tls());
        ServerBootstrap b = new ServerBootstrap()
                .group(acceptor, io)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (tls != null) {
                            tls.accepted(ch);
                        }
                        ch.pipeline().addLast("route", new RouteConnection(Cluster.this, null));
                    }
                });
        try {
            listener = b.bind(host, wanted).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding the cluster port", e);
        } catch (Exception e) {
            throw new IllegalStateException("Error listening on router port: " + host + ":" + wanted + ", \""
                    + e.getMessage() + "\"", e);
        }
        port = ((InetSocketAddress) listener.localAddress()).getPort();
        LOG.info("Cluster name is {}", name);
        if (dynamicName) {
            LOG.warn("Cluster name was dynamically generated, consider setting one");
        }
        LOG.info("Listening for route connections on {}:{}", host.contains(":") ? "[" + host + "]" : host, port);
        if (tls != null) {
            LOG.info("TLS required for route connections");
        }
        for (String r : settings.routes()) {
            URI url = parseRouteUrl(r);
            RouteSolicitor s = new RouteSolicitor(this, url, true, io.next());
            solicitors.add(s);
            s.start();
        }
    }

    static URI parseRouteUrl(String r) {
        try {
            URI u = new URI(r);
            if (u.getHost() == null) {
                throw new ConfigException("routes", "error parsing route url [\"" + r + "\"]");
            }
            return u;
        } catch (URISyntaxException e) {
            throw new ConfigException("routes", "error parsing route url [\"" + r + "\"]: " + e.getMessage());
        }
    }

    // ---- what routes ask --------------------------------------------------------------------------------------------

    ServerOptions options() {
        return options.get();
    }

    ClusterSettings settings() {
        return settings;
    }

    RouteSecurity security() {
        return security;
    }

    /** Null when routes are plain TCP. */
    RouteTls tls() {
        return tls;
    }

    /** An accepted route's CONNECT credentials against {@code cluster { authorization }} (nats-server's check). */
    boolean authorized(String user, String password) {
        RouteSecurity s = security;
        if (!s.authRequired()) {
            return true;
        }
        if (!s.user().equals(user)) {
            return false;
        }
        String configured = s.password() == null ? "" : s.password();
        return passwords.matches(configured, password == null ? "" : password);
    }

    Transport transport() {
        return transport;
    }

    String serverId() {
        return serverId;
    }

    public String name() {
        return name;
    }

    /** The bound route port. */
    public int port() {
        return port;
    }

    long nextRouteId() {
        return routeIds.incrementAndGet();
    }

    RemoteInterest remoteInterest() {
        return remote;
    }

    Account<ClientConnection> account(String accountName) {
        return accounts.get(accountName);
    }

    boolean hasRoute(String id) {
        return table.byServerId(id) != null;
    }

    /** Whether the given place of the pool with that server is connected. */
    boolean hasRoute(String id, int poolIdx, String account) {
        return table.bySlot(id, poolIdx, account) != null;
    }

    io.netty.channel.EventLoop nextLoop() {
        return io.next();
    }

    /** The pool size this server announces ({@code route_pool_size}), 0 with {@code pool_size: -1}. */
    int poolSizeAnnounced() {
        return poolSize;
    }

    /** The accounts with a dedicated route ({@code cluster { accounts }}); none without pooling. */
    List<String> dedicatedAccounts() {
        return dedicatedAccounts;
    }

    boolean hasDedicatedRoute(String account) {
        return dedicatedAccounts.contains(account);
    }

    /** The pool index an account is pinned to in a pool of {@code size}, cached per account. */
    int poolIndex(String account, int size) {
        int[] bySize = poolIndexes.computeIfAbsent(account, a -> new int[] {-1, 0});
        if (bySize[0] != size) {
            bySize[1] = RoutePool.indexOf(account, size);
            bySize[0] = size;
        }
        return bySize[1];
    }

    /** nats-server's rule: a dynamic name gives way to a configured one (or to a greater dynamic one). */
    synchronized boolean acceptClusterName(RouteInfo peer) {
        if (peer.cluster().equals(name)) {
            return true;
        }
        if (dynamicName && (!peer.clusterDynamic() || peer.cluster().compareTo(name) > 0)) {
            LOG.info("Cluster name updated to {}", peer.cluster());
            name = peer.cluster();
            dynamicName = peer.clusterDynamic();
            return true;
        }
        return peer.clusterDynamic(); // the peer adopts ours
    }

    int ownInfoVersion() {
        return ownInfoVersion;
    }

    byte[] ownInfoLine() {
        return ownInfoLine(0, null);
    }

    /** This server's route INFO for one place of a pool (index or dedicated account). */
    byte[] ownInfoLine(int poolIdx, String account) {
        ServerOptions o = options.get();
        String host = settings.host() == null || settings.host().isEmpty() ? "0.0.0.0" : settings.host();
        String ip = settings.advertise() == null || settings.advertise().isEmpty() ? null
                : "nats-route://" + settings.advertise() + "/";
        RouteInfo own = new RouteInfo(serverId, serverName, host, port, ip, name, dynamicName,
                settings.noAdvertise() ? List.of() : ownClientUrls,
                settings.noAdvertise() ? List.of() : ownWebSocketUrls, !o.noHeaderSupport(), lameDuck,
                RouteInfo.ROUTE_PROTO, RouteInfoSecurity.of(security),
                poolSize == 0 ? RoutePool.NONE : new RoutePool(poolSize, poolIdx, account));
        return own.render(ServerVersion.VERSION, runtime(), o.maxPayload(), null);
    }

    private static String runtime() {
        Runtime.Version v = Runtime.version();
        return "java" + v.feature() + "." + v.interim() + "." + v.update();
    }

    /** The CONNECT a soliciting side sends: credentials from the route URL ({@code user:pass@}), as nats-server. */
    byte[] connectLine(URI url) {
        com.fasterxml.jackson.databind.node.ObjectNode c = RouteInfo.JSON.createObjectNode();
        c.put("echo", true);
        c.put("verbose", false);
        c.put("pedantic", false);
        RouteUserInfo user = RouteUserInfo.of(url);
        if (user != null) {
            c.put("user", user.user());
            if (!user.password().isEmpty()) {
                c.put("pass", user.password());
            }
        }
        c.put("tls_required", tls != null);
        c.put("headers", !options.get().noHeaderSupport());
        c.put("name", serverId);
        c.put("cluster", name);
        if (dynamicName) {
            c.put("cluster_dynamic", true);
        }
        return ("CONNECT " + c + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Registers a route whose handshake is done: false if it is a duplicate that must close. Of two connections
     * between the same two servers both keep the one solicited by the server with the smaller id, so both ends
     * agree. The route gets all local interest under the interest monitor, so no change is lost or doubled.
     */
    boolean register(RouteConnection r) {
        RouteConnection dropped = null;
        boolean firstToPeer;
        synchronized (interest) {
            if (closed) {
                return false;
            }
            RouteConnection existing = table.bySlot(r.remoteId(), r.poolIndex(), r.routeAccount());
            if (existing != null) {
                if (!preferred(r, existing)) {
                    return false;
                }
                table.remove(existing);
                existing.replaced();
                dropped = existing;
            }
            firstToPeer = table.byServerId(r.remoteId()) == null;
            table.add(r);
            if (r.infoVersionSent() != ownInfoVersion) {
                r.sendControl(ownInfoLine()); // it changed while this route was in its handshake
            }
            interest.sendAllTo(r);
        }
        if (dropped != null) {
            dropped.close("Duplicate Route");
        }
        if (!firstToPeer) {
            return true; // another connection of the pool: the peer is known and gossiped already
        }
        byte[] gossip = r.info().withIp(r.routeUrl()).render(ServerVersion.VERSION, runtime(),
                options.get().maxPayload(), null);
        Set<String> told = new java.util.HashSet<>();
        for (RouteConnection other : table.all()) {
            if (other != r && !other.remoteId().equals(r.remoteId()) && told.add(other.remoteId())) {
                other.sendControl(gossip); // once per peer, not once per pooled connection
            }
        }
        connectUrlsMayHaveChanged();
        return true;
    }

    private boolean preferred(RouteConnection candidate, RouteConnection existing) {
        if (candidate.solicited() == existing.solicited()) {
            return false;
        }
        boolean weAreSmaller = serverId.compareTo(candidate.remoteId()) < 0;
        return candidate.solicited() == weAreSmaller;
    }

    void unregister(RouteConnection r) {
        boolean removed;
        synchronized (interest) {
            removed = table.remove(r) && (r.remoteId() == null || table.byServerId(r.remoteId()) == null);
        }
        if (removed) {
            connectUrlsMayHaveChanged();
        }
    }

    /** A peer told us about another server: route to it too, unless we already do or try to. */
    void gossiped(RouteInfo other) {
        if (closed || other.serverId().equals(serverId) || hasRoute(other.serverId()) || other.ip() == null) {
            return;
        }
        URI url;
        try {
            url = new URI(other.ip());
            RouteSecurity own = security;
            if (other.security().authRequired() && own.authRequired()) {
                // As nats-server: a gossiped route that asks for a login gets this cluster's own credentials.
                url = new URI(url.getScheme(), own.user() + ":" + (own.password() == null ? "" : own.password()),
                        url.getHost(), url.getPort(), url.getPath(), null, null);
            }
        } catch (URISyntaxException e) {
            LOG.debug("Ignoring gossiped route with a bad URL {}", other.ip());
            return;
        }
        synchronized (solicitors) {
            for (RouteSolicitor s : solicitors) {
                if (other.serverId().equals(s.remoteId()) || sameAddress(s.url(), url)) {
                    return;
                }
            }
            RouteSolicitor s = new RouteSolicitor(this, url, false, io.next());
            solicitors.add(s);
            s.start();
        }
    }

    private static boolean sameAddress(URI a, URI b) {
        return a.getHost().equalsIgnoreCase(b.getHost()) && a.getPort() == b.getPort();
    }

    /** An implicit route gave up, or a URL turned out to be this server. */
    void forget(RouteSolicitor s) {
        if (!s.explicit()) {
            solicitors.remove(s);
        }
    }

    /** A registered peer sent a new INFO about itself (connect_urls, lame duck). */
    void peerUpdated(RouteConnection r) {
        connectUrlsMayHaveChanged();
    }

    private void connectUrlsMayHaveChanged() {
        if (settings.noAdvertise() || closed) {
            return;
        }
        connectUrlsChanged.accept(connectUrls());
        webSocketUrlsChanged.accept(webSocketConnectUrls());
    }

    /**
     * The websocket listener is up (it starts after the cluster): its URLs go to the peers in the route INFO
     * ({@code ws_connect_urls}, as nats-server), and websocket clients get the cluster's websocket URLs.
     */
    public void webSocket(List<String> ownUrls, Consumer<List<String>> changed) {
        ownWebSocketUrls = List.copyOf(ownUrls);
        webSocketUrlsChanged = changed;
        ownInfoVersion++;
        byte[] info = ownInfoLine();
        for (RouteConnection r : table.all()) {
            r.sendControl(info);
        }
        if (table.size() > 0) { // alone, nats-server gives websocket clients no connect_urls
            connectUrlsMayHaveChanged();
        }
    }

    /** This server's websocket URLs, then each peer's (peers in lame duck mode left out), without repeats. */
    public List<String> webSocketConnectUrls() {
        Set<String> urls = new LinkedHashSet<>(ownWebSocketUrls);
        for (RouteConnection r : table.all()) {
            RouteInfo i = r.info();
            if (i != null && !i.lameDuck()) {
                urls.addAll(i.wsConnectUrls());
            }
        }
        return new ArrayList<>(urls);
    }

    /** This server's client URLs, then each peer's (peers in lame duck mode left out), without repeats. */
    public List<String> connectUrls() {
        Set<String> urls = new LinkedHashSet<>(ownClientUrls);
        for (RouteConnection r : table.all()) {
            RouteInfo i = r.info();
            if (i != null && !i.lameDuck()) {
                urls.addAll(i.connectUrls());
            }
        }
        return new ArrayList<>(urls);
    }

    /** Servers this one has at least one route to (a pooled peer counts once). */
    public int peerCount() {
        return table.peerCount();
    }

    /** The registered route connections (each of a pool), for monitoring. */
    public List<RouteView> routes() {
        List<RouteView> out = new ArrayList<>();
        for (RouteConnection r : table.all()) {
            out.add(new RouteView(r));
        }
        return out;
    }

    /**
     * Lame duck mode: peers get an INFO with {@code "ldm":true} and stop offering this server's client URLs to
     * their clients, as nats-server does.
     */
    public void lameDuck() {
        lameDuck = true;
        byte[] info = ownInfoLine();
        for (RouteConnection r : table.all()) {
            r.sendControl(info);
        }
    }

    /**
     * Starts announcing the interest of an account created after start (e.g. one resolved at run time); the
     * accounts present at start are followed by {@link #start()}.
     */
    public void follow(Account<ClientConnection> account) {
        interest.follow(account);
    }

    /** Subscriptions the routes announced (RS+) and did not withdraw, over all accounts. */
    public int remoteInterestCount() {
        return remote.count();
    }

    /** Subscriptions the routes announced in one account (peers announce their system services in theirs). */
    public int remoteInterestCount(String account) {
        return remote.count(account);
    }

    /** This server's route permissions, for /routez (null: none). */
    public io.jnatsd.auth.SubjectPermission importPermission() {
        return security.imports();
    }

    public io.jnatsd.auth.SubjectPermission exportPermission() {
        return security.exports();
    }

    /** The routes given in the configuration, for /varz. */
    public List<String> configuredRoutes() {
        return settings.routes();
    }

    /**
     * A config reload changed the cluster block (host and port are refused before): routes removed from the list
     * are closed and not retried, new ones solicited; a new name, authorization, permissions and advertising apply
     * at once, new TLS settings to new route connections. Accepted routes that the new authorization refuses are
     * closed, as nats-server does.
     */
    public void reload(ClusterSettings neu) {
        ClusterSettings old = settings;
        RouteSecurity oldSecurity = security;
        settings = neu;
        security = neu.security();
        if (!java.util.Objects.equals(oldSecurity.tls(), neu.security().tls())) {
            tls = RouteTls.of(neu.security().tls());
        }
        if (neu.name() != null && !neu.name().isEmpty() && !neu.name().equals(name)) {
            synchronized (this) {
                name = neu.name();
                dynamicName = false;
            }
            LOG.info("Cluster name updated to {}", name);
        }
        if (!java.util.Objects.equals(oldSecurity.imports(), security.imports())) {
            interest.reimport(security.imports());
        }
        for (RouteConnection r : open) { // also those still in their handshake (a pool's further connections)
            r.securityChanged();
        }
        reloadRoutes(old.routes(), neu.routes());
        byte[] info = ownInfoLine();
        for (RouteConnection r : table.all()) {
            r.sendControl(info);
        }
        connectUrlsMayHaveChanged();
    }

    private void reloadRoutes(List<String> was, List<String> now) {
        synchronized (solicitors) {
            for (RouteSolicitor s : solicitors) {
                if (s.explicit() && !now.contains(s.url().toString())) {
                    solicitors.remove(s);
                    s.removed();
                }
            }
            for (String r : now) {
                if (!was.contains(r)) {
                    RouteSolicitor s = new RouteSolicitor(this, parseRouteUrl(r), true, io.next());
                    solicitors.add(s);
                    s.start();
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        for (RouteSolicitor s : solicitors) {
            s.stop();
        }
        if (listener != null) {
            listener.close().awaitUninterruptibly();
        }
        for (RouteConnection r : table.all()) {
            r.close("Server Shutdown");
        }
        for (RouteConnection r : open) {
            r.close("Server Shutdown");
        }
    }

    /** A route connection opened (true) or closed (false). */
    void opened(RouteConnection r, boolean isOpen) {
        if (isOpen) {
            open.add(r);
            if (closed) {
                r.close("Server Shutdown");
            }
        } else {
            open.remove(r);
        }
    }
}
