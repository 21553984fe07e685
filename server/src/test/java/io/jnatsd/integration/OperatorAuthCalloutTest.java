package io.jnatsd.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.NatsServer;
import io.jnatsd.auth.jwt.ClaimType;
import io.jnatsd.auth.jwt.Claims;
import io.jnatsd.auth.jwt.JwtDecoder;
import io.jnatsd.auth.xkey.CurveKeyPair;
import io.jnatsd.config.load.ConfigFileLoader;
import io.jnatsd.testing.JwtFixtures;
import io.jnatsd.testing.OperatorClients;
import io.jnatsd.testing.OperatorFixture;
import io.jnatsd.testing.RawClient;
import io.nats.client.AuthenticationException;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.NKey;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

import static io.jnatsd.testing.JnatsClients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Auth callout in operator mode (nats-server 2.10): account AUTH's JWT has an {@code authorization} claim naming the
 * service's user as auth user and APP as allowed account. Clients log in with a sentinel user JWT of AUTH (bearer,
 * no permissions) plus user/password; the jnats service decides who they are (see {@link #answer}).
 */
class OperatorAuthCalloutTest extends JnatsIntegrationTest {
    @TempDir
    Path tmp;

    private OperatorFixture fx;
    private OperatorFixture.Acct auth;
    private OperatorFixture.Acct app;
    private OperatorFixture.Acct other;
    private final NKey authSigningKey = JwtFixtures.accountKey();
    private final NKey appScopedKey = JwtFixtures.accountKey();
    private OperatorFixture.User service;
    private OperatorFixture.User sentinel;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private NatsServer server;

    /** Builds the accounts; {@code claim} edits AUTH's authorization claim before the server starts. */
    private void start(UnaryOperator<ObjectNode> claim) {
        fx = new OperatorFixture(tmp);
        auth = fx.account("AUTH", n -> { });
        app = fx.account("APP", n -> {
            ObjectNode scoped = n.putArray("signing_keys").addObject();
            scoped.put("kind", "user_scope").put("key", JwtFixtures.publicKey(appScopedKey)).put("role", "r");
            ObjectNode template = scoped.putObject("template").put("subs", -1).put("payload", -1).put("data", -1);
            template.putObject("pub").putArray("allow").add("scoped.>");
        });
        other = fx.account("OTHER", n -> { });
        service = fx.user(auth, n -> { });
        sentinel = fx.user(auth, n -> {
            n.put("bearer_token", true);
            n.putObject("pub").putArray("deny").add(">");
            n.putObject("sub").putArray("deny").add(">");
        });
        fx.reissue(auth, n -> {
            n.putArray("signing_keys").add(JwtFixtures.publicKey(authSigningKey));
            ObjectNode a = n.putObject("authorization");
            a.putArray("auth_users").add(service.publicKey());
            a.putArray("allowed_accounts").add(app.publicKey());
            claim.apply(a);
        });
        Path conf = fx.write("server.conf", fx.memoryConfig() + "authorization { timeout: 1 }\n");
        server = startServer(b -> {
            ConfigFileLoader.withSystemEnvironment().load(conf, b);
            return b.host("127.0.0.1").port(0);
        });
    }

    /** The service, logged in as AUTH's auth user; with {@code xkey}, requests and answers are sealed. */
    private void startService(CurveKeyPair xkey) throws Exception {
        Connection nc = connect(server, o -> o.authHandler(Nats.credentials(service.creds().toString())));
        Dispatcher d = nc.createDispatcher(m -> {
            try {
                String serverXkey = m.getHeaders() == null ? null : m.getHeaders().getFirst("Nats-Server-Xkey");
                byte[] data = xkey == null ? m.getData() : xkey.open(m.getData(), serverXkey);
                String request = new String(data, StandardCharsets.US_ASCII);
                requests.add(request);
                String reply = answer(request);
                if (reply != null) {
                    byte[] out = reply.getBytes(StandardCharsets.US_ASCII);
                    nc.publish(m.getReplyTo(), xkey == null ? out : xkey.seal(out, serverXkey));
                }
            } catch (Exception e) {
                requests.add("failed: " + e);
            }
        });
        d.subscribe("$SYS.REQ.USER.AUTH");
        nc.flush(WAIT);
    }

    /**
     * alice goes to APP (user JWT by APP's key), bob stays in AUTH (by AUTH's key), carol to APP with the answer
     * signed by AUTH's signing key; mallory's JWT is issued by OTHER (not allowed); forger's answer is signed by
     * OTHER; everyone else gets an error answer.
     */
    private String answer(String request) {
        JsonNode nats = JwtFixtures.body(request).get("nats");
        String user = nats.path("connect_opts").path("user").asText();
        String pass = nats.path("connect_opts").path("pass").asText();
        String userNkey = nats.get("user_nkey").asText();
        String serverId = nats.path("server_id").path("id").asText();
        return switch (pass.equals("secret") ? user : "") {
            case "alice" -> JwtFixtures.authorizationResponse(userNkey, serverId, userJwt(userNkey, app.key), null,
                    auth.key);
            case "bob" -> JwtFixtures.authorizationResponse(userNkey, serverId, userJwt(userNkey, auth.key), null,
                    auth.key);
            case "carol" -> JwtFixtures.authorizationResponse(userNkey, serverId, userJwt(userNkey, app.key), null,
                    authSigningKey);
            case "mallory" -> JwtFixtures.authorizationResponse(userNkey, serverId, userJwt(userNkey, other.key),
                    null, auth.key);
            case "forger" -> JwtFixtures.authorizationResponse(userNkey, serverId, userJwt(userNkey, app.key), null,
                    other.key);
            case "dave" -> JwtFixtures.authorizationResponse(userNkey, serverId,
                    userJwt(userNkey, appScopedKey, app.publicKey(), n -> { }), null, auth.key);
            case "erin" -> JwtFixtures.authorizationResponse(userNkey, serverId, userJwt(userNkey, app.key, null,
                    n -> n.putArray("allowed_connection_types").add("WEBSOCKET")), null, auth.key);
            default -> JwtFixtures.authorizationResponse(userNkey, serverId, null, "bad credentials", auth.key);
        };
    }

    private static String userJwt(String userNkey, NKey account) {
        return userJwt(userNkey, account, null, n -> { });
    }

    /** A user JWT for the request's user nkey; {@code issuerAccount} set when a signing key issues it. */
    private static String userJwt(String userNkey, NKey signer, String issuerAccount,
            java.util.function.Consumer<ObjectNode> extra) {
        ObjectNode c = JwtFixtures.claims("user", signer);
        c.put("sub", userNkey);
        c.put("name", "callout-user");
        ObjectNode nats = JwtFixtures.nats(c);
        for (String k : new String[] {"subs", "data", "payload"}) {
            nats.put(k, -1); // as nsc writes them: a missing limit means none allowed
        }
        nats.putObject("pub").putArray("allow").add("app.>").add("_INBOX.>").add("$SYS.REQ.USER.AUTH");
        nats.putObject("sub").putArray("allow").add("app.>").add("_INBOX.>");
        if (issuerAccount != null) {
            nats.put("issuer_account", issuerAccount);
        }
        extra.accept(nats);
        return JwtFixtures.sign(c, signer);
    }

    private Connection connectAs(String user, String pass) throws Exception {
        return connect(server, o -> o.authHandler(Nats.credentials(sentinel.creds().toString()))
                .userInfo(user, pass));
    }

    private Options.Builder sentinelLogin(Options.Builder o, String user) {
        return o.authHandler(Nats.credentials(sentinel.creds().toString())).userInfo(user, "secret")
                .connectionTimeout(Duration.ofSeconds(3)).maxReconnects(0);
    }

    @Test
    void aDelegatedUserLandsInTheAllowedAccountWithItsJwtPermissions() throws Exception {
        start(a -> a);
        startService(null);
        Connection alice = connectAs("alice", "secret");
        Connection appUser = connect(server, o -> o.authHandler(Nats.credentials(fx.user(app, n -> { }).creds()
                .toString())));
        Subscription inApp = appUser.subscribe("app.hello");
        appUser.flush(WAIT);
        alice.publish("app.hello", "hi".getBytes(StandardCharsets.UTF_8));
        assertThat(inApp.nextMessage(WAIT).getData()).asString().isEqualTo("hi");
        Subscription denied = alice.subscribe("other.x");
        appUser.publish("other.x", new byte[] {1});
        assertThat(denied.nextMessage(Duration.ofMillis(300))).as("outside the JWT's sub allow").isNull();

        assertThat(requests).hasSize(1);
        Claims request = JwtDecoder.decode(requests.get(0), ClaimType.AUTHORIZATION_REQUEST); // verifies the signature
        assertThat(request.issuer()).isEqualTo(server.serverId());
        assertThat(request.subject()).as("operator mode: about the callout account").isEqualTo(auth.publicKey());
        JsonNode nats = request.nats();
        assertThat(nats.path("connect_opts").path("jwt").asText()).isEqualTo(sentinel.jwt());
        assertThat(nats.path("connect_opts").path("user").asText()).isEqualTo("alice");
        assertThat(nats.path("server_id").has("xkey")).as("no xkey: not sealed").isFalse();
    }

    @Test
    void aUserKeptInTheCalloutAccountMayNotPublishRequests() throws Exception {
        start(a -> a);
        startService(null);
        Connection bob = connectAs("bob", "secret");
        Connection svc = connect(server, o -> o.authHandler(Nats.credentials(service.creds().toString())));
        Subscription spy = svc.subscribe("app.x");
        svc.flush(WAIT);
        bob.publish("app.x", new byte[] {1});
        assertThat(spy.nextMessage(WAIT)).as("bob is in AUTH with the service").isNotNull();
        int before = requests.size();
        bob.publish("$SYS.REQ.USER.AUTH", "forged".getBytes(StandardCharsets.UTF_8));
        bob.flush(WAIT);
        Thread.sleep(200);
        assertThat(requests).as("the JWT allows it, the callout guard does not").hasSize(before);
    }

    @Test
    void theAuthUserLogsInWithItsOwnJwtAndIsGuardedToo() throws Exception {
        start(a -> a);
        startService(null);
        assertThat(requests).as("the service itself was not delegated").isEmpty();
        try (RawClient c = OperatorClients.login(server.port(), service.jwt(), service.key())) {
            assertThat(c.readLineSkippingPings()).isEqualTo("PONG");
            c.send("PUB $SYS.REQ.USER.AUTH 1\r\nx\r\nPING\r\n");
            assertThat(c.readLineSkippingPings())
                    .isEqualTo("-ERR 'Permissions Violation for Publish to \"$SYS.REQ.USER.AUTH\"'");
        }
    }

    @Test
    void anAnswerSignedByASigningKeyOfTheCalloutAccountIsAccepted() throws Exception {
        start(a -> a);
        startService(null);
        Connection carol = connectAs("carol", "secret");
        assertThat(carol.getStatus()).isEqualTo(Connection.Status.CONNECTED);
    }

    @Test
    void calloutUsersGetWhatAnyUserOfTheTargetAccountGets() throws Exception {
        start(a -> a);
        startService(null);
        Connection dave = connectAs("dave", "secret"); // issued by APP's scoped key: the template's permissions
        Connection appUser = connect(server, o -> o.authHandler(Nats.credentials(fx.user(app, n -> { }).creds()
                .toString())));
        Subscription all = appUser.subscribe(">");
        appUser.flush(WAIT);
        dave.publish("app.x", new byte[] {1});
        dave.publish("scoped.x", new byte[] {2});
        assertThat(all.nextMessage(WAIT).getSubject()).as("app.x is outside the template").isEqualTo("scoped.x");
        assertThatThrownBy(() -> Nats.connect(sentinelLogin(new Options.Builder().server(server.clientUrl()), "erin")
                .build())).as("websocket only, connecting over TCP").isInstanceOf(AuthenticationException.class);
    }

    @Test
    void aSentinelThatFailsItsOwnLoginIsNotSentToTheService() throws Exception {
        start(a -> a);
        startService(null);
        OperatorFixture.User notBearer = fx.user(auth, n -> { });
        try (RawClient c = OperatorClients.login(server.port(), notBearer.jwt(), JwtFixtures.userKey())) {
            assertThat(c.readLineSkippingPings()).isEqualTo("-ERR 'Authorization Violation'");
        }
        assertThat(requests).isEmpty();
    }

    @Test
    void refusals() throws Exception {
        start(a -> a);
        startService(null);
        for (String who : List.of("mallory", "forger", "eve")) {
            assertThatThrownBy(() -> Nats.connect(sentinelLogin(new Options.Builder().server(server.clientUrl()), who)
                    .build())).as(who).isInstanceOf(AuthenticationException.class);
        }
        assertThat(server.connectionCount()).as("only the service").isEqualTo(1);
    }

    @Test
    void usersOfAccountsWithoutTheClaimAreNotDelegated() throws Exception {
        start(a -> a);
        startService(null);
        connect(server, o -> o.authHandler(Nats.credentials(fx.user(app, n -> { }).creds().toString())));
        connect(server, o -> o.authHandler(Nats.credentials(fx.user(other, n -> { }).creds().toString())));
        assertThat(requests).isEmpty();
    }

    @Test
    void withoutAServiceTheLoginTimesOut() throws Exception {
        start(a -> a);
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> Nats.connect(sentinelLogin(new Options.Builder().server(server.clientUrl()),
                "alice").build())).isInstanceOf(AuthenticationException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void withAnXkeyRequestsAndAnswersAreSealed() throws Exception {
        CurveKeyPair xkey = CurveKeyPair.generate();
        start(a -> a.put("xkey", xkey.publicKey()));
        startService(xkey);
        Connection alice = connectAs("alice", "secret");
        assertThat(alice.getStatus()).isEqualTo(Connection.Status.CONNECTED);
        assertThat(requests).hasSize(1).allSatisfy(r -> assertThat(r).startsWith("eyJ"));
        assertThat(JwtFixtures.body(requests.get(0)).at("/nats/server_id/xkey").asText()).startsWith("X");
    }

    @Test
    void anyAccountMayBeATargetWithTheWildcard() throws Exception {
        start(a -> {
            a.putArray("allowed_accounts").add("*");
            return a;
        });
        startService(null);
        assertThatThrownBy(() -> Nats.connect(sentinelLogin(new Options.Builder().server(server.clientUrl()),
                "forger").build())).as("still signed by another account").isInstanceOf(AuthenticationException.class);
        Connection mallory = connectAs("mallory", "secret");
        assertThat(mallory.getStatus()).as("OTHER is allowed with *").isEqualTo(Connection.Status.CONNECTED);
    }
}
