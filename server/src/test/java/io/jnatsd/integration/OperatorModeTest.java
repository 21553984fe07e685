package io.jnatsd.integration;

import io.jnatsd.NatsServer;
import io.jnatsd.config.load.ConfigFileLoader;
import io.jnatsd.testing.JwtFixtures;
import io.jnatsd.testing.OperatorClients;
import io.jnatsd.testing.OperatorFixture;
import io.jnatsd.testing.RawClient;
import io.nats.client.AuthenticationException;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static io.jnatsd.testing.JnatsClients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Operator mode: accounts from a resolver, users logging in with JWTs (.creds with jnats, raw for -ERR texts). */
class OperatorModeTest extends JnatsIntegrationTest {
    @TempDir
    Path tmp;

    private OperatorFixture fx;

    private OperatorFixture fixture() {
        if (fx == null) {
            fx = new OperatorFixture(tmp);
        }
        return fx;
    }

    private NatsServer start(String config) {
        Path conf = fixture().write("server-" + System.nanoTime() + ".conf", config);
        return startServer(b -> {
            ConfigFileLoader.withSystemEnvironment().load(conf, b);
            return b.host("127.0.0.1").port(0);
        });
    }

    private Connection connectAs(OperatorFixture.User u) throws Exception {
        return connect(o -> o.authHandler(Nats.credentials(u.creds().toString())));
    }

    private String firstReply(NatsServer s, OperatorFixture.User u, io.nats.client.NKey signer) throws Exception {
        try (RawClient c = OperatorClients.login(s.port(), u.jwt(), signer)) {
            return c.readLineSkippingPings();
        }
    }

    @Test
    void aUserWithCredsConnectsAndPubSubsInItsAccount() throws Exception {
        OperatorFixture.Acct a = fixture().account("A", n -> { });
        OperatorFixture.User u = fx.user(a, n -> { });
        NatsServer s = start(fx.memoryConfig());
        Connection nc = connectAs(u);
        assertThat(nc.getServerInfo().isAuthRequired()).isTrue();
        assertThat(nc.getServerInfo().getNonce()).isNotEmpty();
        Subscription sub = nc.subscribe("op.x");
        nc.publish("op.x", "hi".getBytes(StandardCharsets.UTF_8));
        assertThat(sub.nextMessage(WAIT).getData()).isEqualTo("hi".getBytes(StandardCharsets.UTF_8));
        assertThat(s.connectionCount()).isEqualTo(1);
    }

    @Test
    void aJwtAccountAsksForItsOwnConnectionsThroughTheSystemImports() throws Exception {
        OperatorFixture.Acct a = fixture().account("A", n -> { });
        OperatorFixture.User u = fx.user(a, n -> { });
        start(fx.memoryConfig());
        Connection nc = connectAs(u);
        io.nats.client.Message reply = nc.request("$SYS.REQ.SERVER.PING.CONNZ", null, WAIT);
        assertThat(reply).as("the account resolved at login imports the system account's CONNZ").isNotNull();
        assertThat(new String(reply.getData(), StandardCharsets.UTF_8)).contains("\"num_connections\":1");
    }

    @Test
    void twoAccountsAreIsolated() throws Exception {
        OperatorFixture.Acct a = fixture().account("A", n -> { });
        OperatorFixture.Acct b = fx.account("B", n -> { });
        OperatorFixture.User ua = fx.user(a, n -> { });
        OperatorFixture.User ub = fx.user(b, n -> { });
        start(fx.memoryConfig());
        Connection na = connectAs(ua);
        Connection nb = connectAs(ub);
        Subscription subB = nb.subscribe("shared");
        Subscription subA = na.subscribe("shared");
        nb.flush(WAIT);
        na.publish("shared", new byte[] {1});
        assertThat(subA.nextMessage(WAIT)).isNotNull();
        assertThat(subB.nextMessage(Duration.ofMillis(300))).isNull();
    }

