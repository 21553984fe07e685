package io.jnatsd.integration;

import io.jnatsd.NatsServer;
import io.jnatsd.auth.Permissions;
import io.jnatsd.auth.SubjectPermission;
import io.jnatsd.auth.User;
import io.jnatsd.testing.Await;
import io.jnatsd.testing.NKeyAuthHandler;
import io.jnatsd.testing.RawClient;
import io.nats.client.AuthenticationException;
import io.nats.client.Connection;
import io.nats.client.Subscription;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.jnatsd.testing.JnatsClients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** nkey users: INFO carries a nonce, the client signs it with its key, its permissions apply. */
class NKeyAuthTest extends JnatsIntegrationTest {
    private static final Pattern NONCE = Pattern.compile("\"nonce\":\"([^\"]*)\"");

    private final NKeyAuthHandler alice = NKeyAuthHandler.newUser();

    private NatsServer serverWith(User... users) {
        return startServer(o -> o.users(List.of(users)));
    }

    private User nkeyUser(NKeyAuthHandler key, Permissions p) {
        return new User(null, null, key.publicKey(), p);
    }

    private static String nonceOf(String info) {
        Matcher m = NONCE.matcher(info);
        assertThat(m.find()).as("nonce in %s", info).isTrue();
        return m.group(1);
    }

    @Test
    void jnatsConnectsWithItsNkeyAndWorks() throws Exception {
        serverWith(nkeyUser(alice, null));
        Connection nc = connect(o -> o.authHandler(alice));
        assertThat(nc.getServerInfo().isAuthRequired()).isTrue();
        Subscription sub = nc.subscribe("nk.ok");
        nc.publish("nk.ok", new byte[] {1});
        assertThat(sub.nextMessage(WAIT)).isNotNull();
        assertThat(server().connectionCount()).isEqualTo(1);
    }

    @Test
    void anNkeyThatIsNotConfiguredIsRefused() throws Exception {
        serverWith(nkeyUser(alice, null));
        NKeyAuthHandler stranger = NKeyAuthHandler.newUser();
        assertThatThrownBy(() -> connect(o -> o.authHandler(stranger).connectionTimeout(Duration.ofSeconds(1))))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("Authorization Violation");
        NatsServer s = server();
        Await.until(WAIT, "refused connection gone", () -> s.connectionCount() == 0);
    }

    @Test
    void theNkeyUsersPermissionsApply() throws Exception {
        Permissions p = new Permissions(new SubjectPermission(List.of("allowed.>"), null), null, 0, Duration.ZERO);
        NatsServer s = serverWith(nkeyUser(alice, p));
        try (RawClient c = RawClient.connect(s.port())) {
            String nonce = nonceOf(c.readInfo());
            c.send("CONNECT {\"verbose\":false,\"nkey\":\"" + alice.publicKey() + "\",\"sig\":\""
                    + alice.signature(nonce) + "\"}\r\nSUB > 1\r\nPUB denied.x 1\r\nx\r\nPUB allowed.x 1\r\ny\r\n"
                    + "PING\r\n");
            assertThat(c.readLineSkippingPings()).isEqualTo("-ERR 'Permissions Violation for Publish to \"denied.x\"'");
            assertThat(c.readLineSkippingPings()).isEqualTo("MSG allowed.x 1 1");
            assertThat(c.readLineSkippingPings()).isEqualTo("y");
            assertThat(c.readLineSkippingPings()).isEqualTo("PONG");
        }
    }

    @Test
    void infoCarriesAFreshNonceOnlyWhenNkeyUsersExist() throws Exception {
        NatsServer withNkeys = serverWith(nkeyUser(alice, null));
        String first;
        try (RawClient c = RawClient.connect(withNkeys.port())) {
            first = nonceOf(c.readInfo());
        }
        try (RawClient c = RawClient.connect(withNkeys.port())) {
            String second = nonceOf(c.readInfo());
            assertThat(second).isNotEqualTo(first);
        }
        // nats-server: 11 random bytes in raw URL base64.
        assertThat(first).matches("[A-Za-z0-9_-]{15}");
        assertThat(Base64.getUrlDecoder().decode(first)).hasSize(11);

        NatsServer passwordsOnly = startServer(o -> o.users(List.of(new User("u", "p", null, null))));
        try (RawClient c = RawClient.connect(passwordsOnly.port())) {
            assertThat(c.readInfo()).doesNotContain("nonce").contains("\"auth_required\":true");
        }
    }

