package io.jnatsd.websocket;

import io.jnatsd.client.ClientConnection;
import io.jnatsd.client.ClientContext;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionData;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionFilter;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionFilterProvider;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtension;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateServerExtensionHandshaker;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP upgrade of one websocket connection, with nats-server's checks in its order (RFC 6455, 4.2.1) and its
 * refusals (405, 400, 403 for a refused Origin). On success the pipeline becomes: websocket frame decoder and
 * encoder, permessage-deflate when negotiated, {@link WebSocketFrameCodec}, then the same {@link ClientConnection}
 * TCP clients get, which is then told the channel is active.
 */
final class WebSocketHandshake extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketHandshake.class);
    /** Largest frame accepted; a frame can hold many messages, each within max_payload. */
    private static final int MAX_FRAME_PAYLOAD = 64 * 1024 * 1024;
    private static final String NO_MASKING_HEADER = "Nats-No-Masking";

    private final ClientContext clients;
    private final OriginCheck origins;
    private final boolean compression;
    private final Duration handshakeTimeout;
    private final boolean tls;
    private ScheduledFuture<?> timer;

    WebSocketHandshake(ClientContext clients, OriginCheck origins, boolean compression, Duration handshakeTimeout,
            boolean tls) {
        this.clients = clients;
        this.origins = origins;
        this.compression = compression;
        this.handshakeTimeout = handshakeTimeout;
        this.tls = tls;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (!handshakeTimeout.isZero()) {
            // nats-server's HTTP read timeout: no upgrade in time, the connection is dropped without an answer.
            timer = ctx.executor().schedule(() -> {
                ctx.close();
            }, handshakeTimeout.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelTimer();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        try {
            handle(ctx, request);
        } finally {
            request.release();
        }
    }

    private void handle(ChannelHandlerContext ctx, FullHttpRequest r) {
        HttpHeaders h = r.headers();
        if (r.decoderResult().isFailure()) {
            refuse(ctx, HttpResponseStatus.BAD_REQUEST, "invalid request: " + r.decoderResult().cause());
            return;
        }
        if (!HttpMethod.GET.equals(r.method())) {
            refuse(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, "request method must be GET");
            return;
        }
        String host = h.get("Host");
        if (host == null || host.isEmpty()) {
            refuse(ctx, HttpResponseStatus.BAD_REQUEST, "'Host' missing in request");
            return;
        }
        if (!headerContains(h, "Upgrade", "websocket")) {
            refuse(ctx, HttpResponseStatus.BAD_REQUEST, "invalid value for header 'Upgrade'");
            return;
        }
        if (!headerContains(h, "Connection", "Upgrade")) {
            refuse(ctx, HttpResponseStatus.BAD_REQUEST, "invalid value for header 'Connection'");
            return;
        }
        String key = h.get("Sec-WebSocket-Key");
        if (key == null || key.isEmpty()) {
            refuse(ctx, HttpResponseStatus.BAD_REQUEST, "key missing");
            return;
        }
        if (!headerContains(h, "Sec-WebSocket-Version", "13")) {
            refuse(ctx, HttpResponseStatus.BAD_REQUEST, "invalid version");
            return;
        }
        String origin = h.get("Origin");
        if (origin == null || origin.isEmpty()) {
            origin = h.get("Sec-WebSocket-Origin");
        }
        String refusal = origins.refusal(origin, host, tls);
        if (refusal != null) {
            refuse(ctx, HttpResponseStatus.FORBIDDEN, "origin not allowed: " + refusal);
            return;
        }
        boolean compress = compression && offersDeflate(h);
        boolean noMasking = "true".equals(h.get(NO_MASKING_HEADER));
        String agent = h.get("User-Agent");
        boolean browser = agent != null && agent.startsWith("Mozilla/");
        cancelTimer();
        ctx.writeAndFlush(Unpooled.wrappedBuffer(HandshakeReplies.switching(key, compress, noMasking)));
        upgrade(ctx, compress, noMasking, browser);
    }

    private void upgrade(ChannelHandlerContext ctx, boolean compress, boolean noMasking, boolean browser) {
        ChannelPipeline p = ctx.pipeline();
        WebSocketDecoderConfig config = WebSocketDecoderConfig.newBuilder()
                .expectMaskedFrames(!noMasking)
                .allowMaskMismatch(noMasking)
                .allowExtensions(compress)
                .maxFramePayloadLength(MAX_FRAME_PAYLOAD)
                .closeOnProtocolViolation(false) // WebSocketFrameCodec sends the close frame
                .build();
        p.replace(HttpRequestDecoder.class, "ws-decoder", new WebSocket13FrameDecoder(config));
        p.addAfter("ws-decoder", "ws-encoder", new WebSocket13FrameEncoder(false));
        String last = "ws-encoder";
        if (compress) {
            WebSocketServerExtension deflate = Deflate.negotiated();
            p.addAfter(last, "ws-inflate", deflate.newExtensionDecoder());
            p.addAfter("ws-inflate", "ws-deflate", deflate.newExtensionEncoder());
            last = "ws-deflate";
        }
        p.remove(HttpObjectAggregator.class);
        ClientConnection client = new ClientConnection(clients);
        p.addAfter(last, "ws-frames", new WebSocketFrameCodec(client::closeReason, browser));
        p.replace(this, "client", client);
        p.context("ws-frames").fireChannelActive(); // the channel was active before the client joined
    }

    private void refuse(ChannelHandlerContext ctx, HttpResponseStatus status, String reason) {
        LOG.error("{} - websocket handshake error: {}", remote(ctx.channel().remoteAddress()), reason);
        cancelTimer();
        ctx.writeAndFlush(Unpooled.wrappedBuffer(HandshakeReplies.refusal(status)))
                .addListener(ChannelFutureListener.CLOSE);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    /** A comma-separated header holds {@code value} as one of its tokens, ignoring case (as nats-server). */
    private static boolean headerContains(HttpHeaders h, String name, String value) {
        for (String v : h.getAll(name)) {
            for (String token : v.split(",")) {
                if (token.strip().equalsIgnoreCase(value)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** nats-server only looks for permessage-deflate among the offered extensions, whatever its parameters. */
    private static boolean offersDeflate(HttpHeaders h) {
        for (String v : h.getAll("Sec-WebSocket-Extensions")) {
            for (String extension : v.split(",")) {
                for (String param : extension.split(";")) {
                    if (param.strip().equalsIgnoreCase("permessage-deflate")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static String remote(SocketAddress a) {
        if (a instanceof InetSocketAddress isa && isa.getAddress() != null) {
            return isa.getAddress().getHostAddress() + ":" + isa.getPort();
        }
        return String.valueOf(a);
    }

    /**
     * permessage-deflate as nats-server does it: no context takeover either way, fastest compression, and frames of
     * 64 bytes or less sent as they are (compressing them costs more than it saves).
     */
    private static final class Deflate {
        private static final int SMALL_FRAME = 64;
        private static final WebSocketExtensionFilterProvider SKIP_SMALL = new WebSocketExtensionFilterProvider() {
            @Override
            public WebSocketExtensionFilter encoderFilter() {
                return frame -> frame.content().readableBytes() <= SMALL_FRAME;
            }

            @Override
            public WebSocketExtensionFilter decoderFilter() {
                return WebSocketExtensionFilter.NEVER_SKIP;
            }
        };
        private static final PerMessageDeflateServerExtensionHandshaker HANDSHAKER =
                new PerMessageDeflateServerExtensionHandshaker(1, false, 15, true, true, SKIP_SMALL);
        private static final WebSocketExtensionData AGREED = new WebSocketExtensionData("permessage-deflate",
                Map.of("server_no_context_takeover", "", "client_no_context_takeover", ""));

        static WebSocketServerExtension negotiated() {
            return HANDSHAKER.handshakeExtension(AGREED);
        }
    }
}