    @Test
    void streamAndServiceImportsBetweenJwtAccounts() throws Exception {
        OperatorFixture.Acct exp = fixture().account("EXP", n -> {
            var exports = n.putArray("exports");
            exports.addObject().put("name", "s").put("subject", "feed.>").put("type", "stream");
            exports.addObject().put("name", "svc").put("subject", "help").put("type", "service");
        });
        String expKey = exp.publicKey();
        OperatorFixture.Acct imp = fx.account("IMP", n -> {
            var imports = n.putArray("imports");
            imports.addObject().put("name", "s").put("subject", "feed.>").put("account", expKey)
                    .put("type", "stream");
            imports.addObject().put("name", "svc").put("subject", "help").put("account", expKey)
                    .put("local_subject", "ask").put("type", "service");
        });
        start(fx.memoryConfig());
        Connection provider = connectAs(fx.user(exp, n -> { }));
        Connection consumer = connectAs(fx.user(imp, n -> { }));
        Subscription feed = consumer.subscribe("feed.>");
        provider.createDispatcher(m -> provider.publish(m.getReplyTo(), "answer".getBytes())).subscribe("help");
        consumer.flush(WAIT);
        provider.flush(WAIT);
        provider.publish("feed.one", new byte[] {7});
        assertThat(feed.nextMessage(WAIT).getSubject()).isEqualTo("feed.one");
        Message reply = consumer.request("ask", new byte[0], WAIT);
        assertThat(new String(reply.getData())).isEqualTo("answer");
    }

    @Test
    void theUsersPermissionsApply() throws Exception {
        OperatorFixture.Acct a = fixture().account("A", n -> { });
        OperatorFixture.User u = fx.user(a, n -> n.putObject("pub").putArray("allow").add("ok.>"));
        NatsServer s = start(fx.memoryConfig());
        try (RawClient c = OperatorClients.login(s.port(), u.jwt(), u.key())) {
            assertThat(c.readLineSkippingPings()).isEqualTo("PONG");
            c.send("SUB > 1\r\nPUB no.x 1\r\nx\r\nPUB ok.x 1\r\ny\r\nPING\r\n");
            assertThat(c.readLineSkippingPings()).isEqualTo("-ERR 'Permissions Violation for Publish to \"no.x\"'");
            assertThat(c.readLineSkippingPings()).isEqualTo("MSG ok.x 1 1");
        }
    }

    @Test
    void badLoginsGetAuthorizationViolation() throws Exception {
        OperatorFixture.Acct a = fixture().account("A", n -> { });
        OperatorFixture.User good = fx.user(a, n -> { });
        OperatorFixture.User expired = fx.user(a, n -> { },
                c -> c.put("exp", Instant.now().getEpochSecond() - 10));
        OperatorFixture.Acct unknown = new OperatorFixture.Acct("U", JwtFixtures.accountKey());
        OperatorFixture.User ofUnknown = fx.user(unknown, n -> { });
        OperatorFixture.User bearerNotAllowed = fx.user(a, n -> { });
        NatsServer s = start(fx.memoryConfig());
        String violation = "-ERR 'Authorization Violation'";
        assertThat(firstReply(s, good, good.key())).isEqualTo("PONG");
        assertThat(firstReply(s, good, JwtFixtures.userKey())).as("wrong signature").isEqualTo(violation);
        assertThat(firstReply(s, expired, expired.key())).as("expired").isEqualTo(violation);
        assertThat(firstReply(s, ofUnknown, ofUnknown.key())).as("unknown account").isEqualTo(violation);
        assertThat(firstReply(s, bearerNotAllowed, null)).as("no signature").isEqualTo(violation);
    }

    @Test
    void anAccountOfAnUntrustedOperatorIsRefused() throws Exception {
        OperatorFixture.Acct a = fixture().account("A", n -> { });
        a.jwt = OperatorFixture.accountJwt(a, n -> { }, JwtFixtures.operatorKey());
        OperatorFixture.User u = fx.user(a, n -> { });
        NatsServer s = start(fx.memoryConfig());
        assertThat(firstReply(s, u, u.key())).isEqualTo("-ERR 'Authorization Violation'");
    }

