package io.jnatsd.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jnatsd.NatsServer;
import io.jnatsd.testing.Await;
import io.jnatsd.testing.JnatsClients;
import io.jnatsd.testing.RawClient;
import io.jnatsd.testing.TestCertificates;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;

/** Client TLS with jnats and raw sockets: plain TLS, mTLS, the plaintext refusal, allow_non_tls, handshake_first. */
@Timeout(30)
class TlsClientTest {
    private static TestCertificates certs;
    private static TestCertificates otherCa;

    @BeforeAll
    static void certificates() {
        certs = TestCertificates.create();
        otherCa = TestCertificates.create("other CA");
    }

    @AfterAll
    static void done() {
        certs = null;
        otherCa = null;
    }

    private static void roundTrip(Connection nc) throws Exception {
        Subscription sub = nc.subscribe("tls.test");
        nc.publish("tls.test", "hello over tls".getBytes(StandardCharsets.UTF_8));
        Message m = sub.nextMessage(JnatsClients.WAIT);
        assertThat(m).isNotNull();
        assertThat(new String(m.getData(), StandardCharsets.UTF_8)).isEqualTo("hello over tls");
    }

    /** A connection attempt expected to fail; short timeout, since a refused client may only notice by waiting. */
    private static void refused(NatsServer s, TestCertificates.Issued client) throws Exception {
        TlsServers.connect(s, certs, client, b -> b.connectionTimeout(java.time.Duration.ofSeconds(2))).close();
    }

    @Test
    void jnatsPublishesAndSubscribesOverTls() throws Exception {
        try (NatsServer s = TlsServers.start(certs.tlsBlock());
             Connection nc = TlsServers.connect(s, certs, null)) {
            assertThat(s.clientUrl()).startsWith("tls://");
            roundTrip(nc);
            assertThat(nc.getServerInfo().isTLSRequired()).isTrue();
        }
    }

    /** After the plain INFO, a TLS 1.2 handshake offering only {@code suite}; returns the suite agreed on. */
    private static String handshakeWith(NatsServer s, String suite) throws Exception {
        try (java.net.Socket plain = new java.net.Socket("127.0.0.1", s.port())) {
            plain.setSoTimeout(5000);
            java.io.InputStream in = plain.getInputStream();
            int b;
            while ((b = in.read()) != '\n' && b >= 0) {
                // skip the INFO line
            }
            try (javax.net.ssl.SSLSocket tls = (javax.net.ssl.SSLSocket) certs.clientContext(null).getSocketFactory()
                    .createSocket(plain, "127.0.0.1", s.port(), false)) {
                tls.setEnabledProtocols(new String[] {"TLSv1.2"});
                tls.setEnabledCipherSuites(new String[] {suite});
                tls.startHandshake();
                return tls.getSession().getCipherSuite();
            }
        }
    }

