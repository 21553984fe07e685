package io.jnatsd.websocket;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Sits between the websocket frame codec and the client connection, so the connection sees the same byte stream
 * as over TCP: data frames (binary, text, continuation) go up as their payload, every ByteBuf written down goes out
 * as one binary frame (frames of at most 4 KB for browsers, as nats-server). Answers pings; answers a close with a close and hangs up; and when the server closes the
 * connection first, sends a close frame with nats-server's status for the reason.
 */
final class WebSocketFrameCodec extends ChannelDuplexHandler {
    /** nats-server's frame limit for browsers, which handle small frames better. */
    static final int BROWSER_FRAME_SIZE = 4096;

    private final Supplier<String> closeReason;
    /** Writes to a browser are cut into frames of at most {@link #BROWSER_FRAME_SIZE} bytes. */
    private final boolean browser;
    private boolean closeSent;
    /** Set when the client broke the websocket protocol: the close frame then says so. */
    private String protocolError;

    /** {@code closeReason}: why the connection closes, asked when the server closes it. */
    WebSocketFrameCodec(Supplier<String> closeReason, boolean browser) {
        this.closeReason = closeReason;
        this.browser = browser;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof WebSocketFrame frame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (msg instanceof PingWebSocketFrame) {
            ctx.writeAndFlush(new PongWebSocketFrame(frame.content()));
        } else if (msg instanceof PongWebSocketFrame) {
            frame.release();
        } else if (msg instanceof CloseWebSocketFrame close) {
            int status = close.statusCode() < 0 ? CloseStatus.NO_STATUS : close.statusCode();
            String text = close.statusCode() < 0 ? "" : close.reasonText();
            close.release();
            if (!closeSent) {
                closeSent = true;
                // Echo the client's status; the connection then ends as "Client Closed".
                ctx.writeAndFlush(closeFrame(ctx, status, text)).addListener(ChannelFutureListener.CLOSE);
            }
        } else {
            ctx.fireChannelRead(frame.content()); // the connection releases it
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf b) {
            if (browser) {
                // Each piece is a whole frame (the protocol is a byte stream); the caller's promise goes with the last.
                while (b.readableBytes() > BROWSER_FRAME_SIZE) {
                    ctx.write(new BinaryWebSocketFrame(b.readRetainedSlice(BROWSER_FRAME_SIZE)), ctx.voidPromise());
                }
            }
            ctx.write(new BinaryWebSocketFrame(b), promise);
        } else {
            ctx.write(msg, promise);
        }
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (closeSent || !ctx.channel().isActive()) {
            ctx.close(promise);
            return;
        }
        closeSent = true;
        int status;
        String text;
        if (protocolError != null) {
            status = CloseStatus.PROTOCOL_ERROR;
            text = protocolError;
        } else {
            text = closeReason.get();
            status = CloseStatus.forReason(text);
        }
        ctx.writeAndFlush(closeFrame(ctx, status, text)).addListener(f -> ctx.close(promise));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof CorruptedWebSocketFrameException) {
            // The connection closes on a read error, as nats-server's does; our close frame names the violation.
            protocolError = cause.getMessage();
            ctx.fireExceptionCaught(new IOException("websocket: " + cause.getMessage(), cause));
        } else {
            ctx.fireExceptionCaught(cause);
        }
    }

    /** Built by hand: nats-server also sends statuses (1005, 1006) that Netty's frame class refuses. */
    private static CloseWebSocketFrame closeFrame(ChannelHandlerContext ctx, int status, String text) {
        byte[] t = CloseStatus.fitText(text == null ? "" : text).getBytes(StandardCharsets.UTF_8);
        ByteBuf b = ctx.alloc().buffer(2 + t.length);
        b.writeShort(status);
        b.writeBytes(t);
        return new CloseWebSocketFrame(true, 0, b);
    }
}