    @Test
    void aBearerTokenNeedsNoSignature() throws Exception {
        OperatorFixture.Acct a = fixture().account("A", n -> { });
        OperatorFixture.User u = fx.user(a, n -> n.put("bearer_token", true));
        OperatorFixture.Acct strict = fx.account("S", n -> ((com.fasterxml.jackson.databind.node.ObjectNode)
                n.get("limits")).put("disallow_bearer", true));
        OperatorFixture.User refused = fx.user(strict, n -> n.put("bearer_token", true));
        NatsServer s = start(fx.memoryConfig());
        assertThat(firstReply(s, u, null)).isEqualTo("PONG");
        assertThat(firstReply(s, refused, null)).isEqualTo("-ERR 'Authorization Violation'");
    }

    @Test
    void aRevokedUserIsRefused() throws Exception {
        OperatorFixture.Acct a = fixture().account("A", n -> { });
        OperatorFixture.User u = fx.user(a, n -> { });
        String key = u.publicKey();
        fx.reissue(a, n -> n.putObject("revocations").put(key, Instant.now().getEpochSecond() + 5));
        NatsServer s = start(fx.memoryConfig());
        assertThat(firstReply(s, u, u.key())).isEqualTo("-ERR 'Authorization Violation'");
    }

    @Test
    void aUserJwtExpiringWhileConnectedIsDisconnected() throws Exception {
        OperatorFixture.Acct a = fixture().account("A", n -> { });
        OperatorFixture.User u = fx.user(a, n -> { }, c -> c.put("exp", Instant.now().getEpochSecond() + 2));
        NatsServer s = start(fx.memoryConfig());
        try (RawClient c = OperatorClients.login(s.port(), u.jwt(), u.key())) {
            c.timeout(5000);
            assertThat(c.readLineSkippingPings()).isEqualTo("PONG");
            assertThat(c.readLineSkippingPings()).isEqualTo("-ERR 'User Authentication Expired'");
            assertThat(c.closedWithin(2000)).isTrue();
        }
    }

    @Test
    void theAccountConnectionLimitFromTheJwtApplies() throws Exception {
        OperatorFixture.Acct a = fixture().account("A", n -> ((com.fasterxml.jackson.databind.node.ObjectNode)
                n.get("limits")).put("conn", 1));
        OperatorFixture.User u = fx.user(a, n -> { });
        NatsServer s = start(fx.memoryConfig());
        try (RawClient first = OperatorClients.login(s.port(), u.jwt(), u.key())) {
            assertThat(first.readLineSkippingPings()).isEqualTo("PONG");
            assertThat(firstReply(s, u, u.key())).isEqualTo("-ERR 'maximum account active connections exceeded'");
        }
    }

    @Test
    void aClaimsUpdateOverTheSystemAccountChangesLimitsAndRevokes() throws Exception {
        OperatorFixture.Acct a = fixture().account("A", n -> { });
        OperatorFixture.User u = fx.user(a, n -> { });
        OperatorFixture.User sys = fx.user(fx.system, n -> { });
        NatsServer s = start(fx.fullConfig("jwt", ""));
        Connection admin = connectAs(sys);
        try (RawClient victim = OperatorClients.login(s.port(), u.jwt(), u.key())) {
            victim.timeout(5000);
            assertThat(victim.readLineSkippingPings()).isEqualTo("PONG");
            String key = u.publicKey();
            String updated = fx.reissue(a, n -> {
                n.putObject("revocations").put(key, Instant.now().getEpochSecond() + 5);
                ((com.fasterxml.jackson.databind.node.ObjectNode) n.get("limits")).put("subs", 1);
            });
            Message reply = admin.request("$SYS.REQ.ACCOUNT." + a.publicKey() + ".CLAIMS.UPDATE",
                    updated.getBytes(StandardCharsets.UTF_8), WAIT);
            assertThat(new String(reply.getData())).startsWith("{\"data\":{\"account\":\"" + a.publicKey()
                    + "\",\"code\":200,\"message\":\"jwt updated\"},\"server\":{");
            assertThat(victim.readLineSkippingPings()).isEqualTo("-ERR 'User Authentication Revoked'");
            assertThat(Files.readString(tmp.resolve("jwt").resolve(a.publicKey() + ".jwt"))).isEqualTo(updated);
        }
        OperatorFixture.User fresh = fx.user(a, n -> { });
        try (RawClient c = OperatorClients.login(s.port(), fresh.jwt(), fresh.key())) {
            assertThat(c.readLineSkippingPings()).isEqualTo("PONG");
            c.send("SUB a 1\r\nSUB b 2\r\nPING\r\n");
            assertThat(c.readLineSkippingPings()).isEqualTo("-ERR 'maximum subscriptions exceeded'");
        }
    }

