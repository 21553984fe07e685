package io.jnatsd.tls;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Sits behind the SslHandler until the handshake ends: checks pinned_certs, collects the verify_and_map names, and
 * tells the connection handler with a {@link TlsEstablished} or {@link TlsRefused} event. Removes itself after.
 */
final class TlsHandshakeCheck extends ChannelInboundHandlerAdapter {
    private final TlsSettings settings;

    TlsHandshakeCheck(TlsSettings settings) {
        this.settings = settings;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (!(evt instanceof SslHandshakeCompletionEvent done)) {
            ctx.fireUserEventTriggered(evt);
            return;
        }
        ctx.pipeline().remove(this);
        if (!done.isSuccess()) {
            Throwable cause = done.cause();
            String why = cause instanceof io.netty.handler.ssl.SslHandshakeTimeoutException ? "TLS handshake timeout"
                    : "TLS handshake error: " + rootMessage(cause);
            ctx.fireUserEventTriggered(new TlsRefused(why));
            ctx.close();
            return;
        }
        SSLSession session = ctx.pipeline().get(SslHandler.class).engine().getSession();
        X509Certificate peer = peerCertificate(session);
        if (!CertificatePins.accepts(settings.pinnedCerts(), peer)) {
            ctx.fireUserEventTriggered(new TlsRefused(peer == null ? "Client had TLS pinned certs but no peer cert"
                    : "Client certificate \"" + CertificatePins.pinOf(peer) + "\" not in pinned certs"));
            ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(new TlsEstablished(
                settings.verifyAndMap() && peer != null ? CertificateIdentities.of(peer) : null,
                session.getProtocol(), session.getCipherSuite()));
    }

    private static X509Certificate peerCertificate(SSLSession session) {
        try {
            Certificate[] chain = session.getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate x ? x : null;
        } catch (SSLPeerUnverifiedException e) {
            return null; // no client certificate
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getMessage() != null ? c.getMessage() : c.toString();
    }
}
