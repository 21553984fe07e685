package io.jnatsd.tls;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * handshake_first with a fallback delay (nats-server 2.10's {@code "auto"} or {@code "300ms"}): the connection's INFO
 * is held back. If the client's first bytes arrive before the delay and start a TLS handshake, the SslHandler goes
 * in and the held INFO follows through it, encrypted. If the delay passes in silence, the INFO goes out in plain text
 * and the client is expected to start TLS after it, as without handshake_first ({@link TlsAcceptor} takes over).
 * Removes itself once decided. Event loop only.
 */
final class TlsFirstAcceptor extends ChannelDuplexHandler {
    private static final int HANDSHAKE_RECORD = 0x16;

    private record Held(Object msg, ChannelPromise promise) {
    }

    private final ServerTls tls;
    private final boolean allowNonTls;
    private final ArrayDeque<Held> held = new ArrayDeque<>();
    private boolean flushWanted;
    private boolean decided;
    private ScheduledFuture<?> fallback;

    TlsFirstAcceptor(ServerTls tls, boolean allowNonTls) {
        this.tls = tls;
        this.allowNonTls = allowNonTls;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        long delay = tls.settings().handshakeFirstFallback().toNanos();
        fallback = ctx.executor().schedule(() -> fallBack(ctx), delay, TimeUnit.NANOSECONDS);
        ctx.fireChannelActive(); // the connection writes its INFO now: held below
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (decided) {
            ctx.write(msg, promise);
        } else {
            held.add(new Held(msg, promise));
        }
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        if (decided) {
            ctx.flush();
        } else {
            flushWanted = true;
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (decided || !(msg instanceof ByteBuf in) || !in.isReadable()) {
            ctx.fireChannelRead(msg);
            return;
        }
        decided = true;
        fallback.cancel(false);
        if (in.getUnsignedByte(in.readerIndex()) != HANDSHAKE_RECORD) {
            ReferenceCountUtil.release(msg);
            dropHeld();
            ctx.fireUserEventTriggered(
                    new TlsRefused("TLS handshake error: tls: first record does not look like a TLS handshake"));
            ctx.close();
            return;
        }
        ctx.pipeline().addAfter(ctx.name(), ServerTls.SSL, tls.newSslHandler(ctx.channel()));
        ctx.pipeline().addAfter(ServerTls.SSL, ServerTls.CHECK, new TlsHandshakeCheck(tls.settings()));
        ctx.fireChannelRead(msg); // the ClientHello, to the SslHandler
        // The held INFO, written from behind the SslHandler so that it is encrypted (after the handshake).
        ChannelHandlerContext behindSsl = ctx.pipeline().context(ServerTls.CHECK);
        for (Held h; (h = held.poll()) != null; ) {
            behindSsl.write(h.msg(), h.promise());
        }
        if (flushWanted) {
            behindSsl.flush();
        }
        ctx.pipeline().remove(this);
    }

    /** The client said nothing in time: plain INFO, then the usual first-byte check. */
    private void fallBack(ChannelHandlerContext ctx) {
        if (decided || !ctx.channel().isActive()) {
            return;
        }
        decided = true;
        for (Held h; (h = held.poll()) != null; ) {
            ctx.write(h.msg(), h.promise());
        }
        if (flushWanted) {
            ctx.flush();
        }
        ctx.pipeline().replace(this, ServerTls.ACCEPT, new TlsAcceptor(tls, allowNonTls));
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (fallback != null) {
            fallback.cancel(false);
        }
        dropHeld();
    }

    private void dropHeld() {
        for (Held h; (h = held.poll()) != null; ) {
            ReferenceCountUtil.release(h.msg());
            h.promise().tryFailure(new java.nio.channels.ClosedChannelException());
        }
    }
}