    @Test
    void aLookupIsAnsweredFromTheFullResolverDirectory() throws Exception {
        OperatorFixture.Acct a = fixture().account("A", n -> { });
        OperatorFixture.User sys = fx.user(fx.system, n -> { });
        start(fx.fullConfig("jwt", ""));
        Connection admin = connectAs(sys);
        Message m = admin.request("$SYS.REQ.ACCOUNT." + a.publicKey() + ".CLAIMS.LOOKUP", new byte[0], WAIT);
        assertThat(new String(m.getData())).isEqualTo(a.jwt);
    }

    @Test
    void usersOfSigningKeysAndScopedTemplates() throws Exception {
        io.nats.client.NKey plainKey = JwtFixtures.accountKey();
        io.nats.client.NKey scopedKey = JwtFixtures.accountKey();
        OperatorFixture.Acct a = fixture().account("A", n -> {
            var keys = n.putArray("signing_keys");
            keys.add(JwtFixtures.publicKey(plainKey));
            var scoped = keys.addObject();
            scoped.put("kind", "user_scope").put("key", JwtFixtures.publicKey(scopedKey)).put("role", "r");
            var template = scoped.putObject("template").put("subs", -1).put("payload", -1).put("data", -1);
            template.putObject("pub").putArray("allow").add("scoped.>");
        });
        OperatorFixture.User bySigningKey = fx.userSignedBy(a, plainKey, n -> { });
        OperatorFixture.User byScopedKey = fx.userSignedBy(a, scopedKey,
                n -> n.putObject("pub").putArray("allow").add(">")); // the template wins
        OperatorFixture.User byStranger = fx.userSignedBy(a, JwtFixtures.accountKey(), n -> { });
        NatsServer s = start(fx.memoryConfig());
        assertThat(firstReply(s, bySigningKey, bySigningKey.key())).isEqualTo("PONG");
        assertThat(firstReply(s, byStranger, byStranger.key())).isEqualTo("-ERR 'Authorization Violation'");
        try (RawClient c = OperatorClients.login(s.port(), byScopedKey.jwt(), byScopedKey.key())) {
            assertThat(c.readLineSkippingPings()).isEqualTo("PONG");
            c.send("PUB other 0\r\n\r\nPING\r\n");
            assertThat(c.readLineSkippingPings()).isEqualTo("-ERR 'Permissions Violation for Publish to \"other\"'");
        }
    }

    @Test
    void sourceNetworksConnectionTypesAndDefaultPermissions() throws Exception {
        OperatorFixture.Acct a = fixture().account("A", n -> n.putObject("default_permissions").putObject("sub")
                .putArray("deny").add("hidden"));
        OperatorFixture.User local = fx.user(a, n -> n.putArray("src").add("127.0.0.0/8"));
        OperatorFixture.User remote = fx.user(a, n -> n.putArray("src").add("10.0.0.0/8"));
        OperatorFixture.User wsOnly = fx.user(a, n -> n.putArray("allowed_connection_types").add("WEBSOCKET"));
        OperatorFixture.User tcp = fx.user(a, n -> n.putArray("allowed_connection_types").add("STANDARD"));
        NatsServer s = start(fx.memoryConfig());
        assertThat(firstReply(s, local, local.key())).isEqualTo("PONG");
        assertThat(firstReply(s, remote, remote.key())).isEqualTo("-ERR 'Authorization Violation'");
        assertThat(firstReply(s, wsOnly, wsOnly.key())).isEqualTo("-ERR 'Authorization Violation'");
        try (RawClient c = OperatorClients.login(s.port(), tcp.jwt(), tcp.key())) {
            assertThat(c.readLineSkippingPings()).isEqualTo("PONG");
            c.send("SUB hidden 1\r\nPING\r\n");
            assertThat(c.readLineSkippingPings())
                    .isEqualTo("-ERR 'Permissions Violation for Subscription to \"hidden\"'");
        }
    }

