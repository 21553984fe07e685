package io.jnatsd.client;

import io.jnatsd.account.Account;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.protocol.ConnectOptions;
import io.jnatsd.protocol.ErrorText;
import io.jnatsd.protocol.ProtocolException;
import io.jnatsd.protocol.ProtocolHandler;
import io.jnatsd.protocol.ProtocolParser;
import io.jnatsd.protocol.PubArgs;
import io.jnatsd.protocol.ServerInfo;
import io.jnatsd.subject.SubjectIndex;
import io.jnatsd.subject.SubjectValidator;
import io.jnatsd.subject.Subscription;
import io.jnatsd.subject.transform.SubjectMappings;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * One client connection: its protocol state, its subscriptions and its outbound buffer. Lives on one event loop;
 * everything except {@link #outbound()} and the flush request is touched by that loop only.
 */
public final class ClientConnection extends ChannelInboundHandlerAdapter implements ProtocolHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ClientConnection.class);

    private static final byte[] PING = "PING\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PONG = "PONG\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OK = "+OK\r\n".getBytes(StandardCharsets.US_ASCII);
    /** nats-server sends the first PING early, to measure the round trip. */
    private static final long FIRST_PING_NANOS = TimeUnit.SECONDS.toNanos(2);

    private static final AtomicIntegerFieldUpdater<ClientConnection> FLUSH_SCHEDULED =
            AtomicIntegerFieldUpdater.newUpdater(ClientConnection.class, "flushScheduled");
    private static final AtomicIntegerFieldUpdater<ClientConnection> SLOW =
            AtomicIntegerFieldUpdater.newUpdater(ClientConnection.class, "slow");

    private final long id;
    private final ClientContext ctx;
    private final ServerOptions opts;
    /** The account logged in to ($G until CONNECT says otherwise) and its index; changed only on this loop. */
    private Account<ClientConnection> account;
    private SubjectIndex<ClientConnection> index;
    /** Whether this connection is counted in {@link #account}'s connections (from the first accepted CONNECT). */
    private boolean countedInAccount;
    private final ProtocolParser parser;
    private final Map<String, Subscription<ClientConnection>> subs = new ConcurrentHashMap<>();
    private final Runnable flushTask = this::flushFromTask;

    private Channel channel;
    private EventLoop loop;
    /** The flush set of this connection's loop, looked up once instead of per message. */
    private FlushSet flushSet;
    private OutboundBuffer out;
    private String remote = "?";
    private String clientIp;

    private ConnectOptions connect = ConnectOptions.beforeConnect();
    /** TLS verify_and_map: the names the client's certificate offers; null when not mapping (or no TLS). */
    private java.util.List<String> certIdentities;
    /** Set once the TLS handshake is done (monitoring only); null on a plain connection. */
    private volatile String tlsVersion;
    private volatile String tlsCipherSuite;
    private boolean connected;
    private boolean authRequired;
    /** Sent in INFO when nkey users exist: the client signs it with its nkey. Null otherwise. */
    private String nonce;
    /** A CONNECT's credentials are being checked off the loop: input is held, reading is off. */
    private boolean checkingCredentials;
    private final HeldInput held = new HeldInput();
    private static final String BAD_CREDENTIALS = "bad credentials";
    /** Who the client logged in as, for logs and monitoring: {@code User "name"} or {@code Nkey "U..."}. */
    private String authLabel = "User \"\"";
    private String authorizedUser;
    private io.jnatsd.auth.PermissionCache pubPerms;
    private io.jnatsd.auth.SubjectPermission subPerms;
    /** Written on the owner loop, read by publishers on other loops when they deliver a request here. */
    private volatile io.jnatsd.auth.ResponsePermissions responsePerms;
    /** Subscribe deny entries, checked on delivery (publishers' loops) for wildcard subscriptions; null = none. */
    private volatile io.jnatsd.auth.DeliveryFilter deliveryFilter;
    private volatile boolean echo = true;
    private volatile boolean headers;
    private volatile boolean noResponders;
    private volatile boolean closing;
    private volatile int flushScheduled;
    private volatile int slow;

    private int pingsOut;
    private boolean firstPongSent;
    private boolean pongSeen;
    private long lastReadNanos;
    private ScheduledFuture<?> pingTimer;
    private ScheduledFuture<?> authTimer;
    private ScheduledFuture<?> writeDeadlineTimer;
    /** A user JWT's end: the connection is closed then. */
    private ScheduledFuture<?> expiryTimer;
    /** What a user JWT restricts (null for other logins); read by account updates on other threads. */
    private volatile io.jnatsd.auth.UserRestrictions restrictions;
    private String closeReason;
    private final ProducerStall stall = new ProducerStall(() -> closing, () -> checkingCredentials);

    private long inMsgs;
    private long inBytes;

    public ClientConnection(ClientContext ctx) {
        this.ctx = ctx;
        this.opts = ctx.options();
        this.account = ctx.accounts().global();
        this.index = account.index();
        this.id = ctx.registry().nextClientId();
        this.parser = new ProtocolParser(this, opts.maxControlLine(), opts.maxPayload());
    }

    public long id() {
        return id;
    }

    OutboundBuffer outbound() {
        return out;
    }

    /** Cluster: the routes a message published here also goes to; null without a cluster. */
    RouteFanout routes() {
        return ctx.routes();
    }

    boolean echo() {
        return echo;
    }

    boolean headers() {
        return headers;
    }

    boolean wantsNoResponders() {
        return noResponders;
    }

    public String name() {
        return connect.name;
    }

    public int subscriptionCount() {
        return subs.size();
    }

    public long inMsgs() {
        return inMsgs;
    }

    public long inBytes() {
        return inBytes;
    }

    // ---- lifecycle ----------------------------------------------------------------------------------------------

    @Override
    public void channelActive(ChannelHandlerContext c) {
        channel = c.channel();
        loop = channel.eventLoop();
        flushSet = FlushSet.current(); // channelActive runs on the connection's own loop
        stall.attach(channel);
        out = new OutboundBuffer(c.alloc(), opts.maxPending(), this::channelPendingBytes);
        SocketAddress ra = channel.remoteAddress();
        if (ra instanceof InetSocketAddress) {
            InetSocketAddress isa = (InetSocketAddress) ra;
            clientIp = isa.getAddress() != null ? isa.getAddress().getHostAddress() : isa.getHostString();
            remote = clientIp + ":" + isa.getPort();
        }
        ServerInfo info = ctx.info();
        io.jnatsd.auth.Authenticator auth = ctx.authenticator();
        authRequired = auth.required();
        if (auth.nonceRequired() || opts.alwaysEnableNonce()) {
            nonce = io.jnatsd.auth.nkey.Nonce.next();
        }
        parser.awaitingConnect(authRequired);
        out.appendControl(info.render(id, clientIp, nonce));
        flushNow();
        if (!ctx.registry().register(this, opts.maxConnections())) {
            LOG.error("{} - cid:{} - Maximum connections exceeded, closing connection", remote, id);
            sendErrAndClose(ErrorText.MAX_CONNECTIONS, "Maximum Connections Exceeded");
            return;
        }
        LOG.debug("{} - cid:{} - Client connection created", remote, id);
        lastReadNanos = System.nanoTime();
        long first = Math.min(FIRST_PING_NANOS, opts.pingInterval().toNanos());
        pingTimer = loop.schedule(this::onPingTimer, first, TimeUnit.NANOSECONDS);
        if (authRequired) {
            authTimer = loop.schedule(this::onAuthTimeout, ctx.authTimeout().toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext c) {
        closing = true;
        cancelTimers();
        ctx.registry().closed(this); // monitoring: recorded while the subscriptions are still listed
        long stop = epochNanos();
        for (Subscription<ClientConnection> s : subs.values()) {
            s.closed = true;
            index.remove(s);
        }
        subs.clear();
        if (countedInAccount) {
            countedInAccount = false;
            account.removeConnection();
        }
        if (connected) {
            ctx.events().disconnected(this, stop); // after leaving the account: the event counts without it
        }
        out.close();
        ctx.registry().unregister(this);
        LOG.debug("{} - cid:{} - Client connection closed: {}", remote, id,
                closeReason == null ? "Client Closed" : closeReason);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext c, Throwable cause) {
        if (cause instanceof IOException) {
            LOG.debug("{} - cid:{} - {}", remote, id, cause.toString());
            closeNow(closeReason == null ? "Read Error" : closeReason);
        } else {
            LOG.error("{} - cid:{} - unexpected error", remote, id, cause);
            closeNow("Internal Error");
        }
    }

    /** TLS outcome from the tls package's handlers (once per connection, never on the message path). */
    @Override
    public void userEventTriggered(ChannelHandlerContext c, Object evt) {
        if (evt instanceof io.jnatsd.tls.TlsEstablished t) {
            certIdentities = t.identities();
            tlsVersion = t.protocol().startsWith("TLSv") ? t.protocol().substring(4) : t.protocol();
            tlsCipherSuite = t.cipherSuite();
            LOG.debug("{} - cid:{} - TLS handshake complete", remote, id);
        } else if (evt instanceof io.jnatsd.tls.TlsRefused r) {
            LOG.error("{} - cid:{} - {}", remote, id, r.logLine());
            if (closeReason == null) {
                closeReason = "TLS Handshake Failure";
            }
            closing = true;
        } else {
            c.fireUserEventTriggered(evt);
        }
    }

    private void cancelTimers() {
        if (pingTimer != null) {
            pingTimer.cancel(false);
        }
        if (authTimer != null) {
            authTimer.cancel(false);
        }
        if (writeDeadlineTimer != null) {
            writeDeadlineTimer.cancel(false);
        }
        if (expiryTimer != null) {
            expiryTimer.cancel(false);
        }
    }

    // ---- input ----------------------------------------------------------------------------------------------------

    @Override
    public void channelRead(ChannelHandlerContext c, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        try {
            if (closing) {
                return;
            }
            lastReadNanos = System.nanoTime();
            int n = in.readableBytes();
            byte[] a = io.jnatsd.protocol.ReadScratch.arrayOf(in); // one copy per read from a direct buffer
            int off = io.jnatsd.protocol.ReadScratch.offsetOf(in);
            if (checkingCredentials) {
                held.append(a, off, off + n); // read before reading stopped: parsed after the check
                return;
            }
            int stop = parser.parse(a, off, off + n);
            if (stop < off + n) {
                held.append(a, stop, off + n); // the parser paused after a CONNECT being checked
            }
        } catch (ProtocolException e) {
            onProtocolError(e);
        } finally {
            in.release();
        }
        // One flush per target per read (up to 64 KB of input), however many messages it held. Flushing per read
        // rather than per read batch (up to 16 reads) keeps what a subscriber has waiting far below max_pending.
        flushSet.flushAll();
        stall.startIfNeeded();
    }

    /** Called on this connection's loop while routing its message: {@code target} is falling behind. */
    void stallRequested(ClientConnection target) {
        stall.targetBehind(target);
    }

    private void onProtocolError(ProtocolException e) {
        LOG.debug("{} - cid:{} - protocol error: {}", remote, id, e.getMessage());
        if (e.errText() != null) {
            // Refused credentials were logged by onConnect as nats-server words it ("authentication error").
            if (ErrorText.AUTHORIZATION_VIOLATION.equals(e.errText()) && !BAD_CREDENTIALS.equals(e.getMessage())) {
                LOG.error("{} - cid:{} - {}", remote, id, ErrorText.AUTHORIZATION_VIOLATION);
            }
        }
        if (e.closes()) {
            sendErrAndClose(e.errText(), reasonFor(e.errText()));
        } else if (e.errText() != null) {
            sendErr(e.errText());
        }
    }

    private static String reasonFor(String errText) {
        if (errText == null) {
            return "Protocol Violation";
        }
        switch (errText) {
            case ErrorText.AUTHORIZATION_VIOLATION:
                return "Authentication Failure";
            case ErrorText.MAX_PAYLOAD:
                return "Maximum Message Payload Exceeded";
            case ErrorText.MAX_CONTROL_LINE:
                return "Maximum Control Line Exceeded";
            default:
                return "Protocol Violation";
        }
    }

    // ---- ProtocolHandler ----------------------------------------------------------------------------------------

    @Override
    public void onConnect(byte[] b, int off, int len) {
        if (ProtocolTrace.on()) {
            ProtocolTrace.in(remote, id, connected ? connect : null, "CONNECT " + ProtocolTrace.text(b, off, len));
        }
        ConnectOptions c;
        try {
            c = ConnectOptions.parse(b, off, len, connect);
            if (c == null) {
                c = connect; // CONNECT null: nothing changes
            }
        } catch (IOException e) {
            throw new ProtocolException(null, "malformed CONNECT: " + e.getMessage());
        }
        if (c.protocol < 0 || c.protocol > 1) {
            throw new ProtocolException(ErrorText.INVALID_CLIENT_PROTOCOL, "protocol " + c.protocol);
        }
        if (c.noResponders && !c.headers) {
            throw new ProtocolException(ErrorText.NO_RESPONDERS_REQUIRES_HEADERS, "no_responders without headers");
        }
        if (!authRequired) {
            completeConnect(c, io.jnatsd.auth.Authenticator.UNRESTRICTED);
            return;
        }
        io.jnatsd.auth.Authenticator auth = ctx.authenticator(); // every CONNECT is checked
        java.util.concurrent.CompletableFuture<io.jnatsd.auth.User> elsewhere =
                certIdentities != null ? null : auth.loginElsewhere(c, connectingClient());
        if (elsewhere != null) {
            awaitLogin(auth, c, elsewhere);
            return;
        }
        if (certIdentities == null && auth.slowToCheck(c) && checkOffLoop(auth, c)) {
            return;
        }
        io.jnatsd.auth.User user = login(auth, c);
        if (user == null) {
            logRefusal(auth, c);
            throw new ProtocolException(ErrorText.AUTHORIZATION_VIOLATION, BAD_CREDENTIALS);
        }
        completeConnect(c, user);
    }

    /**
     * Checks slow credentials (bcrypt) on the credential pool: the parser stops after this CONNECT and reading
     * stops, then {@link #credentialsChecked} continues on this loop with what was read after it. False when the
     * pool is full: the caller checks here.
     */
    private boolean checkOffLoop(io.jnatsd.auth.Authenticator auth, ConnectOptions c) {
        String n = nonce;
        boolean queued = ctx.credentialChecks().submit(() -> {
            io.jnatsd.auth.User user = auth.login(c, n);
            loop.execute(() -> credentialsChecked(auth, c, user));
        });
        if (queued) {
            pauseForCredentials();
        }
        return queued;
    }

    /** The login someone else decides (auth callout): paused as for a slow check until it completes. */
    private void awaitLogin(io.jnatsd.auth.Authenticator auth, ConnectOptions c,
            java.util.concurrent.CompletableFuture<io.jnatsd.auth.User> login) {
        pauseForCredentials();
        login.whenComplete((user, e) -> loop.execute(() -> credentialsChecked(auth, c, e == null ? user : null)));
    }

    private void pauseForCredentials() {
        checkingCredentials = true;
        parser.pause();
        channel.config().setAutoRead(false);
    }

    private io.jnatsd.auth.ConnectingClient connectingClient() {
        return new io.jnatsd.auth.ConnectingClient(id, clientIp, ctx.type(), nonce);
    }

    private void credentialsChecked(io.jnatsd.auth.Authenticator auth, ConnectOptions c, io.jnatsd.auth.User user) {
        checkingCredentials = false;
        if (closing) {
            return;
        }
        if (user == null) {
            logRefusal(auth, c);
            sendErrAndClose(ErrorText.AUTHORIZATION_VIOLATION, reasonFor(ErrorText.AUTHORIZATION_VIOLATION));
            return;
        }
        completeConnect(c, user);
        while (!checkingCredentials && !closing && !held.isEmpty()) {
            byte[] b = held.take();
            try {
                int stop = parser.parse(b, 0, b.length);
                if (stop < b.length) {
                    held.append(b, stop, b.length); // another CONNECT with slow credentials
                }
            } catch (ProtocolException e) {
                onProtocolError(e);
            }
        }
        flushSet.flushAll();
        stall.startIfNeeded();
        if (!checkingCredentials && !closing && !stall.stalled()) {
            channel.config().setAutoRead(true); // else the stall's end resumes reading
        }
    }

    private void logRefusal(io.jnatsd.auth.Authenticator auth, ConnectOptions c) {
        String detail = auth.refusalDetail(c, nonce);
        if (detail != null) {
            LOG.debug("{} - cid:{} - {}", remote, id, detail);
        }
        LOG.error("{} - cid:{} - authentication error - {}", remote, id, auth.claimed(c));
    }

    private void completeConnect(ConnectOptions c, io.jnatsd.auth.User user) {
        io.jnatsd.auth.UserRestrictions r = user.restrictions();
        if (!user.admitsType(ctx.type()) || (r != null && !r.admits(clientIp, ctx.type()))) {
            logRefusal(ctx.authenticator(), c);
            sendErrAndClose(ErrorText.AUTHORIZATION_VIOLATION, reasonFor(ErrorText.AUTHORIZATION_VIOLATION));
            return;
        }
        restrictions = r;
        if (!joinAccount(user)) {
            return;
        }
        scheduleExpiry(r);
        applyPermissions(user);
        authorizedUser = user.nkey() != null ? user.nkey() : c.user;
        connect = c;
        boolean first = !connected;
        connected = true;
        if (first) {
            ctx.events().connected(this);
        }
        estimateRtt();
        echo = c.echo;
        headers = c.headers && ctx.info().headers();
        noResponders = c.noResponders && headers;
        parser.awaitingConnect(false);
        if (authTimer != null) {
            authTimer.cancel(false);
            authTimer = null;
        }
        if (c.verbose) {
            sendOk();
        }
        if (first && r != null && r.maxSubscriptions() == 0) {
            sendErr(ErrorText.MAX_SUBSCRIPTIONS); // nats-server says so at login when no subscription is allowed
        }
    }

    @Override
    public void onPub(PubArgs p, byte[] payload, int payloadOff) {
        if (ProtocolTrace.on()) {
            ProtocolTrace.pub(remote, id, connect, p, payload, payloadOff, ctx.options().maxTracedMsgLen());
        }
        if (p.headerSize >= 0 && !headers) {
            throw new ProtocolException(null, "HPUB from a client without headers support");
        }
        inMsgs++;
        inBytes += p.totalSize;
        SubjectMappings mappings = account.mappings();
        if (mappings != null) {
            // As nats-server: mapped once, before the publish permissions are checked; the reply is not mapped.
            byte[] mapped = mappings.map(p.buf, p.subjectOff, p.subjectLen);
            if (mapped != null) {
                if (mapped.length == 0) {
                    return; // the share of a weighted mapping that is dropped
                }
                p = PubArgs.of(mapped, p.replyBytes(), p.headerSize, p.totalSize);
            }
        }
        if (pubPerms != null && !pubPerms.permits(p.buf, p.subjectOff, p.subjectLen)
                && !mayPublishOtherwise(p.subject())) {
            return; // dropped; the connection stays open
        }
        if (connect.pedantic && !SubjectValidator.isValidLiteralSubject(p.buf, p.subjectOff, p.subjectLen)) {
            sendErr(ErrorText.INVALID_PUBLISH_SUBJECT); // nats-server still routes the message
        }
        if (connect.verbose) {
            sendOk(); // nats-server acknowledges before delivering
        }
        MessageRouter.route(this, account, p, payload, payloadOff, flushSet);
    }

    /**
     * A publish the permissions did not allow (cold path): still fine as a reply to a request this connection
     * received (allow_responses); otherwise -ERR without +OK, as nats-server does.
     */
    private boolean mayPublishOtherwise(String subject) {
        io.jnatsd.auth.ResponsePermissions r = responsePerms;
        if (r != null && r.tryPublish(subject)) {
            return true;
        }
        LOG.error("{} - cid:{} - Publish Violation - {}, Subject \"{}\"", remote, id, authLabel, subject);
        sendErr("Permissions Violation for Publish to \"" + subject + "\"");
        return false;
    }

    /**
     * Moves this connection into the user's account (on the first CONNECT, or a later one that logs in elsewhere):
     * its subscriptions move to that account's index. Refused with nats-server's error when the account is full.
     */
    private boolean joinAccount(io.jnatsd.auth.User user) {
        Account<ClientConnection> target = ctx.accounts().get(user.account());
        if (target == null) {
            target = ctx.accounts().global();
        }
        if (target == account && countedInAccount) {
            return true;
        }
        if (!target.addConnection()) {
            LOG.error("{} - cid:{} - Maximum Account Connections Exceeded", remote, id);
            sendErrAndClose(ErrorText.MAX_ACCOUNT_CONNECTIONS, "Maximum Account Connections Exceeded");
            return false;
        }
        if (countedInAccount) {
            account.removeConnection();
        }
        countedInAccount = true;
        if (target != account) {
            SubjectIndex<ClientConnection> old = index;
            account = target;
            index = target.index();
            for (Subscription<ClientConnection> sub : subs.values()) {
                old.remove(sub);
                index.insert(sub);
            }
        }
        parser.maxPayload(maxPayload());
        return true;
    }

    /** The server's max_payload, or the account's limits.max_payload (or the user JWT's) when tighter. */
    private int maxPayload() {
        int max = ctx.options().maxPayload();
        int accountMax = account.limits().maxPayload();
        max = accountMax > 0 && accountMax < max ? accountMax : max;
        io.jnatsd.auth.UserRestrictions r = restrictions;
        return r != null && r.maxPayload() >= 0 && r.maxPayload() < max ? r.maxPayload() : max;
    }

    /** A user JWT that expires closes the connection then, as nats-server does. */
    private void scheduleExpiry(io.jnatsd.auth.UserRestrictions r) {
        if (expiryTimer != null) {
            expiryTimer.cancel(false);
            expiryTimer = null;
        }
        if (r == null || r.expiresAt() <= 0) {
            return;
        }
        long delayMillis = Math.max(0, r.expiresAt() * 1000 - System.currentTimeMillis());
        expiryTimer = loop.schedule(() -> {
            LOG.debug("{} - cid:{} - User JWT expired", remote, id);
            sendErrAndClose(ErrorText.AUTHENTICATION_EXPIRED, "Authentication Expired");
        }, delayMillis, TimeUnit.MILLISECONDS);
    }

    /** The logged-in user JWT's restrictions (public key, issue time, ...); null for other logins. */
    public io.jnatsd.auth.UserRestrictions userRestrictions() {
        return restrictions;
    }

    /** Sends {@code -ERR '<text>'} and closes, from any thread (e.g. a revocation pushed in an account update). */
    public void closeWithError(String text, String reason) {
        loop.execute(() -> sendErrAndClose(text, reason));
    }

    /**
     * Takes the permissions of {@code user}. With allow_responses but no publish permissions, nats-server allows
     * publishing to replies only, so an empty allow list stands in for the missing publish permissions.
     */
    private void applyPermissions(io.jnatsd.auth.User user) {
        authLabel = user.restrictions() != null ? "JWT User \"" + user.nkey() + "\""
                : user.nkey() != null ? "Nkey \"" + user.nkey() + "\""
                : "User \"" + (user.name() == null ? "" : user.name()) + "\"";
        io.jnatsd.auth.Permissions p = user.permissions();
        if (p == null) {
            pubPerms = null;
            subPerms = null;
            responsePerms = null;
            deliveryFilter = null;
            return;
        }
        io.jnatsd.auth.SubjectPermission pub = p.publish();
        if (pub == null && p.allowResponses()) {
            pub = new io.jnatsd.auth.SubjectPermission(java.util.List.of(), null);
        }
        pubPerms = pub == null ? null : new io.jnatsd.auth.PermissionCache(pub);
        subPerms = p.subscribe();
        responsePerms = p.allowResponses() ? new io.jnatsd.auth.ResponsePermissions(p) : null;
        deliveryFilter = io.jnatsd.auth.DeliveryFilter.of(p.subscribe());
    }

    /**
     * Whether a message on this subject must be kept from this connection by its subscribe deny list. Only a
     * wildcard subscription can match a denied subject (a literal one was checked when made). One volatile read for
     * connections without deny entries.
     */
    boolean deniesDelivery(Subscription<ClientConnection> sub, PubArgs p) {
        io.jnatsd.auth.DeliveryFilter f = deliveryFilter;
        return f != null && !SubjectValidator.isLiteral(sub.subject(), 0, sub.subject().length) && f.denies(p.subject());
    }

    /** With TLS verify_and_map the certificate names the user, otherwise the CONNECT credentials do. */
    /** verify_and_map: the client certificate is the credential; otherwise CONNECT's (signing the INFO nonce). */
    private io.jnatsd.auth.User login(io.jnatsd.auth.Authenticator auth, ConnectOptions c) {
        return certIdentities != null ? auth.loginByCertificate(certIdentities) : auth.login(c, nonce);
    }

    /** After a reload, as nats-server does: subscriptions the new permissions refuse are removed, with -ERR. */
    private void dropForbiddenSubscriptions() {
        if (subPerms == null) {
            return;
        }
        for (Subscription<ClientConnection> sub : java.util.List.copyOf(subs.values())) {
            String subject = new String(sub.subject(), StandardCharsets.UTF_8);
            if (!subPerms.permits(subject, sub.queue())) {
                String sid = new String(sub.sid(), StandardCharsets.UTF_8);
                removeSubscription(sub);
                LOG.info("Removed sub \"{}\" (sid \"{}\") for {} - not authorized", subject, sid, authLabel);
                if (out.appendControl(("-ERR 'Permissions Violation for Subscription to \"" + subject
                        + "\" (sid \"" + sid + "\")'\r\n").getBytes(StandardCharsets.UTF_8))) {
                    flushNow(); // not inside a read: nothing else would flush it
                }
            }
        }
    }

    /** A request (a message with a reply subject) is being delivered to this connection: allow_responses. */
    void requestDelivered(byte[] buf, int replyOff, int replyLen) {
        io.jnatsd.auth.ResponsePermissions r = responsePerms;
        if (r != null) {
            r.requestDelivered(new String(buf, replyOff, replyLen, StandardCharsets.UTF_8));
        }
    }

    @Override
    public void onSub(byte[] b, int subjectOff, int subjectLen, int queueOff, int queueLen, int sidOff, int sidLen) {
        if (ProtocolTrace.on()) {
            ProtocolTrace.in(remote, id, connect, "SUB " + ProtocolTrace.text(b, subjectOff, subjectLen)
                    + (queueLen == 0 ? "" : " " + ProtocolTrace.text(b, queueOff, queueLen))
                    + " " + ProtocolTrace.text(b, sidOff, sidLen));
        }
        if (!SubjectValidator.isValidSubject(b, subjectOff, subjectLen)) {
            sendErr(ErrorText.INVALID_SUBJECT);
            return;
        }
        if (subPerms != null) {
            String subject = new String(b, subjectOff, subjectLen, StandardCharsets.UTF_8);
            String queue = queueLen == 0 ? null : new String(b, queueOff, queueLen, StandardCharsets.UTF_8);
            if (!subPerms.permits(subject, queue)) {
                LOG.error("{} - cid:{} - Subscription Violation - {}, Subject \"{}\"{}, SID {}", remote, id,
                        authLabel, subject, queue == null ? "" : ", Queue: \"" + queue + "\"",
                        new String(b, sidOff, sidLen, StandardCharsets.UTF_8));
                sendErr("Permissions Violation for Subscription to \"" + subject + "\""
                        + (queue == null ? "" : " using queue \"" + queue + "\""));
                return;
            }
        }
        String sidKey = new String(b, sidOff, sidLen, StandardCharsets.UTF_8);
        if (subs.containsKey(sidKey)) {
            // nats-server ignores a SUB that reuses a live sid.
            if (connect.verbose) {
                sendOk();
            }
            return;
        }
        int max = ctx.options().maxSubscriptions(); // through ctx: follows a config reload
        int accountMax = account.limits().maxSubscriptions();
        if (accountMax > 0 && (max <= 0 || accountMax < max)) {
            max = accountMax; // the account's limits.max_subscriptions, when tighter
        }
        io.jnatsd.auth.UserRestrictions r = restrictions;
        boolean userLimit = r != null && r.maxSubscriptions() >= 0 && (max <= 0 || r.maxSubscriptions() < max);
        if (userLimit) {
            max = r.maxSubscriptions(); // the user JWT's limits.subs; 0 allows none
        }
        if ((max > 0 || userLimit) && subs.size() >= max) {
            LOG.error("{} - cid:{} - Maximum Subscriptions Exceeded (max={})", remote, id, max);
            sendErr(ErrorText.MAX_SUBSCRIPTIONS);
            return;
        }
        byte[] subject = java.util.Arrays.copyOfRange(b, subjectOff, subjectOff + subjectLen);
        String queue = queueLen == 0 ? null : new String(b, queueOff, queueLen, StandardCharsets.UTF_8);
        byte[] sid = java.util.Arrays.copyOfRange(b, sidOff, sidOff + sidLen);
        Subscription<ClientConnection> sub = new Subscription<>(this, subject, queue, sid);
        subs.put(sidKey, sub);
        index.insert(sub);
        if (connect.verbose) {
            sendOk();
        }
    }

    @Override
    public void onUnsub(byte[] b, int sidOff, int sidLen, long max) {
        if (ProtocolTrace.on()) {
            ProtocolTrace.in(remote, id, connect,
                    "UNSUB " + ProtocolTrace.text(b, sidOff, sidLen) + (max > 0 ? " " + max : ""));
        }
        String sidKey = new String(b, sidOff, sidLen, StandardCharsets.UTF_8);
        Subscription<ClientConnection> sub = subs.get(sidKey);
        if (sub != null) {
            boolean removeNow;
            synchronized (out) { // delivered/maxMsgs are guarded by the outbound lock
                if (max > 0 && max > sub.delivered) {
                    sub.maxMsgs = max;
                    removeNow = false;
                } else {
                    sub.maxMsgs = 0;
                    removeNow = true;
                }
            }
            if (removeNow) {
                removeSubscription(sub);
            }
        }
        if (connect.verbose) {
            sendOk();
        }
    }

    @Override
    public void onPing() {
        if (ProtocolTrace.on()) {
            ProtocolTrace.in(remote, id, connect, "PING");
            ProtocolTrace.out(remote, id, connect, "PONG");
        }
        appendOwn(PONG);
        if (!firstPongSent && connected) {
            firstPongSent = true;
            int max = maxPayload();
            if (connect.protocol >= 1 && max != ctx.info().maxPayload()) {
                // As nats-server after the first PONG: a client allowed less payload learns its own limit.
                appendOwn(ctx.info().withMaxPayload(max).render(id, clientIp));
            }
        }
    }

    @Override
    public void onPong() {
        if (ProtocolTrace.on()) {
            ProtocolTrace.in(remote, id, connect, "PONG");
        }
        measureRtt();
        pingsOut = 0;
        pongSeen = true;
    }

    @Override
    public void onInfo(byte[] b, int off, int len) {
        // Clients have nothing to tell the server through INFO; nats-server ignores it too.
    }

    @Override
    public void onOk() {
    }

    @Override
    public void onErr(byte[] b, int off, int len) {
        LOG.debug("{} - cid:{} - client sent -ERR {}", remote, id, new String(b, off, len, StandardCharsets.UTF_8));
        throw new ProtocolException(null, "client sent -ERR");
    }

    // ---- subscriptions --------------------------------------------------------------------------------------------

    private void removeSubscription(Subscription<ClientConnection> sub) {
        String key = new String(sub.sid(), StandardCharsets.UTF_8);
        if (subs.remove(key, sub)) {
            sub.closed = true;
            index.remove(sub);
            if (ProtocolTrace.on()) {
                ProtocolTrace.event(remote, id, connect, "DELSUB " + key);
            }
        }
    }

    /** -V trace of a message delivered to this connection: {@code ->> [MSG subject sid [reply] size]}. */
    void traceDelivery(byte[] pre, int preLen, byte[] sid, byte[] post, int postLen) {
        String line = ProtocolTrace.text(pre, 0, preLen) + ProtocolTrace.text(sid, 0, sid.length)
                + ProtocolTrace.text(post, 0, postLen - 2); // without the CRLF
        ProtocolTrace.out(remote, id, connect, line);
    }

    /** Called from any publisher thread when {@code sub} reached its auto-unsubscribe limit. */
    void autoUnsubscribed(Subscription<ClientConnection> sub) {
        removeSubscription(sub);
    }

    // ---- output ---------------------------------------------------------------------------------------------------

    private void appendOwn(byte[] bytes) {
        if (out.appendControl(bytes)) {
            flushSet.add(this);
        }
    }

    private void sendOk() {
        if (ProtocolTrace.on()) {
            ProtocolTrace.out(remote, id, connect, "OK");
        }
        appendOwn(OK);
    }

    private void sendErr(String text) {
        if (ProtocolTrace.on()) {
            ProtocolTrace.out(remote, id, connect, "-ERR " + text);
        }
        appendOwn(("-ERR '" + text + "'\r\n").getBytes(StandardCharsets.UTF_8));
    }

    private long channelPendingBytes() {
        ChannelOutboundBuffer ob = channel.unsafe().outboundBuffer();
        return ob == null ? 0 : ob.totalPendingWriteBytes();
    }

    /** Asks the owner loop to write out what was appended; cheap when a flush is already on its way. */
    void requestFlush() {
        if (loop.inEventLoop()) {
            flushNow();
        } else if (FLUSH_SCHEDULED.compareAndSet(this, 0, 1)) {
            loop.execute(flushTask);
        }
    }

    private void flushFromTask() {
        flushScheduled = 0; // before taking, so a later append schedules another flush
        flushNow();
    }

    private void flushNow() {
        if (!channel.isActive()) {
            return;
        }
        ByteBuf b = out.take();
        if (b != null) {
            channel.writeAndFlush(b, channel.voidPromise());
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext c) {
        // The socket is not draining: if it stays that way for write_deadline, this is a slow consumer.
        if (!channel.isWritable()) {
            if (writeDeadlineTimer == null) {
                writeDeadlineTimer = loop.schedule(this::onWriteDeadline, ctx.options().writeDeadline().toNanos(),
                        TimeUnit.NANOSECONDS);
            }
        } else {
            if (writeDeadlineTimer != null) {
                writeDeadlineTimer.cancel(false);
                writeDeadlineTimer = null;
            }
        }
        c.fireChannelWritabilityChanged();
    }

    private void onWriteDeadline() {
        writeDeadlineTimer = null;
        if (!channel.isWritable() && !closing) {
            slowConsumer("Slow Consumer (Write Deadline)");
        }
    }

    /** Called from any publisher thread when this connection's pending output passed max_pending. */
    void slowConsumer() {
        slowConsumer("Slow Consumer (Pending Bytes)");
    }

    private void slowConsumer(String reason) {
        if (!SLOW.compareAndSet(this, 0, 1)) {
            return;
        }
        ctx.registry().countSlowConsumer();
        account.countSlowConsumer();
        if (loop.inEventLoop()) {
            closeSlow(reason);
        } else {
            loop.execute(() -> closeSlow(reason));
        }
    }

    private void closeSlow(String reason) {
        LOG.info("{} - cid:{} - Slow Consumer Detected: {}", remote, id, reason.contains("Write")
                ? "WriteDeadline of " + opts.writeDeadline().toMillis() + "ms exceeded"
                : "MaxPending of " + opts.maxPending() + " exceeded");
        // nats-server sends no -ERR to a slow consumer: pending output is dropped and the connection closed.
        out.close();
        closeNow(reason);
    }

    // ---- timers ---------------------------------------------------------------------------------------------------

    private void onPingTimer() {
        if (closing) {
            return;
        }
        long interval = ctx.options().pingInterval().toNanos(); // ctx: reloadable
        boolean recentlyActive = System.nanoTime() - lastReadNanos < interval;
        if (!(recentlyActive && pongSeen)) {
            if (pingsOut + 1 > ctx.options().pingMax()) {
                LOG.debug("{} - cid:{} - Stale Client Connection - Closing", remote, id);
                sendErrAndClose(ErrorText.STALE_CONNECTION, "Stale Connection");
                return;
            }
            pingsOut++;
            rttPingSentNanos = System.nanoTime();
            if (out.appendControl(PING)) {
                flushNow();
            }
        }
        pingTimer = loop.schedule(this::onPingTimer, interval, TimeUnit.NANOSECONDS);
    }

    private void onAuthTimeout() {
        if (checkingCredentials) {
            // The check decides (an auth callout waits at most the auth timeout itself); then this runs again.
            authTimer = loop.schedule(this::onAuthTimeout, 50, TimeUnit.MILLISECONDS);
            return;
        }
        if (!connected && !closing) {
            sendErrAndClose(ErrorText.AUTHENTICATION_TIMEOUT, "Authentication Timeout");
            LOG.debug("{} - cid:{} - Authentication Timeout", remote, id); // nats-server: debug, after the -ERR
        }
    }

    // ---- closing --------------------------------------------------------------------------------------------------

    /** Sends {@code -ERR '<text>'} (when text is not null), flushes, then closes. Owner loop only. */
    void sendErrAndClose(String text, String reason) {
        if (closing) {
            return;
        }
        closing = true;
        closeReason = reason;
        if (text != null) {
            if (ProtocolTrace.on()) {
                ProtocolTrace.out(remote, id, connect, "-ERR " + text);
            }
            out.appendControl(("-ERR '" + text + "'\r\n").getBytes(StandardCharsets.UTF_8));
        }
        ByteBuf b = out.take();
        if (b != null && channel.isActive()) {
            channel.writeAndFlush(b).addListener(ChannelFutureListener.CLOSE);
        } else {
            if (b != null) {
                b.release();
            }
            channel.close();
        }
    }

    private void closeNow(String reason) {
        if (closeReason == null) {
            closeReason = reason;
        }
        closing = true;
        channel.close();
    }

    /** Closes from any thread, e.g. at server shutdown. */
    public void close() {
        if (loop.inEventLoop()) {
            closeNow("Server Shutdown");
        } else {
            loop.execute(() -> closeNow("Server Shutdown"));
        }
    }

    // ---- config reload and lame duck ------------------------------------------------------------------------------

    /**
     * After a config reload, from any thread. With {@code authChanged}, the credentials this client connected with
     * are checked again, as nats-server does: a client they no longer admit gets -ERR and is closed. The parser
     * takes the new max_payload (max_control_line and max_pending only reach new connections), and with
     * {@code infoChanged} a protocol-1 client gets the new INFO.
     */
    public void reloaded(boolean authChanged, boolean infoChanged) {
        loop.execute(() -> {
            if (closing) {
                return;
            }
            if (authChanged) {
                authRequired = ctx.authenticator().required();
                if (connected) {
                    checkAgain(ctx.authenticator());
                }
            }
            parser.maxPayload(maxPayload());
            if (infoChanged) {
                sendAsyncInfo(ctx.info());
            }
        });
    }

    /** After a reload: the credentials this client connected with, against the new authorization (bcrypt off-loop). */
    private void checkAgain(io.jnatsd.auth.Authenticator auth) {
        if (!authRequired) {
            checkedAgain(auth, io.jnatsd.auth.Authenticator.UNRESTRICTED);
            return;
        }
        ConnectOptions c = connect;
        String n = nonce;
        java.util.concurrent.CompletableFuture<io.jnatsd.auth.User> elsewhere =
                certIdentities != null ? null : auth.loginElsewhere(c, connectingClient());
        if (elsewhere != null) {
            elsewhere.whenComplete((user, e) -> loop.execute(() -> checkedAgain(auth, e == null ? user : null)));
            return;
        }
        if (certIdentities == null && auth.slowToCheck(c) && ctx.credentialChecks().submit(() -> {
            io.jnatsd.auth.User user = auth.login(c, n);
            loop.execute(() -> checkedAgain(auth, user));
        })) {
            return;
        }
        checkedAgain(auth, login(auth, c));
    }

    private void checkedAgain(io.jnatsd.auth.Authenticator auth, io.jnatsd.auth.User user) {
        if (closing || auth != ctx.authenticator()) {
            return; // closed meanwhile, or a newer reload checks again
        }
        if (user == null || !user.admitsType(ctx.type())) {
            LOG.error("{} - cid:{} - {}", remote, id, ErrorText.AUTHORIZATION_VIOLATION);
            sendErrAndClose(ErrorText.AUTHORIZATION_VIOLATION, "Authentication Failure");
            return;
        }
        if (!joinAccount(user)) {
            return; // the user now belongs to a full account
        }
        applyPermissions(user); // new publishes and subscriptions follow the reloaded permissions
        dropForbiddenSubscriptions();
    }

    /** Sends this INFO (e.g. with "ldm":true) if the client said it understands async INFO (protocol 1). */
    public void sendInfo(ServerInfo info) {
        loop.execute(() -> sendAsyncInfo(info));
    }

    private void sendAsyncInfo(ServerInfo info) {
        if (!closing && connected && connect.protocol >= 1 && out.appendControl(info.render(id, clientIp))) {
            flushNow();
        }
    }

    // ---- monitoring ----------------------------------------------------------------------------------------------
    // Read-only views for /connz and friends, called from the monitoring thread. Values owned by the event loop are
    // read without synchronisation: a monitoring answer may be a moment stale, never a reason to slow the loop.

    /** Wall clock and monotonic clock at accept, so monotonic stamps (lastReadNanos) convert to wall time. */
    private final long monStartEpochNanos = epochNanos();
    private final long monStartNanos = System.nanoTime();
    private long rttPingSentNanos;
    private volatile long rttNanos;

    private static long epochNanos() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** nats-server's first estimate: from sending INFO (accept) to receiving CONNECT. */
    private void estimateRtt() {
        if (rttNanos == 0) {
            rttNanos = Math.max(1, System.nanoTime() - monStartNanos);
        }
    }

    /** A PONG answering our PING: the round trip is measured again. */
    private void measureRtt() {
        if (rttPingSentNanos != 0) {
            rttNanos = Math.max(1, System.nanoTime() - rttPingSentNanos);
            rttPingSentNanos = 0;
        }
    }

    /** When the connection was accepted, in nanoseconds since the epoch. */
    public long startEpochNanos() {
        return monStartEpochNanos;
    }

    /** The last read from the client (the accept before any), in nanoseconds since the epoch. */
    public long lastActivityEpochNanos() {
        long last = lastReadNanos;
        return last == 0 ? monStartEpochNanos : monStartEpochNanos + (last - monStartNanos);
    }

    /** The last round-trip time measured, 0 before the first. */
    public long rttNanos() {
        return rttNanos;
    }

    /** The client's address; null before the channel is active. */
    public String clientIp() {
        return clientIp;
    }

    public int clientPort() {
        Channel ch = channel;
        SocketAddress ra = ch == null ? null : ch.remoteAddress();
        return ra instanceof InetSocketAddress ? ((InetSocketAddress) ra).getPort() : 0;
    }

    /** "nats" for TCP clients, "websocket" for websocket ones, as /connz reports them. */
    public String type() {
        return ctx.type();
    }

    public String lang() {
        return connect.lang;
    }

    /** "1.2" or "1.3" as nats-server reports it; null without TLS. */
    public String tlsVersion() {
        return tlsVersion;
    }

    public String tlsCipherSuite() {
        return tlsCipherSuite;
    }

    public String version() {
        return connect.version;
    }

    /** The user logged in as (nats-server's authorized_user): the CONNECT's user name, or the nkey. */
    public String user() {
        String u = authorizedUser;
        return u != null ? u : connect.user;
    }

    public Account<ClientConnection> account() {
        return account;
    }

    public String accountName() {
        return account.name();
    }

    public long outMsgs() {
        OutboundBuffer o = out;
        return o == null ? 0 : o.outMsgs;
    }

    public long outBytes() {
        OutboundBuffer o = out;
        return o == null ? 0 : o.outBytes;
    }

    /** Output appended but not yet handed to the socket. */
    public int pendingBytes() {
        OutboundBuffer o = out;
        return o == null ? 0 : o.pendingBytes();
    }

    /** Live view of this connection's subscriptions (safe to iterate from any thread). */
    public java.util.Collection<Subscription<ClientConnection>> subscriptions() {
        return subs.values();
    }

    /** Why the connection closed, as nats-server words it; "Client Closed" when the client hung up. */
    public String closeReason() {
        String r = closeReason;
        return r == null ? "Client Closed" : r;
    }
}
