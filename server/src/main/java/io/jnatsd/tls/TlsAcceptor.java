package io.jnatsd.tls;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * First handler of a client channel on a TLS port (INFO first, as nats-server 2.9): INFO has gone out in plain
 * text; the client's first byte tells whether it starts TLS (a handshake record, 0x16). If so this handler is
 * replaced by the SslHandler, which gets the bytes read so far; if not, the client is refused, or with
 * allow_non_tls this handler just leaves. Either way it is gone after the first read: the message path of a
 * connection never passes through it.
 */
final class TlsAcceptor extends ByteToMessageDecoder {
    private static final int HANDSHAKE_RECORD = 0x16;

    private final ServerTls tls;
    private final boolean allowNonTls;

    TlsAcceptor(ServerTls tls, boolean allowNonTls) {
        this.tls = tls;
        this.allowNonTls = allowNonTls;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (!in.isReadable()) {
            return;
        }
        if (in.getUnsignedByte(in.readerIndex()) == HANDSHAKE_RECORD && tls.context() == null) {
            in.skipBytes(in.readableBytes());
            ctx.fireUserEventTriggered(new TlsRefused("TLS handshake error: tls: no certificates configured"));
            ctx.close();
        } else if (in.getUnsignedByte(in.readerIndex()) == HANDSHAKE_RECORD) {
            ctx.pipeline().addAfter(ctx.name(), ServerTls.CHECK, new TlsHandshakeCheck(tls.settings()));
            ctx.pipeline().replace(this, ServerTls.SSL, tls.newSslHandler(ctx.channel()));
        } else if (allowNonTls) {
            ctx.pipeline().remove(this); // the bytes read so far go on to the client handler
        } else {
            in.skipBytes(in.readableBytes());
            ctx.fireUserEventTriggered(
                    new TlsRefused("TLS handshake error: tls: first record does not look like a TLS handshake"));
            ctx.close();
        }
    }
}