    @Test
    void cipherSuitesLimitWhatTls12Negotiates() throws Exception {
        String conf = certs.tlsBlock("cipher_suites: [\"TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384\"]",
                "curve_preferences: [\"CurveP384\", \"CurveP256\"]");
        try (NatsServer s = TlsServers.start(conf)) {
            assertThat(handshakeWith(s, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"))
                    .isEqualTo("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
            assertThatThrownBy(() -> handshakeWith(s, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"))
                    .isInstanceOf(java.io.IOException.class);
            try (Connection nc = TlsServers.connect(s, certs, null)) { // TLS 1.3 suites stay on, as in Go
                roundTrip(nc);
            }
        }
    }

    @Test
    void bothProvidersServeTls() throws Exception {
        TestCertificates.Issued srv = certs.server();
        for (TlsProvider p : new TlsProvider[] {TlsProvider.JDK, TlsProvider.OPENSSL, TlsProvider.AUTO}) {
            TlsSettings t = TlsSettings.of(srv.certFile().toString(), srv.keyFile().toString()).withProvider(p);
            try (NatsServer s = NatsServer.start(io.jnatsd.config.ServerOptions.builder().host("127.0.0.1").port(0)
                    .tls(t).build());
                 Connection nc = TlsServers.connect(s, certs, null)) {
                roundTrip(nc);
            }
        }
        if (io.netty.handler.ssl.OpenSsl.isAvailable()) {
            assertThat(TlsContexts.resolve(TlsProvider.AUTO)).isEqualTo(io.netty.handler.ssl.SslProvider.OPENSSL);
        }
    }

    @Test
    void infoIsPlainAndSaysTlsRequired() throws Exception {
        try (NatsServer s = TlsServers.start(certs.tlsBlock("verify: true", "ca_file: \"" + certs.caFile() + "\""));
             RawClient raw = RawClient.connect(s.port())) {
            String info = raw.readLine();
            assertThat(info).startsWith("INFO {").contains("\"tls_required\":true,\"tls_verify\":true,")
                    .doesNotContain("tls_available");
        }
    }

    @Test
    void plaintextClientIsClosedWithoutAnswer() throws Exception {
        try (NatsServer s = TlsServers.start(certs.tlsBlock());
             RawClient raw = RawClient.connect(s.port())) {
            assertThat(raw.readLine()).startsWith("INFO ");
            raw.send("CONNECT {\"verbose\":false}\r\nPING\r\n");
            // nats-server 2.9.10 fails the handshake ("first record does not look like a TLS handshake") and closes
            // without a word; a PONG or -ERR here would be a difference.
            assertThat(raw.readLine()).isNull();
            Await.until(JnatsClients.WAIT, "plaintext connection gone", () -> s.connectionCount() == 0);
        }
    }

    @Test
    void aRefusedPlaintextClientIsClosedAsTlsHandshakeFailure() throws Exception {
        try (NatsServer s = NatsServer.start(TlsServers.fromConfig(certs.tlsBlock()).httpPort(-1).build());
             RawClient raw = RawClient.connect(s.port())) {
            raw.readLine();
            raw.send("CONNECT {}\r\n");
            assertThat(raw.closedWithin(3000)).isTrue();
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            // /connz?state=closed as nats-server 2.9.10 reports the same client (checked with the reference)
            Await.until(JnatsClients.WAIT, "closed connection listed", () -> {
                try {
                    return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                            + s.monitoringPort() + "/connz?state=closed")).build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString()).body()
                            .contains("\"reason\": \"TLS Handshake Failure\"");
                } catch (Exception e) {
                    return false;
                }
            });
        }
    }

    @Test
    void allowNonTlsLetsBothKindsOfClientIn() throws Exception {
        try (NatsServer s = TlsServers.start(certs.tlsBlock() + "allow_non_tls: true\n");
             RawClient raw = RawClient.connect(s.port());
             Connection nc = TlsServers.connect(s, certs, null)) {
            String info = raw.readLine();
            assertThat(info).contains("\"tls_available\":true").doesNotContain("tls_required");
            raw.send("CONNECT {\"verbose\":false}\r\nPING\r\n");
            assertThat(raw.readLine()).isEqualTo("PONG");
            roundTrip(nc);
        }
    }

    @Test
    void mutualTlsAcceptsACertificateFromTheCa() throws Exception {
        String conf = certs.tlsBlock("verify: true", "ca_file: \"" + certs.caFile() + "\"");
        try (NatsServer s = TlsServers.start(conf);
             Connection nc = TlsServers.connect(s, certs, certs.client("CN=bob", null))) {
            roundTrip(nc);
        }
    }

    @Test
    void mutualTlsRefusesUnknownCaAndMissingCertificate() throws Exception {
        String conf = certs.tlsBlock("verify: true", "ca_file: \"" + certs.caFile() + "\"");
        try (NatsServer s = TlsServers.start(conf)) {
            TestCertificates.Issued stranger = otherCa.client("CN=mallory", null);
            assertThatThrownBy(() -> refused(s, stranger)).isInstanceOf(Exception.class);
            assertThatThrownBy(() -> refused(s, null)).isInstanceOf(Exception.class);
            Await.until(JnatsClients.WAIT, "refused connections gone", () -> s.connectionCount() == 0);
            // the server still serves a good client afterwards
            try (Connection nc = TlsServers.connect(s, certs, certs.client("CN=bob", null))) {
                roundTrip(nc);
            }
        }
    }

    @Test
    void pinnedCertsRefuseOtherCertificates() throws Exception {
        TestCertificates.Issued pinned = certs.client("CN=pinned", null);
        TestCertificates.Issued other = certs.client("CN=other", null);
        String conf = certs.tlsBlock("verify: true", "ca_file: \"" + certs.caFile() + "\"",
                "pinned_certs: [\"" + CertificatePins.pinOf(pinned.cert()).toUpperCase() + "\"]");
        try (NatsServer s = TlsServers.start(conf)) {
            try (Connection nc = TlsServers.connect(s, certs, pinned)) {
                roundTrip(nc);
            }
            assertThatThrownBy(() -> refused(s, other)).isInstanceOf(Exception.class);
        }
    }

    @Test
    void handshakeFirstWorksWithJnatsTlsFirst() throws Exception {
        try (NatsServer s = TlsServers.start(certs.tlsBlock("handshake_first: true"));
             Connection nc = TlsServers.connect(s, certs, null, b -> b.tlsFirst())) {
            roundTrip(nc);
        }
    }

    @Test
    void handshakeFirstWithFallbackServesBothKindsOfTlsClient() throws Exception {
        try (NatsServer s = TlsServers.start(certs.tlsBlock("handshake_first: \"300ms\""))) {
            try (Connection first = TlsServers.connect(s, certs, null, b -> b.tlsFirst())) {
                roundTrip(first); // started TLS at once: INFO came encrypted
            }
            try (RawClient raw = RawClient.connect(s.port())) {
                long t0 = System.nanoTime();
                assertThat(raw.readLine()).startsWith("INFO {").contains("\"tls_required\":true");
                assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(250); // after the delay
            }
            try (Connection infoFirst = TlsServers.connect(s, certs, null)) {
                roundTrip(infoFirst); // waited for the plain INFO, then started TLS
            }
        }
    }

    @Test
    void handshakeFirstSendsNoPlainInfo() throws Exception {
        try (NatsServer s = TlsServers.start(certs.tlsBlock("handshake_first: true"));
             RawClient raw = RawClient.connect(s.port())) {
            raw.timeout(500);
            assertThatThrownBy(raw::readLine).isInstanceOf(java.net.SocketTimeoutException.class);
        }
    }

    @Test
    void handshakeTimeoutClosesASilentTlsClient() throws Exception {
        try (NatsServer s = TlsServers.start(certs.tlsBlock("timeout: \"300ms\"", "handshake_first: true"));
             RawClient raw = RawClient.connect(s.port())) {
            raw.send(new byte[] {0x16, 0x03, 0x01}); // the start of a handshake record, then nothing
            // closed by the 300ms handshake timeout, well before the 2s auth timeout would
            assertThat(raw.closedWithin(1500)).isTrue();
        }
    }
}
