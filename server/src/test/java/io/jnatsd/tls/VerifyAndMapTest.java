package io.jnatsd.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jnatsd.NatsServer;
import io.jnatsd.testing.JnatsClients;
import io.jnatsd.testing.TestCertificates;
import io.nats.client.Connection;
import io.nats.client.Subscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;

/** verify_and_map: the client certificate names the user (SAN email first, then the subject DN), permissions apply. */
@Timeout(30)
class VerifyAndMapTest {
    private final TestCertificates certs = TestCertificates.create();

    private NatsServer start() {
        return TlsServers.start(certs.tlsBlock("ca_file: \"" + certs.caFile() + "\"", "verify_and_map: true")
                + "authorization { users = [\n"
                + "  { user: \"alice@example.com\", permissions: { publish: \"alice.>\", subscribe: \">\" } }\n"
                + "  { user: \"CN=bob,O=Acme\" }\n"
                + "] }\n");
    }

    @Test
    void emailInTheCertificateLogsInAsThatUserWithItsPermissions() throws Exception {
        try (NatsServer s = start();
             Connection alice = TlsServers.connect(s, certs, certs.client("CN=alice,O=Acme", "alice@example.com"));
             Connection watcher = TlsServers.connect(s, certs, certs.client("CN=bob,O=Acme", null))) {
            assertThat(alice.getServerInfo().isAuthRequired()).isTrue();
            Subscription sub = watcher.subscribe(">");
            JnatsClients.flush(watcher);
            alice.publish("other.subject", new byte[] {1}); // refused by alice's permissions
            alice.publish("alice.ok", new byte[] {2});
            JnatsClients.flush(alice);
            var m = sub.nextMessage(JnatsClients.WAIT);
            assertThat(m).isNotNull();
            assertThat(m.getSubject()).isEqualTo("alice.ok");
            assertThat(sub.nextMessage(Duration.ofMillis(200))).isNull();
        }
    }

    @Test
    void subjectDnLogsInWhenNoEmailMatches() throws Exception {
        try (NatsServer s = start();
             Connection bob = TlsServers.connect(s, certs, certs.client("CN=bob,O=Acme", "bob@elsewhere.example"))) {
            Subscription sub = bob.subscribe("any.subject");
            bob.publish("any.subject", new byte[] {1});
            assertThat(sub.nextMessage(JnatsClients.WAIT)).isNotNull(); // bob is unrestricted
        }
    }

    @Test
    void certificateNamingNoUserIsRefusedEvenWithAPassword() throws Exception {
        try (NatsServer s = start()) {
            TestCertificates.Issued carol = certs.client("CN=carol", "carol@example.com");
            assertThatThrownBy(() -> TlsServers.connect(s, certs, carol,
                    b -> b.userInfo("alice@example.com", "x").connectionTimeout(Duration.ofSeconds(2))).close())
                    .hasMessageContaining("Authorization Violation");
        }
    }
}
