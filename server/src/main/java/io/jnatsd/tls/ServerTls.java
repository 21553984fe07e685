package io.jnatsd.tls;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;

import java.util.concurrent.TimeUnit;

/**
 * TLS of one listener: the settings and the SslContext built from them once (rebuilt only on a reload). Puts the
 * TLS handlers in front of a new connection's handler; plain connections of a non-TLS listener get nothing.
 */
public final class ServerTls {
    static final String ACCEPT = "tls-accept";
    static final String SSL = "tls";
    static final String CHECK = "tls-check";

    private final TlsSettings settings;
    private final SslContext context;

    private ServerTls(TlsSettings settings, SslContext context) {
        this.settings = settings;
        this.context = context;
    }

    /** Throws {@link TlsConfigException} when the files cannot be used. */
    public static ServerTls of(TlsSettings settings) {
        return new ServerTls(settings, TlsContexts.forServer(settings));
    }

    public TlsSettings settings() {
        return settings;
    }

    /** Null when the tls block has no certificate: every handshake is refused. */
    public SslContext context() {
        return context;
    }

    /** "openssl" or "jdk": the engine in use. */
    public String providerName() {
        return context instanceof io.netty.handler.ssl.OpenSslContext ? "openssl" : "jdk";
    }

    /**
     * For a client channel, before its connection handler is added. With handshake_first the SslHandler goes in at
     * once (the connection's INFO then waits in it until the handshake is done, so it goes out encrypted); else the
     * {@link TlsAcceptor} waits for the client's first byte, after the plain INFO. With a fallback delay,
     * {@link TlsFirstAcceptor} decides between the two.
     */
    public void installForClient(ChannelPipeline p, boolean allowNonTls) {
        if (settings.handshakeFirst() && settings.handshakeFirstFallback() != null && context != null) {
            p.addLast(ACCEPT, new TlsFirstAcceptor(this, allowNonTls));
        } else if (settings.handshakeFirst() && context != null) {
            p.addLast(SSL, newSslHandler(p.channel()));
            p.addLast(CHECK, new TlsHandshakeCheck(settings));
        } else {
            p.addLast(ACCEPT, new TlsAcceptor(this, allowNonTls));
        }
    }

    SslHandler newSslHandler(Channel ch) {
        SslHandler h = context.newHandler(ch.alloc());
        h.setHandshakeTimeout(settings.timeout().toNanos(), TimeUnit.NANOSECONDS);
        return h;
    }
}
