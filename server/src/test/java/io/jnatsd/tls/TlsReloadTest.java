package io.jnatsd.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnatsd.NatsServer;
import io.jnatsd.config.load.ReloadDiff;
import io.jnatsd.testing.RawClient;
import io.jnatsd.testing.TestCertificates;
import io.nats.client.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A reload that changes the tls block applies to new connections; existing ones keep their TLS session. */
@Timeout(30)
class TlsReloadTest {
    private final TestCertificates certs = TestCertificates.create();

    @Test
    void newConnectionsGetTheReloadedTls() throws Exception {
        try (NatsServer s = TlsServers.start(certs.tlsBlock());
             Connection before = TlsServers.connect(s, certs, null)) {
            ReloadDiff diff = s.reload(TlsServers.fromConfig(certs.tlsBlock("verify: true",
                    "ca_file: \"" + certs.caFile() + "\"", "timeout: 3")).build());
            // nats-server 2.9.10 logs these two, in this order (checked with SIGHUP on the reference)
            assertThat(diff.changes()).containsSubsequence("Reloaded: tls timeout = 3", "Reloaded: tls = enabled");
            try (RawClient raw = RawClient.connect(s.port())) {
                assertThat(raw.readLine()).contains("\"tls_verify\":true");
            }
            try (Connection after = TlsServers.connect(s, certs, certs.client("CN=new", null))) {
                after.flush(java.time.Duration.ofSeconds(5));
            }
            before.flush(java.time.Duration.ofSeconds(5)); // still connected without a client certificate
        }
    }
}
