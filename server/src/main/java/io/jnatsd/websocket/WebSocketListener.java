package io.jnatsd.websocket;

import io.jnatsd.client.ClientContext;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequestDecoder;

import java.net.InetSocketAddress;

/**
 * The websocket listener: a second server socket on the client event loops whose connections start as HTTP,
 * upgrade in {@link WebSocketHandshake}, then carry the NATS protocol to the same client handler TCP clients use.
 */
public final class WebSocketListener implements AutoCloseable {
    /** An upgrade request is small; nats-server's HTTP server allows 1 MB of headers, we allow less. */
    private static final int MAX_REQUEST_BYTES = 64 * 1024;

    /**
     * The wss hook: builds the TLS handler (e.g. Netty's SslHandler from the TLS package's SslContext) placed first
     * in each connection's pipeline. Null means ws:// only.
     */
    @FunctionalInterface
    public interface TlsHook {
        ChannelHandler newHandler(Channel channel);
    }

    private final Channel channel;
    private final boolean tls;

    private WebSocketListener(Channel channel, boolean tls) {
        this.channel = channel;
        this.tls = tls;
    }

    /** Binds {@code settings.host():settings.port()} (-1 or 0 picks a free port); throws if it cannot. */
    public static WebSocketListener start(WebSocketSettings settings, ClientContext clients, EventLoopGroup acceptor,
            EventLoopGroup io, Class<? extends ServerChannel> channelType, TlsHook tlsHook) {
        OriginCheck origins = new OriginCheck(settings.sameOrigin(), settings.allowedOrigins());
        boolean tls = tlsHook != null;
        ServerBootstrap b = new ServerBootstrap()
                .group(acceptor, io)
                .channel(channelType)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.RCVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator(512, 4096, 65536))
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 1024 * 1024))
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (tlsHook != null) {
                            ch.pipeline().addLast("tls", tlsHook.newHandler(ch));
                        }
                        ch.pipeline().addLast("http", new HttpRequestDecoder())
                                .addLast("http-aggregator", new HttpObjectAggregator(MAX_REQUEST_BYTES))
                                .addLast("ws-handshake", new WebSocketHandshake(clients, origins,
                                        settings.compression(), settings.handshakeTimeout(), tls));
                    }
                });
        int port = settings.port() == -1 ? 0 : settings.port();
        try {
            return new WebSocketListener(b.bind(settings.host(), port).sync().channel(), tls);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding the websocket listener", e);
        } catch (Exception e) {
            throw new IllegalStateException("Unable to listen for websocket connections: listen tcp "
                    + settings.host() + ":" + port + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** "wss" with TLS, else "ws", as nats-server's "Listening for websocket clients on ..." line. */
    public String scheme() {
        return tls ? "wss" : "ws";
    }

    /** Stops accepting; connections already upgraded are closed with the other clients. */
    @Override
    public void close() {
        channel.close().awaitUninterruptibly();
    }
}
