package io.jnatsd.monitor;

import io.jnatsd.tls.ServerTls;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP (or HTTPS) listener for monitoring (nats-server's {@code -m}/{@code http_port}, {@code https_port}). Sockets and the HTTP codec run on
 * the server's own accept and I/O event loops; the endpoints run on one extra thread, so a large answer is built and
 * encoded off the loops that carry client traffic.
 */
public final class MonitorHttpServer implements AutoCloseable {
    /** Monitoring requests are small GETs; anything larger is refused by the codec. */
    private static final int MAX_REQUEST_BYTES = 64 * 1024;

    private final Channel listener;
    private final ChannelGroup connections;
    private final EventExecutorGroup executor;

    private MonitorHttpServer(Channel listener, ChannelGroup connections, EventExecutorGroup executor) {
        this.listener = listener;
        this.connections = connections;
        this.executor = executor;
    }

    /**
     * Binds {@code host:port} (port 0: any free port) and serves {@code monitoring}; records the bound port in its
     * {@link ServerView} for /varz. Throws IllegalStateException when the port cannot be bound.
     */
    public static MonitorHttpServer start(Monitoring monitoring, EventLoopGroup acceptor, EventLoopGroup io,
            Class<? extends ServerChannel> channelType, String host, int port) {
        return start(monitoring, acceptor, io, channelType, host, port, null);
    }

    /** HTTPS when {@code tls} is not null: the same endpoints behind the server's TLS settings (https_port). */
    public static MonitorHttpServer start(Monitoring monitoring, EventLoopGroup acceptor, EventLoopGroup io,
            Class<? extends ServerChannel> channelType, String host, int port, ServerTls tls) {
        EventExecutorGroup executor = new DefaultEventExecutorGroup(1, new DefaultThreadFactory("jnatsd-monitor",
                true));
        // Open HTTP connections (clients keep them alive) are closed with the listener, while the executor their
        // handlers run on still accepts the close events.
        ChannelGroup connections = new DefaultChannelGroup("jnatsd-monitor", GlobalEventExecutor.INSTANCE);
        ServerBootstrap b = new ServerBootstrap()
                .group(acceptor, io)
                .channel(channelType)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        connections.add(ch);
                        if (tls != null) {
                            ch.pipeline().addLast("tls", tls.context().newHandler(ch.alloc()));
                        }
                        ch.pipeline()
                                .addLast("http", new HttpServerCodec())
                                .addLast("aggregate", new HttpObjectAggregator(MAX_REQUEST_BYTES))
                                .addLast(executor, "monitor", new HttpHandler(monitoring));
                    }
                });
        try {
            Channel ch = b.bind(host, port).sync().channel();
            int bound = ((InetSocketAddress) ch.localAddress()).getPort();
            if (tls != null) {
                monitoring.server().httpsPort(bound);
            } else {
                monitoring.server().httpPort(bound);
            }
            return new MonitorHttpServer(ch, connections, executor);
        } catch (InterruptedException e) {
            executor.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding the monitor port", e);
        } catch (Exception e) {
            executor.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw new IllegalStateException("can't listen to the monitor port: " + host + ":" + port + ", \""
                    + e.getMessage() + "\"", e);
        }
    }

    /** The port actually bound. */
    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** Stops accepting and closes the open HTTP connections, then the monitoring thread. */
    @Override
    public void close() {
        listener.close().awaitUninterruptibly();
        connections.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        // The quiet period lets the closed connections' last events (fired on their I/O loops after the close)
        // still reach their handlers here instead of being rejected by a terminated executor.
        executor.shutdownGracefully(100, 1000, TimeUnit.MILLISECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
    }
}
