package io.jnatsd.cluster;

import io.jnatsd.tls.TlsContexts;
import io.jnatsd.tls.TlsSettings;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;

import java.net.URI;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * TLS for routes, as nats-server 2.9 does it: the handshake comes first on every route connection, before any INFO
 * (the accepting side is the TLS server, the soliciting side the client, presenting the same certificate). A
 * soliciting side checks the peer's certificate against ca_file and the host name of the route URL. What is written
 * before the handshake ends waits in the SslHandler and leaves encrypted.
 */
final class RouteTls {
    static final String HANDLER = "route-tls";

    private final TlsSettings settings;
    private final SslContext server;
    private final SslContext client;

    private RouteTls(TlsSettings settings, SslContext server, SslContext client) {
        this.settings = settings;
        this.server = server;
        this.client = client;
    }

    /** Null when the settings are null (plain routes). */
    static RouteTls of(TlsSettings settings) {
        if (settings == null) {
            return null;
        }
        return new RouteTls(settings, TlsContexts.forServer(settings), TlsContexts.forClient(settings));
    }

    TlsSettings settings() {
        return settings;
    }

    /** On an accepted route's channel, before the route handler. */
    void accepted(Channel ch) {
        if (server == null) {
            throw new IllegalStateException("cluster tls has no certificate");
        }
        add(ch, server.newHandler(ch.alloc()));
    }

    /** On a solicited route's channel, before the route handler. */
    void solicited(Channel ch, URI url) {
        int port = url.getPort() < 0 ? 6222 : url.getPort();
        SslHandler h = client.newHandler(ch.alloc(), url.getHost(), port);
        SSLEngine engine = h.engine();
        SSLParameters p = engine.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host we dialled
        engine.setSSLParameters(p);
        add(ch, h);
    }

    private void add(Channel ch, SslHandler h) {
        h.setHandshakeTimeout(settings.timeout().toNanos(), TimeUnit.NANOSECONDS);
        ch.pipeline().addLast(HANDLER, h);
    }
}
