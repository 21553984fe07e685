package io.jnatsd.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnatsd.account.Account;
import io.jnatsd.client.ClientConnection;
import io.jnatsd.client.RouteDelivery;
import io.jnatsd.protocol.ProtocolException;
import io.jnatsd.protocol.ProtocolParser;
import io.jnatsd.protocol.PubArgs;
import io.jnatsd.protocol.RouteMsgArgs;
import io.jnatsd.protocol.RouteProtocolHandler;
import io.jnatsd.subject.Subscription;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * One route to another server of the cluster (accepted or solicited): the handshake (INFO both ways, CONNECT from the
 * soliciting side), the peer's interest (RS+/RS-), messages from the peer (RMSG/HMSG, delivered to local clients
 * only), PING/PONG liveness, and async INFOs (gossip about other servers, connect_urls changes). Lives on one loop.
 */
final class RouteConnection extends ChannelInboundHandlerAdapter implements RouteProtocolHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RouteConnection.class);
    private static final byte[] PING = "PING\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PONG = "PONG\r\n".getBytes(StandardCharsets.US_ASCII);

    private final Cluster cluster;
    private final long id;
    /** Null for an accepted route. */
    private final RouteSolicitor solicitor;
    private final ProtocolParser parser;
    private final long startEpochNanos = epochNanos();
    /** Monotonic clock at the start, to turn monotonic stamps into wall time for monitoring. */
    private final long startNanos = System.nanoTime();
    private volatile long lastActivityNanos = startNanos;
    private volatile long rttNanos;
    private long pingSentNanos;
    private Channel channel;
    private RouteOutbound out;
    private String remote = "?";
    private volatile RouteInfo info;
    private volatile boolean registered;
    private volatile boolean closing;
    private String closeReason;
    /** What this route asked for, by "account subject [queue]", to withdraw on RS- or when the route goes. */
    private final Map<String, RemoteSub> interest = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile int interestCount;
    private ScheduledFuture<?> pingTimer;
    /** An accepted route of a cluster with authorization: false until its CONNECT had the right credentials. */
    private boolean authorized;
    /** The credentials of an accepted route's CONNECT, checked again when a reload changes the authorization. */
    private String connectUser;
    private String connectPassword;
    private ScheduledFuture<?> authTimer;
    private RouteStallWatch stallWatch;
    private volatile int infoVersionSent;
    private int pingsOut;
    /** The account of the last RMSG: most traffic stays in one account, so its lookup is done once. */
    private byte[] lastAccountName = new byte[0];
    private Account<ClientConnection> lastAccount;
    volatile long inMsgs;
    volatile long inBytes;
    /**
     * Route pooling with this peer (set before registration): connections per peer both ends agreed on (0: the peer
     * does not pool, so this one route carries every account), this connection's index in the pool, or the account
     * it is dedicated to.
     */
    private volatile int poolSize;
    private volatile int poolIdx;
    private volatile String routeAccount;

    private record RemoteSub(String account, Subscription<RouteConnection> sub) {
    }

    RouteConnection(Cluster cluster, RouteSolicitor solicitor) {
        this.cluster = cluster;
        this.solicitor = solicitor;
        this.id = cluster.nextRouteId();
        if (solicitor != null) {
            this.poolIdx = solicitor.poolIndex();
            this.routeAccount = solicitor.account();
        }
        this.parser = ProtocolParser.forRoutes(this, Math.max(cluster.options().maxControlLine(), 64 * 1024),
                Integer.MAX_VALUE);
    }

    int infoVersionSent() {
        return infoVersionSent;
    }

    long id() {
        return id;
    }

    String remoteId() {
        RouteInfo i = info;
        return i == null ? null : i.serverId();
    }

    RouteInfo info() {
        return info;
    }

    boolean solicited() {
        return solicitor != null;
    }

    RouteSolicitor solicitor() {
        return solicitor;
    }

    String remoteAddress() {
        return remote;
    }

    long startEpochNanos() {
        return startEpochNanos;
    }

    long lastActivityEpochNanos() {
        return startEpochNanos + (lastActivityNanos - startNanos);
    }

    long rttNanos() {
        return rttNanos;
    }

    /** The subjects this route asked for, for /routez?subs=1. */
    java.util.List<String> subjects() {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (RemoteSub s : interest.values()) {
            out.add(s.sub.subjectString());
        }
        return out;
    }

    private static long epochNanos() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    int interestCount() {
        return interestCount;
    }

    /** Connections per peer agreed with this peer, 0 without pooling. */
    int poolSize() {
        return poolSize;
    }

    int poolIndex() {
        return poolIdx;
    }

    /** The account this connection is dedicated to, null for a pooled (or the only) route. */
    String routeAccount() {
        return routeAccount;
    }

    /**
     * Whether this connection carries an account's interest and so its messages (cold path: on RS+/RS- and at
     * registration). Per peer exactly one connection carries each account, so per-account order holds.
     */
    boolean carries(String account) {
        int n = poolSize;
        if (n == 0) {
            return true;
        }
        String dedicated = routeAccount;
        if (dedicated != null) {
            return dedicated.equals(account);
        }
        return !cluster.hasDedicatedRoute(account) && poolIdx == cluster.poolIndex(account, n);
    }

    RouteOutbound outbound() {
        return out;
    }

    // ---- lifecycle ------------------------------------------------------------------------------------------------

    @Override
    public void channelActive(ChannelHandlerContext c) {
        channel = c.channel();
        cluster.opened(this, true);
        out = new RouteOutbound(channel);
        stallWatch = new RouteStallWatch(channel, cluster.options().writeDeadline(), this::stalled);
        if (channel.remoteAddress() instanceof InetSocketAddress isa) {
            remote = (isa.getAddress() != null ? isa.getAddress().getHostAddress() : isa.getHostString()) + ":"
                    + isa.getPort();
        }
        LOG.info("{} - rid:{} - Route connection created", remote, id);
        if (solicitor != null) {
            sendControl(cluster.connectLine(solicitor.url()));
        }
        infoVersionSent = cluster.ownInfoVersion();
        sendControl(cluster.ownInfoLine(poolIdx, routeAccount));
        authorized = solicitor != null || !cluster.security().authRequired();
        if (channel.pipeline().get(RouteTls.HANDLER) == null) {
            startAuthTimer();
        } // else after the TLS handshake, as nats-server

        long interval = cluster.options().pingInterval().toNanos();
        pingTimer = channel.eventLoop().scheduleAtFixedRate(this::onPingTimer, interval, interval,
                TimeUnit.NANOSECONDS);
        if (closing) {
            channel.close(); // closed (route removed, shutdown) while it was still connecting
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext c) {
        closing = true;
        cluster.opened(this, false);
        if (pingTimer != null) {
            pingTimer.cancel(false);
        }
        if (authTimer != null) {
            authTimer.cancel(false);
        }
        if (stallWatch != null) {
            stallWatch.stop();
        }
        out.close();
        for (RemoteSub s : interest.values()) {
            cluster.remoteInterest().remove(s.account, s.sub);
        }
        interest.clear();
        interestCount = 0;
        LOG.info("{} - rid:{} - Router connection closed: {}", remote, id,
                closeReason == null ? "Client Closed" : closeReason);
        cluster.unregister(this);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext c) {
        stallWatch.writabilityChanged();
        c.fireChannelWritabilityChanged();
    }

    /** Nothing reached the peer for a whole write_deadline: a slow consumer, closed (and, if solicited, redialled). */
    private void stalled() {
        if (closing) {
            return;
        }
        LOG.info("{} - rid:{} - Slow Consumer Detected: WriteDeadline of {} exceeded with {} chunks of {} total "
                + "bytes.", remote, id, goDuration(cluster.options().writeDeadline()),
                stallWatch.pendingChunks(), stallWatch.pendingBytes());
        out.close();
        closeReason = closeReason == null ? "Slow Consumer (Write Deadline)" : closeReason;
        closing = true;
        channel.close();
    }

    /** "3s", "500ms": the common cases of Go's duration text, for the log. */
    private static String goDuration(java.time.Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext c, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent done) {
            if (done.isSuccess()) {
                LOG.debug("{} - rid:{} - TLS handshake complete", remote, id);
                startAuthTimer();
            } else {
                LOG.error("{} - rid:{} - TLS route handshake error: {}", remote, id, rootMessage(done.cause()));
                close("TLS Handshake Failure");
            }
            return;
        }
        c.fireUserEventTriggered(evt);
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getMessage() != null ? c.getMessage() : c.toString();
    }

    private void startAuthTimer() {
        if (!authorized && authTimer == null) {
            authTimer = channel.eventLoop().schedule(this::authTimeout,
                    cluster.security().authTimeout().toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void authTimeout() {
        if (authorized || closing) {
            return;
        }
        sendControl("-ERR 'Authentication Timeout'\r\n".getBytes(StandardCharsets.US_ASCII));
        LOG.debug("{} - rid:{} - Authentication Timeout", remote, id);
        close("Authentication Timeout");
    }

    /** nats-server's answer to a route that did not log in as cluster { authorization } asks. */
    private void authViolation() {
        LOG.error("{} - rid:{} - authentication error", remote, id);
        sendControl("-ERR 'Authorization Violation'\r\n".getBytes(StandardCharsets.US_ASCII));
        close("Authentication Failure");
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext c, Throwable cause) {
        if (cause instanceof io.netty.handler.codec.DecoderException && cause.getCause() instanceof SSLException) {
            LOG.error("{} - rid:{} - TLS route error: {}", remote, id, rootMessage(cause));
            close("TLS Handshake Failure");
        } else if (cause instanceof IOException) {
            LOG.debug("{} - rid:{} - {}", remote, id, cause.toString());
            close("Read Error");
        } else {
            LOG.error("{} - rid:{} - unexpected error", remote, id, cause);
            close("Internal Error");
        }
    }

    void close(String reason) {
        if (closeReason == null) {
            closeReason = reason;
        }
        closing = true;
        if (channel != null) {
            // Queued after the flush task of anything pending (an -ERR), so that goes out first.
            channel.eventLoop().execute(channel::close);
        }
    }

    /** Replaced by another connection to the same server: sends no more messages (no duplicates meanwhile). */
    void replaced() {
        registered = false;
    }

    /**
     * A reload changed authorization or permissions: an accepted route whose login is no longer good is closed
     * (Authorization Violation), and the peer's interest outside export is dropped.
     */
    void securityChanged() {
        Channel ch = channel;
        if (ch == null) {
            return;
        }
        ch.eventLoop().execute(() -> {
            if (closing) {
                return;
            }
            if (solicitor == null && !cluster.authorized(connectUser, connectPassword)) {
                authViolation();
                return;
            }
            io.jnatsd.auth.SubjectPermission exports = cluster.security().exports();
            if (exports != null) {
                interest.entrySet().removeIf(e -> {
                    if (exports.permits(e.getValue().sub.subjectString(), null)) {
                        return false;
                    }
                    cluster.remoteInterest().remove(e.getValue().account, e.getValue().sub);
                    return true;
                });
                interestCount = interest.size();
            }
        });
    }

    void sendControl(byte[] line) {
        RouteOutbound o = out;
        if (o != null) {
            o.control(line);
        }
    }

    /** A message published by a local client, for this route (called on the publisher's loop). */
    void sendMessage(byte[] account, PubArgs p, byte[] payload, int payloadOff, byte[] queues, int queuesLen) {
        if (registered) {
            out.message(account, p, payload, payloadOff, queues, queuesLen);
        }
    }

    private void onPingTimer() {
        if (closing) {
            return;
        }
        if (pingsOut >= cluster.options().pingMax()) {
            LOG.error("{} - rid:{} - Stale Connection", remote, id);
            close("Stale Connection");
            return;
        }
        pingsOut++;
        pingSentNanos = System.nanoTime();
        sendControl(PING);
    }

    // ---- input ----------------------------------------------------------------------------------------------------

    @Override
    public void channelRead(ChannelHandlerContext c, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        try {
            if (closing) {
                return;
            }
            lastActivityNanos = System.nanoTime();
            int n = in.readableBytes();
            byte[] a = io.jnatsd.protocol.ReadScratch.arrayOf(in);
            int off = io.jnatsd.protocol.ReadScratch.offsetOf(in);
            parser.parse(a, off, off + n);
        } catch (ProtocolException e) {
            LOG.error("{} - rid:{} - route protocol error: {}", remote, id, e.getMessage());
            if (e.errText() != null) {
                sendControl(("-ERR '" + e.errText() + "'\r\n").getBytes(StandardCharsets.UTF_8));
            }
            close("Protocol Violation");
        } finally {
            in.release();
        }
        RouteDelivery.flush();
    }

    @Override
    public void onConnect(byte[] b, int off, int len) {
        JsonNode n;
        try {
            n = RouteInfo.JSON.readTree(new String(b, off, len, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ProtocolException(null, "bad route CONNECT");
        }
        if (n != null && n.has("lang")) {
            // A client on the route port, as nats-server answers it.
            LOG.error("{} - rid:{} - attempted to connect to route port", remote, id);
            sendControl("-ERR 'attempted to connect to route port'\r\n".getBytes(StandardCharsets.US_ASCII));
            close("Incorrect Port");
            return;
        }
        connectUser = text(n, "user");
        connectPassword = text(n, "pass");
        if (!authorized && !closing) {
            if (!cluster.authorized(connectUser, connectPassword)) {
                authViolation();
                return;
            }
            authorized = true;
            if (authTimer != null) {
                authTimer.cancel(false);
            }
        }
    }

    private static String text(JsonNode n, String field) {
        return n == null || !n.hasNonNull(field) ? null : n.get(field).asText();
    }

    @Override
    public void onInfo(byte[] b, int off, int len) {
        if (!authorized) {
            authViolation(); // anything before the CONNECT, as nats-server
            return;
        }
        RouteInfo i;
        try {
            i = RouteInfo.parse(b, off, len);
        } catch (IOException e) {
            throw new ProtocolException(null, "bad route INFO");
        }
        if (info == null) {
            firstInfo(i);
        } else if (!i.serverId().equals(info.serverId())) {
            cluster.gossiped(i); // about another server: connect to it if we do not know it yet
        } else {
            info = i;
            cluster.peerUpdated(this);
        }
    }

    private void firstInfo(RouteInfo i) {
        if (i.serverId().equals(cluster.serverId())) {
            LOG.debug("{} - rid:{} - Detected route to self, ignoring", remote, id);
            if (solicitor != null) {
                solicitor.toSelf();
            }
            close("Route To Self");
            return;
        }
        if (!cluster.acceptClusterName(i)) {
            LOG.error("{} - rid:{} - Rejecting connection, cluster name \"{}\" does not match \"{}\"", remote, id,
                    i.cluster(), cluster.name());
            close("Cluster Name Conflict");
            return;
        }
        if (!agreePool(i.pool())) {
            return;
        }
        info = i;
        if (solicitor != null) {
            solicitor.connected(i.serverId());
        }
        if (!cluster.register(this)) {
            LOG.debug("{} - rid:{} - Duplicate route to {}", remote, id, i.serverId());
            close("Duplicate Route");
            return;
        }
        registered = true;
        if (solicitor != null && poolSize > 0 && poolIdx == 0 && routeAccount == null) {
            solicitor.poolReady(poolSize, cluster.dedicatedAccounts()); // open the rest of the pool
        }
        pingsOut++;
        pingSentNanos = System.nanoTime();
        sendControl(PING);
        LOG.info("{} - rid:{} - Route connection registered with {} ({})", remote, id, i.serverName(),
                i.serverId());
    }

    /**
     * Settles this connection's place with the peer: pooled only when both ends announce a pool (the smaller size
     * wins, so both pin accounts alike); an accepted connection takes the index or account the soliciting side
     * gave in its INFO. False (and closed) when the peer asks for a place this server does not have.
     */
    private boolean agreePool(RoutePool peer) {
        int ours = cluster.poolSizeAnnounced();
        int agreed = ours > 0 && peer.size() > 0 ? Math.min(ours, peer.size()) : 0;
        if (solicitor == null) {
            poolIdx = peer.index();
            routeAccount = peer.account();
        }
        String problem = null;
        if (agreed == 0 && (poolIdx != 0 || routeAccount != null)) {
            problem = "route pooling is disabled on one side";
        } else if (routeAccount != null && !cluster.hasDedicatedRoute(routeAccount)) {
            problem = "account \"" + routeAccount + "\" has no dedicated route here";
        } else if (routeAccount == null && agreed > 0 && poolIdx >= agreed) {
            problem = "route pool index " + poolIdx + " out of range " + agreed;
        }
        if (problem != null) {
            LOG.error("{} - rid:{} - Rejecting route: {}", remote, id, problem);
            close("Route Pool Mismatch");
            return false;
        }
        poolSize = agreed;
        return true;
    }

    /** The URL other servers should use to reach this peer's route port. */
    String routeUrl() {
        RouteInfo i = info;
        if (i == null) {
            return null;
        }
        if (i.ip() != null && !i.ip().isEmpty()) {
            return i.ip();
        }
        String host = i.host();
        if (host.isEmpty() || host.equals("0.0.0.0") || host.equals("::")) {
            int colon = remote.lastIndexOf(':');
            host = colon > 0 ? remote.substring(0, colon) : "127.0.0.1";
        }
        return "nats-route://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + i.port() + "/";
    }

    @Override
    public void onPing() {
        sendControl(PONG);
    }

    @Override
    public void onPong() {
        if (pingSentNanos != 0) {
            rttNanos = System.nanoTime() - pingSentNanos;
        }
        pingsOut = 0;
    }

    @Override
    public void onOk() {
    }

    @Override
    public void onErr(byte[] b, int off, int len) {
        String text = new String(b, off, len, StandardCharsets.UTF_8);
        LOG.error("{} - rid:{} - Route Error {}", remote, id, text);
        close("Parse Error");
    }

    @Override
    public void onRouteSub(byte[] b, int accountOff, int accountLen, int subjectOff, int subjectLen, int queueOff,
            int queueLen, int weight) {
        if (!registered) {
            return;
        }
        String account = new String(b, accountOff, accountLen, StandardCharsets.UTF_8);
        String subject = new String(b, subjectOff, subjectLen, StandardCharsets.UTF_8);
        String queue = queueLen == 0 ? null : new String(b, queueOff, queueLen, StandardCharsets.UTF_8);
        String key = account + ' ' + subject + (queue == null ? "" : ' ' + queue);
        io.jnatsd.auth.SubjectPermission exports = cluster.security().exports();
        if (exports != null && !exports.permits(subject, null)) {
            LOG.debug("{} - rid:{} - Can not export \"{}\", ignoring remote subscription request", remote, id,
                    subject);
            return;
        }
        if (interest.containsKey(key)) {
            return; // a repeated plain RS+, or a queue group's new weight (members are picked evenly)
        }
        Subscription<RouteConnection> s = cluster.remoteInterest().add(this, account,
                subject.getBytes(StandardCharsets.UTF_8), queue);
        interest.put(key, new RemoteSub(account, s));
        interestCount = interest.size();
    }

    @Override
    public void onRouteUnsub(byte[] b, int accountOff, int accountLen, int subjectOff, int subjectLen, int queueOff,
            int queueLen) {
        String key = new String(b, accountOff, accountLen, StandardCharsets.UTF_8) + ' '
                + new String(b, subjectOff, subjectLen, StandardCharsets.UTF_8)
                + (queueLen == 0 ? "" : ' ' + new String(b, queueOff, queueLen, StandardCharsets.UTF_8));
        RemoteSub s = interest.remove(key);
        if (s != null) {
            cluster.remoteInterest().remove(s.account, s.sub);
            interestCount = interest.size();
        }
    }

    @Override
    public void onRouteMsg(PubArgs p, RouteMsgArgs r, byte[] payload, int payloadOff) {
        inMsgs++;
        inBytes += p.totalSize;
        if (!registered) {
            return;
        }
        Account<ClientConnection> account = account(p.buf, r.accountOff, r.accountLen);
        if (account != null) {
            RouteDelivery.deliver(account, p, r, payload, payloadOff);
        }
    }

    private Account<ClientConnection> account(byte[] b, int off, int len) {
        byte[] last = lastAccountName;
        if (last.length == len && java.util.Arrays.equals(last, 0, len, b, off, off + len)) {
            return lastAccount;
        }
        Account<ClientConnection> a = cluster.account(new String(b, off, len, StandardCharsets.UTF_8));
        lastAccountName = java.util.Arrays.copyOfRange(b, off, off + len);
        lastAccount = a;
        return a;
    }
}