    @Test
    void websocketOnlyUsersConnectOverWebSocket() throws Exception {
        OperatorFixture.Acct a = fixture().account("A", n -> { });
        OperatorFixture.User wsOnly = fx.user(a, n -> n.putArray("allowed_connection_types").add("WEBSOCKET"));
        Path conf = fx.write("ws.conf", fx.memoryConfig());
        NatsServer s = startServer(b -> {
            ConfigFileLoader.withSystemEnvironment().load(conf, b);
            return b.host("127.0.0.1").port(0)
                    .websocket(io.jnatsd.websocket.WebSocketSettings.plain("127.0.0.1", -1));
        });
        Connection nc = track(Nats.connect(new io.nats.client.Options.Builder().server(s.webSocketUrl())
                .authHandler(Nats.credentials(wsOnly.creds().toString())).noReconnect().build()));
        Subscription sub = nc.subscribe("ws.x");
        nc.publish("ws.x", new byte[] {1});
        assertThat(sub.nextMessage(WAIT)).isNotNull();
        assertThat(firstReply(s, wsOnly, wsOnly.key())).isEqualTo("-ERR 'Authorization Violation'");
    }

    @Test
    void theSystemAccountMustBeResolvableAtStart() {
        fixture();
        String config = "operator: \"" + tmp.resolve("operator.jwt") + "\"\nresolver: MEMORY\n";
        assertThatThrownBy(() -> start(config)).isInstanceOf(io.jnatsd.config.ConfigException.class)
                .hasMessage("error resolving system account: account missing");
    }

    @Test
    void aDeleteRequestRemovesAccountJwtsWhenAllowed() throws Exception {
        OperatorFixture.Acct a = fixture().account("A", n -> { });
        OperatorFixture.Acct b = fx.account("B", n -> { });
        OperatorFixture.User sys = fx.user(fx.system, n -> { });
        start(fx.fullConfig("jwt", "  allow_delete: true\n"));
        Connection admin = connectAs(sys);
        Message notTrusted = admin.request("$SYS.REQ.CLAIMS.DELETE", OperatorFixture.deleteRequest(
                JwtFixtures.operatorKey(), a.publicKey()).getBytes(StandardCharsets.UTF_8), WAIT);
        assertThat(new String(notTrusted.getData())).contains("\"code\":500").contains("failed - not trusted");
        Message sysRefused = admin.request("$SYS.REQ.CLAIMS.DELETE", OperatorFixture.deleteRequest(fx.operator,
                fx.system.publicKey()).getBytes(StandardCharsets.UTF_8), WAIT);
        assertThat(new String(sysRefused.getData())).contains("not allowed to delete system account");
        Message ok = admin.request("$SYS.REQ.CLAIMS.DELETE", OperatorFixture.deleteRequest(fx.operator,
                a.publicKey(), b.publicKey()).getBytes(StandardCharsets.UTF_8), WAIT);
        assertThat(new String(ok.getData())).startsWith("{\"data\":{\"code\":200,\"message\":\"deleted 2 accounts\"}");
        assertThat(tmp.resolve("jwt").resolve(a.publicKey() + ".jwt")).doesNotExist();
        OperatorFixture.User gone = fx.user(b, n -> { });
        assertThat(firstReply(server(), gone, gone.key())).isEqualTo("-ERR 'Authorization Violation'");
    }

    @Test
    void aConnectionWithoutJwtIsRefusedByJnats() {
        fixture().account("A", n -> { });
        NatsServer s = start(fx.memoryConfig());
        assertThatThrownBy(() -> connect(s, o -> o.connectionTimeout(Duration.ofSeconds(2))))
                .isInstanceOf(AuthenticationException.class);
    }
}
