package io.jnatsd.reload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jnatsd.NatsServer;
import io.jnatsd.config.ConfigException;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.testing.Await;
import io.jnatsd.testing.JnatsClients;
import io.jnatsd.testing.RawClient;
import io.nats.client.Connection;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** NatsServer.reload: live options change without dropping connections; the ones that cannot are refused. */
@Timeout(60)
class ReloadTest {
    private static final String CONNECT_A_B = "CONNECT {\"verbose\":false,\"protocol\":1,\"user\":\"a\",\"pass\":\"b\"}\r\nPING\r\n";

    private static ServerOptions.Builder base() {
        return ServerOptions.ephemeral().toBuilder().host("127.0.0.1");
    }

    private static RawClient connected(NatsServer server, String connect) throws Exception {
        RawClient raw = RawClient.connect(server.port());
        raw.readInfo();
        raw.send(connect);
        assertThat(raw.readLineSkippingPings()).isEqualTo("PONG");
        return raw;
    }

    @Test
    void newMaxPayloadReachesConnectedClients() throws Exception {
        try (NatsServer server = NatsServer.start(base().maxPayload(1000).build());
             Connection nc = JnatsClients.connect(server);
             RawClient raw = connected(server, "CONNECT {\"verbose\":false,\"protocol\":1}\r\nPING\r\n")) {
            assertThat(nc.getServerInfo().getMaxPayload()).isEqualTo(1000);

            server.reload(server.options().toBuilder().maxPayload(2000).build());

            // A protocol-1 client is told right away, with an async INFO.
            assertThat(raw.readLineSkippingPings()).startsWith("INFO ").contains("\"max_payload\":2000");
            Await.until(Duration.ofSeconds(5), "jnats sees the new max_payload",
                    () -> nc.getServerInfo().getMaxPayload() == 2000);
            // And the server enforces it: a payload between the old and the new limit gets through.
            nc.publish("big", new byte[1500]);
            nc.flush(Duration.ofSeconds(5));
            assertThat(nc.getStatus()).isEqualTo(Connection.Status.CONNECTED);
            assertThat(server.connectionCount()).isEqualTo(2);
        }
    }

    @Test
    void aReloadThatTakesAUsersConnectionTypeAwayClosesItsClients() throws Exception {
        io.jnatsd.auth.User a = new io.jnatsd.auth.User("a", "b", null, null);
        try (NatsServer server = NatsServer.start(base().users(List.of(a)).build());
             RawClient old = connected(server, CONNECT_A_B)) {
            server.reload(server.options().toBuilder().users(List.of(a.withConnectionTypes(List.of("STANDARD"))))
                    .build());
            old.send("PING\r\n");
            assertThat(lineAfterInfos(old)).as("STANDARD still allowed").isEqualTo("PONG");
            server.reload(server.options().toBuilder().users(List.of(a.withConnectionTypes(List.of("WEBSOCKET"))))
                    .build());
            assertThat(lineAfterInfos(old)).isEqualTo("-ERR 'Authorization Violation'");
            assertThat(old.closedWithin(5000)).isTrue();
        }
    }

    /** The next line that is not a PING or the async INFO an auth change sends. */
    private static String lineAfterInfos(RawClient c) throws Exception {
        String l = c.readLineSkippingPings();
        while (l != null && l.startsWith("INFO ")) {
            l = c.readLineSkippingPings();
        }
        return l;
    }

    @Test
    void alwaysEnableNonceNeedsARestart() {
        try (NatsServer server = NatsServer.start(base().build())) {
            assertThatThrownBy(() -> server.reload(server.options().toBuilder().alwaysEnableNonce(true).build()))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("config reload not supported for AlwaysEnableNonce: old=false, new=true");
        }
    }

    @Test
    void changedPasswordDisconnectsClientsWithOldCredentialsOnly() throws Exception {
        try (NatsServer server = NatsServer.start(base().user("a").password("b").build());
             RawClient old = connected(server, CONNECT_A_B)) {
            server.reload(server.options().toBuilder().password("c").build());

            assertThat(old.readLineSkippingPings()).isEqualTo("-ERR 'Authorization Violation'");
            assertThat(old.closedWithin(5000)).isTrue();
            // The new password admits new clients, which stay across a reload that keeps it.
            try (RawClient fresh = connected(server,
                    "CONNECT {\"verbose\":false,\"protocol\":1,\"user\":\"a\",\"pass\":\"c\"}\r\nPING\r\n")) {
                server.reload(server.options().toBuilder().maxPending(1 << 20).build());
                fresh.send("PING\r\n");
                assertThat(fresh.readLineSkippingPings()).isEqualTo("PONG");
                assertThat(server.connectionCount()).isEqualTo(1);
            }
        }
    }