    @Test
    void aSignatureOfAnotherNonceIsRefusedAndClosed() throws Exception {
        NatsServer s = serverWith(nkeyUser(alice, null));
        String oldNonce;
        try (RawClient c = RawClient.connect(s.port())) {
            oldNonce = nonceOf(c.readInfo());
        }
        try (RawClient c = RawClient.connect(s.port())) {
            c.readInfo();
            c.send("CONNECT {\"verbose\":false,\"nkey\":\"" + alice.publicKey() + "\",\"sig\":\""
                    + alice.signature(oldNonce) + "\"}\r\nPING\r\n");
            assertThat(c.readLine()).isEqualTo("-ERR 'Authorization Violation'");
            assertThat(c.closedWithin(2000)).isTrue();
        }
    }

    @Test
    void aMissingOrGarbledSignatureIsRefused() throws Exception {
        NatsServer s = serverWith(nkeyUser(alice, null));
        for (String sigField : List.of("", ",\"sig\":\"\"", ",\"sig\":\"!!not base64!!\"")) {
            try (RawClient c = RawClient.connect(s.port())) {
                c.readInfo();
                c.send("CONNECT {\"verbose\":false,\"nkey\":\"" + alice.publicKey() + "\"" + sigField
                        + "}\r\nPING\r\n");
                assertThat(c.readLine()).as(sigField).isEqualTo("-ERR 'Authorization Violation'");
                assertThat(c.closedWithin(2000)).isTrue();
            }
        }
    }

    @Test
    void aStandardBase64SignatureIsAcceptedToo() throws Exception {
        NatsServer s = serverWith(nkeyUser(alice, null));
        try (RawClient c = RawClient.connect(s.port())) {
            String nonce = nonceOf(c.readInfo());
            String std = Base64.getEncoder().encodeToString(alice.sign(nonce.getBytes()));
            c.send("CONNECT {\"verbose\":false,\"nkey\":\"" + alice.publicKey() + "\",\"sig\":\"" + std
                    + "\"}\r\nPING\r\n");
            assertThat(c.readLineSkippingPings()).isEqualTo("PONG");
        }
    }

    @Test
    void nkeyAndPasswordUsersMix() throws Exception {
        serverWith(nkeyUser(alice, null), new User("bob", "secret", null, null));
        Connection byKey = connect(o -> o.authHandler(alice));
        Connection byPassword = connect(o -> o.userInfo("bob", "secret"));
        Subscription sub = byKey.subscribe("mixed");
        byKey.flush(WAIT);
        byPassword.publish("mixed", new byte[] {2});
        assertThat(sub.nextMessage(WAIT)).isNotNull();
        assertThatThrownBy(() -> connect(o -> o.userInfo("bob", "wrong").connectionTimeout(Duration.ofSeconds(1))))
                .isInstanceOf(AuthenticationException.class);
    }

    @Test
    void withoutConnectInTimeTheClientGetsAuthenticationTimeout() throws Exception {
        NatsServer s = startServer(o -> o.users(List.of(nkeyUser(alice, null)))
                .authTimeout(Duration.ofMillis(300)));
        try (RawClient c = RawClient.connect(s.port())) {
            c.readInfo();
            assertThat(c.readLine()).isEqualTo("-ERR 'Authentication Timeout'");
            assertThat(c.closedWithin(2000)).isTrue();
        }
    }

    @Test
    void aReloadKeepingTheNkeyUserKeepsItsClientAndOneRemovingItClosesIt() throws Exception {
        NKeyAuthHandler bob = NKeyAuthHandler.newUser();
        NatsServer s = serverWith(nkeyUser(alice, null), nkeyUser(bob, null));
        try (RawClient a = RawClient.connect(s.port()); RawClient b = RawClient.connect(s.port())) {
            for (var pair : List.of(java.util.Map.entry(a, alice), java.util.Map.entry(b, bob))) {
                RawClient c = pair.getKey();
                String nonce = nonceOf(c.readInfo());
                c.send("CONNECT {\"verbose\":false,\"nkey\":\"" + pair.getValue().publicKey() + "\",\"sig\":\""
                        + pair.getValue().signature(nonce) + "\"}\r\nPING\r\n");
                assertThat(c.readLineSkippingPings()).isEqualTo("PONG");
            }
            // bob's entry goes; alice's stays: her signature of her own nonce is checked again and still holds
            s.reload(s.options().toBuilder().users(List.of(nkeyUser(alice, null))).build());
            assertThat(b.readLineSkippingPings()).isEqualTo("-ERR 'Authorization Violation'");
            assertThat(b.closedWithin(2000)).isTrue();
            a.send("PING\r\n");
            assertThat(a.readLineSkippingPings()).isEqualTo("PONG");
        }
    }
}
