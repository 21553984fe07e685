package io.jnatsd.cluster;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Keeps one outgoing route to a URL: connects, and after a failure or a close connects again with backoff (250 ms
 * doubling to 4 s, with jitter). An explicit route (from the config) retries for ever; an implicit one (learned by
 * gossip) gives up after connect_retries failed attempts, as nats-server. While another connection to the same
 * server is the registered route (it solicited us, or won the duplicate check), it only checks back now and then.
 * With route pooling the solicitor of the pool's first connection (index 0) starts one child per further index and
 * dedicated account once the peer agreed to pool; children retry like their parent and stop with it.
 */
final class RouteSolicitor {
    private static final Logger LOG = LoggerFactory.getLogger(RouteSolicitor.class);
    private static final long FIRST_DELAY_MILLIS = 250;
    private static final long MAX_DELAY_MILLIS = 4000;

    private final Cluster cluster;
    private final URI url;
    private final boolean explicit;
    private final EventLoop loop;
    private volatile boolean stopped;
    private int failures;
    /** The server at the other end, once a handshake told us. */
    private volatile String remoteId;
    private volatile RouteConnection current;
    /** This solicitor's place in the pool with the peer: an index, or a dedicated account (index 0 then). */
    private final int poolIdx;
    private final String account;
    /** The pool's further connections, started by {@link #poolReady}; empty for a child. */
    private final java.util.List<RouteSolicitor> children = new java.util.concurrent.CopyOnWriteArrayList<>();

    RouteSolicitor(Cluster cluster, URI url, boolean explicit, EventLoop loop) {
        this(cluster, url, explicit, loop, 0, null);
    }

    private RouteSolicitor(Cluster cluster, URI url, boolean explicit, EventLoop loop, int poolIdx, String account) {
        this.cluster = cluster;
        this.url = url;
        this.explicit = explicit;
        this.loop = loop;
        this.poolIdx = poolIdx;
        this.account = account;
    }

    int poolIndex() {
        return poolIdx;
    }

    /** A further connection of a pool; an implicit one keeps trying while the peer is routed at all. */
    private boolean child() {
        return poolIdx != 0 || account != null;
    }

    String account() {
        return account;
    }

    /**
     * The pool's first connection registered and the peer pools too: solicit the other indexes and the dedicated
     * account routes (once; they keep themselves connected afterwards).
     */
    synchronized void poolReady(int poolSize, java.util.List<String> accounts) {
        if (!children.isEmpty() || stopped) {
            return;
        }
        for (int i = 1; i < poolSize; i++) {
            children.add(new RouteSolicitor(cluster, url, explicit, cluster.nextLoop(), i, null));
        }
        for (String a : accounts) {
            children.add(new RouteSolicitor(cluster, url, explicit, cluster.nextLoop(), 0, a));
        }
        for (RouteSolicitor c : children) {
            c.remoteId = remoteId;
            c.start();
        }
    }

    URI url() {
        return url;
    }

    boolean explicit() {
        return explicit;
    }

    String remoteId() {
        return remoteId;
    }

    void start() {
        loop.execute(this::connect);
    }

    void stop() {
        halt("Server Shutdown");
    }

    private void halt(String reason) {
        stopped = true;
        children.forEach(c -> c.halt(reason));
        RouteConnection c = current;
        if (c != null) {
            c.close(reason);
        }
    }

    /** Taken out of the routes by a reload: its connection closes and is not retried. */
    void removed() {
        halt("Route Removed");
        LOG.info("Removed route {}", RouteUserInfo.redacted(url));
    }

    /** The handshake reached this server (called on the route's loop). */
    void connected(String serverId) {
        remoteId = serverId;
        failures = 0;
    }

    /** The URL is this server itself: nothing to keep. */
    void toSelf() {
        stopped = true;
        cluster.forget(this);
    }

    private void connect() {
        if (stopped) {
            return;
        }
        String id = remoteId;
        if (id != null && cluster.hasRoute(id, poolIdx, account)) {
            retryLater(MAX_DELAY_MILLIS); // routed already through another connection
            return;
        }
        LOG.debug("Trying to connect to route on {}", RouteUserInfo.redacted(url));
        RouteConnection route = new RouteConnection(cluster, this);
        current = route;
        Bootstrap b = new Bootstrap()
                .group(loop)
                .channel(cluster.transport().socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2000)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        RouteTls tls = cluster.tls();
                        if (tls != null) {
                            tls.solicited(ch, url);
                        }
                        ch.pipeline().addLast("route", route);
                    }
                });
        int port = url.getPort() < 0 ? 6222 : url.getPort();
        ChannelFuture f = b.connect(url.getHost(), port);
        f.addListener(done -> {
            if (!done.isSuccess()) {
                current = null;
                LOG.debug("Error trying to connect to route ({}): {}", RouteUserInfo.redacted(url),
                        done.cause().toString());
                failed();
            } else {
                f.channel().closeFuture().addListener(closed -> closed());
            }
        });
    }

    private void closed() {
        current = null;
        if (!stopped) {
            LOG.debug("Attempting reconnect for solicited route \"{}\"", RouteUserInfo.redacted(url));
            retryLater(delay());
        }
    }

    private void failed() {
        failures++;
        boolean peerStillRouted = child() && remoteId != null && cluster.hasRoute(remoteId);
        if (!explicit && failures > cluster.settings().connectRetries() && !peerStillRouted) {
            LOG.debug("Not attempting to reconnect to implicit route {}", RouteUserInfo.redacted(url));
            stopped = true;
            children.forEach(RouteSolicitor::stop);
            cluster.forget(this);
            return;
        }
        retryLater(delay());
    }

    private long delay() {
        long d = Math.min(MAX_DELAY_MILLIS, FIRST_DELAY_MILLIS << Math.min(failures, 5));
        return d / 2 + ThreadLocalRandom.current().nextLong(d / 2 + 1);
    }

    private void retryLater(long millis) {
        if (!stopped && !loop.isShuttingDown()) {
            loop.schedule(this::connect, millis, TimeUnit.MILLISECONDS);
        }
    }
}