    @Test
    void addingAuthorizationClosesUnauthenticatedClientsAndRemovingItKeepsThem() throws Exception {
        try (NatsServer server = NatsServer.start(base().build());
             RawClient anonymous = connected(server, "CONNECT {\"verbose\":false,\"protocol\":1}\r\nPING\r\n")) {
            server.reload(server.options().toBuilder().user("a").password("b").build());
            // Refused before anything else is sent: no INFO for a client that is being closed.
            assertThat(anonymous.readLineSkippingPings()).isEqualTo("-ERR 'Authorization Violation'");
            assertThat(anonymous.closedWithin(5000)).isTrue();

            try (RawClient user = connected(server, CONNECT_A_B)) {
                server.reload(server.options().toBuilder().user(null).password(null).build());
                // The INFO is queued on the connection's loop; a PING read in the same wake-up may be answered first.
                user.send("PING\r\n");
                List<String> lines = List.of(user.readLineSkippingPings(), user.readLineSkippingPings());
                assertThat(lines).contains("PONG");
                assertThat(lines).anyMatch(l -> l.startsWith("INFO ") && !l.contains("auth_required\":true"));
            }
        }
    }

    @Test
    void optionNeedingRestartIsRefusedAndNothingChanges() throws Exception {
        try (NatsServer server = NatsServer.start(base().maxPayload(1000).build())) {
            ServerOptions before = server.options();
            ServerOptions moved = before.toBuilder().port(server.port() + 1).maxPayload(2000).build();

            assertThatThrownBy(() -> server.reload(moved)).isInstanceOf(ConfigException.class)
                    .hasMessage("config reload not supported for Port: old=" + before.port() + ", new="
                            + (server.port() + 1));
            assertThat(server.options()).isSameAs(before);
            try (RawClient raw = RawClient.connect(server.port())) {
                assertThat(raw.readInfo()).contains("\"max_payload\":1000");
            }
        }
    }

    @Test
    void newMaxSubscriptionsAppliesToConnectedClients() throws Exception {
        try (NatsServer server = NatsServer.start(base().build());
             RawClient raw = connected(server, "CONNECT {\"verbose\":false,\"protocol\":1}\r\nPING\r\n")) {
            server.reload(server.options().toBuilder().maxSubscriptions(1).build());
            raw.send("SUB a 1\r\nSUB b 2\r\nPING\r\n");
            assertThat(raw.readLineSkippingPings()).isEqualTo("-ERR 'maximum subscriptions exceeded'");
        }
    }

    @Test
    void reloadedMappingsApplyToTheNextPublishes() throws Exception {
        try (NatsServer server = NatsServer.start(base().build());
             RawClient sub = connected(server, "CONNECT {\"verbose\":false,\"protocol\":1}\r\nSUB > 1\r\nPING\r\n");
             RawClient pub = connected(server, "CONNECT {\"verbose\":false,\"protocol\":1}\r\nPING\r\n")) {
            pub.send("PUB a 0\r\n\r\nPING\r\n");
            assertThat(pub.readLineSkippingPings()).isEqualTo("PONG");
            assertThat(sub.readLineSkippingPings()).isEqualTo("MSG a 1 0");
            sub.readLine();
            assertThat(server.reload(server.options().toBuilder()
                    .mappings(List.of(io.jnatsd.subject.transform.SubjectMapping.of("a", "b"))).build()).changes())
                    .contains("Reloaded: mappings");
            pub.send("PUB a 0\r\n\r\nPING\r\n");
            assertThat(pub.readLineSkippingPings()).isEqualTo("PONG");
            assertThat(sub.readLineSkippingPings()).isEqualTo("MSG b 1 0");
        }
    }

    @Test
    void accountUsersReloadButAccountsThemselvesDoNot() throws Exception {
        String before = "accounts { A: { users: [ {user: a, password: b} ] } }";
        String after = "accounts { A: { users: [ {user: a, password: c} ] } }";
        try (NatsServer server = NatsServer.start(load(before));
             RawClient old = connected(server, CONNECT_A_B)) {
            server.reload(load(after));
            assertThat(old.readLineSkippingPings()).isEqualTo("-ERR 'Authorization Violation'");
            assertThatThrownBy(() -> server.reload(load("accounts { A: { users: [ {user: a, password: c} ] }, B: {} }")))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("config reload not supported for Accounts");
        }
    }

    private static ServerOptions load(String text) throws Exception {
        java.nio.file.Path f = java.nio.file.Files.createTempFile("reload", ".conf");
        try {
            java.nio.file.Files.writeString(f, text);
            ServerOptions.Builder b = base();
            io.jnatsd.config.load.ConfigFileLoader.withSystemEnvironment().load(f, b);
            return b.build();
        } finally {
            java.nio.file.Files.delete(f);
        }
    }
}
