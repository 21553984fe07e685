package io.jnatsd.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.NatsServer;
import io.jnatsd.auth.jwt.ClaimType;
import io.jnatsd.auth.jwt.Claims;
import io.jnatsd.auth.jwt.JwtDecoder;
import io.jnatsd.auth.xkey.CurveKeyPair;
import io.jnatsd.testing.JwtFixtures;
import io.jnatsd.testing.RawClient;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.NKey;
import io.nats.client.Subscription;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.jnatsd.testing.JnatsClients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Auth callout in configuration mode, against a callout service written here with jnats: it runs as the auth user
 * "auth" in account AUTH, reads each authorization request and answers as the user name asks (see {@link #answer}).
 */
class AuthCalloutTest extends JnatsIntegrationTest {
    private static final String CONNECT = "CONNECT {\"verbose\":false,\"pedantic\":false,\"protocol\":1,"
            + "\"user\":\"%s\",\"pass\":\"%s\"}\r\nPING\r\n";

    private final NKey issuer = JwtFixtures.accountKey();
    private final NKey otherAccount = JwtFixtures.accountKey();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private NatsServer server;
    private String conf;
    /** Set to make the service refuse everyone from then on. */
    private volatile boolean refuseAll;

    @BeforeEach
    void startServerAndService() throws Exception {
        conf = """
                accounts { AUTH { users: [ {user: auth, password: pwd} ] }, APP {} }
                authorization {
                  timeout: 1
                  auth_callout { issuer: %s, auth_users: [ auth ], account: AUTH }
                }
                """.formatted(JwtFixtures.publicKey(issuer));
        server = startServer(b -> PermissionsTest.load(conf, b).host("127.0.0.1").port(0));
        startService(server, null);
    }

    /**
     * The callout service, connected as "auth". With {@code xkey}, requests must come sealed to it (the server's
     * curve key in the Nats-Server-Xkey header) and answers go back sealed to the server.
     */
    private void startService(NatsServer to, CurveKeyPair xkey) throws Exception {
        Connection service = connect(to, o -> o.userInfo("auth", "pwd"));
        Dispatcher d = service.createDispatcher(m -> {
            try {
                String serverXkey = m.getHeaders() == null ? null : m.getHeaders().getFirst("Nats-Server-Xkey");
                byte[] data = xkey == null ? m.getData() : xkey.open(m.getData(), serverXkey);
                String request = new String(data, StandardCharsets.US_ASCII);
                requests.add(request);
                String reply = answer(request);
                if (reply != null) {
                    byte[] out = reply.getBytes(StandardCharsets.US_ASCII);
                    service.publish(m.getReplyTo(), xkey == null ? out : xkey.seal(out, serverXkey));
                }
            } catch (Exception e) {
                requests.add("failed: " + e);
            }
        });
        d.subscribe("$SYS.REQ.USER.AUTH");
        service.flush(WAIT);
    }

    /**
     * alice/secret and bob/secret are admitted (to APP and $G); silent gets no answer; mallory's user JWT is issued
     * by another account; forger's response is signed by another account; stranger's user JWT is about another
     * user nkey; anyone else gets an error answer.
     */
    private String answer(String request) {
        JsonNode nats = body(request).get("nats");
        String user = nats.path("connect_opts").path("user").asText();
        String pass = nats.path("connect_opts").path("pass").asText();
        String userNkey = nats.get("user_nkey").asText();
        String serverId = nats.path("server_id").path("id").asText();
        boolean secret = pass.equals("secret") && !refuseAll;
        return switch (secret ? user : "") {
            case "alice" -> response(userNkey, serverId, userJwt(userNkey, "APP", issuer), null, issuer);
            case "bob" -> response(userNkey, serverId, userJwt(userNkey, "$G", issuer), null, issuer);
            case "silent" -> null;
            case "mallory" -> response(userNkey, serverId, userJwt(userNkey, "APP", otherAccount), null, issuer);
            case "forger" -> response(userNkey, serverId, userJwt(userNkey, "APP", otherAccount), null,
                    otherAccount);
            case "stranger" -> response(userNkey, serverId,
                    userJwt(JwtFixtures.publicKey(JwtFixtures.userKey()), "APP", issuer), null, issuer);
            default -> response(userNkey, serverId, null, "bad credentials", issuer);
        };
    }

    private static String userJwt(String userNkey, String account, NKey signer) {
        ObjectNode c = JwtFixtures.claims("user", signer);
        c.put("sub", userNkey);
        c.put("aud", account);
        c.put("name", "callout-user");
        ObjectNode nats = JwtFixtures.nats(c);
        nats.putObject("pub").putArray("allow").add("app.>").add("_INBOX.>");
        nats.putObject("sub").putArray("allow").add("app.>").add("_INBOX.>");
        return JwtFixtures.sign(c, signer);
    }

    private static String response(String userNkey, String serverId, String jwt, String error, NKey signer) {
        return JwtFixtures.authorizationResponse(userNkey, serverId, jwt, error, signer);
    }

    private static JsonNode body(String jwt) {
        return JwtFixtures.body(jwt);
    }

    private RawClient login(String user, String pass) throws Exception {
        RawClient c = RawClient.connect(server.port());
        c.readInfo();
        c.send(CONNECT.formatted(user, pass));
        return c;
    }

    @Test
    void anAdmittedUserLandsInTheAccountOfItsJwtWithItsPermissions() throws Exception {
        Connection alice = connect(o -> o.userInfo("alice", "secret"));
        Subscription mine = alice.subscribe("app.x");
        try (RawClient bob = login("bob", "secret")) { // admitted to $G: does not see APP's messages
            assertThat(bob.readLineSkippingPings()).isEqualTo("PONG");
            bob.send("SUB app.> 1\r\nPING\r\n");
            assertThat(bob.readLineSkippingPings()).isEqualTo("PONG");
            alice.publish("app.x", "hi".getBytes(StandardCharsets.UTF_8));
            assertThat(mine.nextMessage(WAIT).getData()).asString().isEqualTo("hi");
            bob.send("PING\r\n");
            assertThat(bob.readLineSkippingPings()).as("bob is in another account").isEqualTo("PONG");
            bob.send("PUB other.x 1\r\nx\r\nPING\r\n");
            assertThat(bob.readLineSkippingPings())
                    .isEqualTo("-ERR 'Permissions Violation for Publish to \"other.x\"'");
        }
    }

    @Test
    void theRequestIsSignedByTheServerKeyAndDescribesTheClient() throws Exception {
        try (RawClient alice = login("alice", "secret")) {
            assertThat(alice.readLineSkippingPings()).isEqualTo("PONG");
        }
        assertThat(requests).hasSize(1);
        Claims request = JwtDecoder.decode(requests.get(0), ClaimType.AUTHORIZATION_REQUEST); // verifies signature
        assertThat(request.issuer()).isEqualTo(server.serverId());
        assertThat(request.subject()).isEqualTo(JwtFixtures.publicKey(issuer));
        assertThat(request.audience()).isEqualTo("nats-authorization-request");
        assertThat(request.expires() - request.issuedAt()).isBetween(1L, 2L);
        JsonNode nats = request.nats();
        assertThat(nats.path("server_id").path("id").asText()).isEqualTo(server.serverId());
        assertThat(nats.get("user_nkey").asText()).startsWith("U").hasSize(56);
        assertThat(nats.path("client_info").path("host").asText()).isEqualTo("127.0.0.1");
        assertThat(nats.path("client_info").path("user").asText()).isEqualTo("alice");
        assertThat(nats.path("client_info").path("kind").asText()).isEqualTo("Client");
        assertThat(nats.path("client_info").path("type").asText()).isEqualTo("nats");
        assertThat(nats.path("connect_opts").path("pass").asText()).isEqualTo("secret");
        assertThat(nats.path("connect_opts").path("protocol").asInt()).isEqualTo(1);
    }

    @Test
    void aRefusalFromTheServiceIsAnAuthorizationViolation() throws Exception {
        try (RawClient eve = login("eve", "secret")) {
            assertThat(eve.readLine()).isEqualTo("-ERR 'Authorization Violation'");
            assertThat(eve.closedWithin(2000)).isTrue();
        }
    }

    @Test
    void noAnswerWithinTheAuthTimeoutIsAnAuthorizationViolation() throws Exception {
        long start = System.nanoTime();
        try (RawClient silent = login("silent", "secret")) {
            assertThat(silent.readLine()).isEqualTo("-ERR 'Authorization Violation'");
            assertThat(System.nanoTime() - start).as("waited for the 1s auth timeout").isGreaterThan(900_000_000L);
        }
    }

    @Test
    void authUsersLogInWithoutTheCalloutAndMayNotForgeRequests() throws Exception {
        int before = requests.size();
        try (RawClient auth = login("auth", "pwd")) {
            assertThat(auth.readLineSkippingPings()).isEqualTo("PONG");
            auth.send("PUB $SYS.REQ.USER.AUTH 1\r\nx\r\nPING\r\n");
            assertThat(auth.readLineSkippingPings())
                    .isEqualTo("-ERR 'Permissions Violation for Publish to \"$SYS.REQ.USER.AUTH\"'");
        }
        try (RawClient wrong = login("auth", "nope")) {
            assertThat(wrong.readLine()).isEqualTo("-ERR 'Authorization Violation'");
        }
        assertThat(requests).as("no request for auth users").hasSize(before);
    }

    @Test
    void tamperedAnswersAreRefused() throws Exception {
        for (String user : List.of("mallory", "forger", "stranger")) {
            try (RawClient c = login(user, "secret")) {
                assertThat(c.readLine()).as(user).isEqualTo("-ERR 'Authorization Violation'");
            }
        }
        assertThat(requests).hasSize(3);
    }

    @Test
    void withoutTheServiceEveryoneButTheAuthUsersIsRefused() throws Exception {
        NatsServer s = startServer(b -> PermissionsTest.load("""
                accounts { AUTH { users: [ {user: auth, password: pwd} ] } }
                authorization { timeout: 0.3, auth_callout { issuer: %s, auth_users: [ auth ], account: AUTH } }
                """.formatted(JwtFixtures.publicKey(issuer)), b).host("127.0.0.1").port(0));
        try (RawClient c = RawClient.connect(s.port())) {
            c.readInfo();
            c.send(CONNECT.formatted("alice", "secret"));
            assertThat(c.readLine()).isEqualTo("-ERR 'Authorization Violation'");
        }
        try (RawClient c = RawClient.connect(s.port())) {
            c.readInfo();
            c.send(CONNECT.formatted("auth", "pwd"));
            assertThat(c.readLineSkippingPings()).isEqualTo("PONG");
        }
    }

    @Test
    void withAnXkeyRequestsAndAnswersTravelSealed() throws Exception {
        CurveKeyPair serviceKey = CurveKeyPair.generate();
        NatsServer s = startServer(b -> PermissionsTest.load("""
                accounts { AUTH { users: [ {user: auth, password: pwd} ] }, APP {} }
                authorization { auth_callout { issuer: %s, auth_users: [ auth ], account: AUTH, xkey: %s } }
                """.formatted(JwtFixtures.publicKey(issuer), serviceKey.publicKey()), b).host("127.0.0.1").port(0));
        startService(s, serviceKey);
        Connection alice = connect(s, o -> o.userInfo("alice", "secret"));
        Subscription sub = alice.subscribe("app.x");
        alice.publish("app.x", new byte[] {1});
        assertThat(sub.nextMessage(WAIT)).isNotNull();
        assertThat(requests).hasSize(1);
        JsonNode serverId = body(requests.get(0)).at("/nats/server_id");
        assertThat(serverId.get("xkey").asText()).as("the server's curve key, for the answer").startsWith("X");
        try (RawClient eve = RawClient.connect(s.port())) {
            eve.readInfo();
            eve.send(CONNECT.formatted("eve", "secret"));
            assertThat(eve.readLine()).isEqualTo("-ERR 'Authorization Violation'");
        }
        assertThat(requests).hasSize(2).noneMatch(r -> r.startsWith("failed"));
    }

    @Test
    void aReloadThatChangesUsersAsksAboutDelegatedClientsAgain() throws Exception {
        try (RawClient alice = login("alice", "secret")) {
            assertThat(alice.readLineSkippingPings()).isEqualTo("PONG");
            refuseAll = true;
            server.reload(PermissionsTest.load(conf.replace("{user: auth, password: pwd}",
                    "{user: auth, password: pwd}, {user: extra, password: x}"),
                    server.options().toBuilder()).build());
            String line = alice.readLineSkippingPings();
            while (line.startsWith("INFO ")) { // the reload's new INFO for protocol 1 clients comes first
                line = alice.readLineSkippingPings();
            }
            assertThat(line).isEqualTo("-ERR 'Authorization Violation'");
            assertThat(alice.closedWithin(2000)).isTrue();
        }
        assertThat(requests).hasSize(2);
    }

    @Test
    void whatFollowsTheConnectWaitsForTheAnswerAndIsThenProcessed() throws Exception {
        try (RawClient c = RawClient.connect(server.port())) {
            c.readInfo();
            c.send(CONNECT.formatted("bob", "secret").replace("PING\r\n", "")
                    + "SUB app.x 1\r\nPUB app.x 2\r\nhi\r\nPING\r\n");
            assertThat(c.readLineSkippingPings()).isEqualTo("MSG app.x 1 2");
            assertThat(c.readLineSkippingPings()).isEqualTo("hi");
            assertThat(c.readLineSkippingPings()).isEqualTo("PONG");
        }
    }

    @Test
    void manyClientsAreAskedAboutAtOnce() throws Exception {
        List<RawClient> clients = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                clients.add(login(i % 2 == 0 ? "alice" : "eve", "secret"));
            }
            for (int i = 0; i < clients.size(); i++) {
                assertThat(clients.get(i).readLineSkippingPings()).as("client %d", i)
                        .isEqualTo(i % 2 == 0 ? "PONG" : "-ERR 'Authorization Violation'");
            }
        } finally {
            for (RawClient c : clients) {
                c.close();
            }
        }
        assertThat(requests).hasSize(40);
    }
}
