package io.jnatsd.integration;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.jnatsd.NatsServer;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.testing.Await;
import io.jnatsd.testing.RawClient;
import io.nats.client.AuthenticationException;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Message;
import io.nats.client.Options;
import io.nats.client.Subscription;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

import static io.jnatsd.testing.JnatsClients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Users from a config file: passwords (plain, bcrypt), token bcrypt, no_auth_user, publish/subscribe permissions. */
class PermissionsTest extends JnatsIntegrationTest {
    static final String BCRYPT_PW = hash("s3cret");

    static final String USERS = """
            authorization {
              default_permissions: { publish: "def.>", subscribe: "def.>" }
              users = [
                {user: pub, password: p, permissions: {publish: {allow: ["foo.*"], deny: ["foo.bar"]},
                                                        subscribe: ["foo.>", "q.* grp"]}}
                {user: hashed, password: "%s"}
                {user: anon, password: x, permissions: {publish: "anon.>", subscribe: "anon.>"}}
                {user: svc, password: s, permissions: {subscribe: "svc", allow_responses: true}}
                {user: all, password: a, permissions: {publish: ">", subscribe: ">"}}
                {user: deny, password: d, permissions: {subscribe: {deny: "foo.bar"}}}
              ]
            }
            no_auth_user: anon
            """.formatted(BCRYPT_PW);

    private final List<String> errors = new CopyOnWriteArrayList<>();

    static String hash(String password) {
        return new String(BCrypt.withDefaults().hash(4, password.getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8);
    }

    /** Loads {@code text} as a config file into the builder, as the command line does. */
    static ServerOptions.Builder load(String text, ServerOptions.Builder b) {
        return io.jnatsd.testing.ServerPair.load(text, b);
    }

    private UnaryOperator<Options.Builder> as(String user, String pass) {
        ErrorListener listener = new ErrorListener() {
            @Override
            public void errorOccurred(Connection conn, String error) {
                errors.add(error);
            }
        };
        return o -> {
            o.errorListener(listener);
            return user == null ? o : o.userInfo(user, pass);
        };
    }

    @Test
    void rightAndWrongPasswordsPlainAndBcrypt() throws Exception {
        startServer(b -> load(USERS, b));
        assertThat(connect(as("pub", "p")).getStatus()).isEqualTo(Connection.Status.CONNECTED);
        assertThat(connect(as("hashed", "s3cret")).getStatus()).isEqualTo(Connection.Status.CONNECTED);
        for (String[] bad : new String[][] {{"pub", "x"}, {"hashed", "wrong"}, {"hashed", BCRYPT_PW}, {"nobody", "p"}}) {
            assertThatThrownBy(() -> connect(o -> as(bad[0], bad[1]).apply(o).connectionTimeout(Duration.ofSeconds(1))))
                    .as("%s/%s", bad[0], bad[1])
                    .isInstanceOf(AuthenticationException.class);
        }
    }

    @Test
    void tokenMayBeABcryptHash() throws Exception {
        startServer(b -> load("authorization { token: \"" + hash("tok") + "\" }", b));
        Connection nc = connect(o -> o.token("tok".toCharArray()));
        assertThat(nc.getStatus()).isEqualTo(Connection.Status.CONNECTED);
        assertThatThrownBy(() -> connect(o -> o.token("tok2".toCharArray()).connectionTimeout(Duration.ofSeconds(1))))
                .isInstanceOf(AuthenticationException.class);
    }

    @Test
    void noAuthUserGetsThatUsersPermissions() throws Exception {
        startServer(b -> load(USERS, b));
        Connection nc = connect(as(null, null));
        Subscription sub = nc.subscribe("anon.x");
        nc.publish("anon.x", new byte[] {1});
        assertThat(sub.nextMessage(WAIT)).isNotNull();
        nc.publish("foo.x", new byte[] {1});
        Await.until(WAIT, "publish violation reported", () -> errors.stream().anyMatch(
                e -> e.contains("Permissions Violation for Publish to \"foo.x\"")));
    }

    @Test
    void deniedPublishIsDroppedWithAnErrorAndTheConnectionStaysOpen() throws Exception {
        startServer(b -> load(USERS, b));
        Connection watcher = connect(as("all", "a"));
        Subscription all = watcher.subscribe("foo.*");
        watcher.flush(WAIT);
        Connection nc = connect(as("pub", "p"));
        nc.publish("foo.bar", "denied".getBytes(StandardCharsets.UTF_8));
        nc.publish("foo.ok", "allowed".getBytes(StandardCharsets.UTF_8));
        nc.flush(WAIT);
        Message m = all.nextMessage(WAIT);
        assertThat(m.getSubject()).as("the denied message is not delivered").isEqualTo("foo.ok");
        Await.until(WAIT, "publish violation reported", () -> errors.contains(
                "Permissions Violation for Publish to \"foo.bar\""));
        assertThat(nc.getStatus()).isEqualTo(Connection.Status.CONNECTED);
        nc.flush(WAIT);
    }

    @Test
    void deniedSubscriptionIsNotMade() throws Exception {
        startServer(b -> load(USERS, b));
        Connection watcher = connect(as("all", "a"));
        Connection nc = connect(as("pub", "p"));
        Subscription denied = nc.subscribe("other");
        Subscription queueOk = nc.subscribe("q.a", "grp");
        nc.subscribe("q.a", "bad");
        nc.flush(WAIT);
        Await.until(WAIT, "subscription violations reported", () -> errors.contains(
                "Permissions Violation for Subscription to \"other\"") && errors.contains(
                "Permissions Violation for Subscription to \"q.a\" using queue \"bad\""));
        watcher.publish("other", new byte[] {1});
        watcher.publish("q.a", new byte[] {2});
        watcher.flush(WAIT);
        assertThat(queueOk.nextMessage(WAIT)).isNotNull();
        assertThat(denied.nextMessage(Duration.ofMillis(200))).isNull();
        assertThat(nc.getStatus()).isEqualTo(Connection.Status.CONNECTED);
    }

    @Test
    void allowResponsesLetsAResponderAnswerOnce() throws Exception {
        startServer(b -> load(USERS, b));
        Connection responder = connect(as("svc", "s"));
        responder.createDispatcher(msg -> {
            responder.publish(msg.getReplyTo(), "answer".getBytes(StandardCharsets.UTF_8));
            responder.publish(msg.getReplyTo(), "again".getBytes(StandardCharsets.UTF_8)); // over max 1
        }).subscribe("svc");
        responder.flush(WAIT);
        Connection requester = connect(as("all", "a"));
        Message reply = requester.request("svc", null, WAIT);
        assertThat(reply).isNotNull();
        assertThat(new String(reply.getData(), StandardCharsets.UTF_8)).isEqualTo("answer");
        Await.until(WAIT, "second reply refused", () -> errors.stream().anyMatch(
                e -> e.startsWith("Permissions Violation for Publish to \"_INBOX.")));
        responder.publish("elsewhere", null);
        Await.until(WAIT, "plain publish refused", () -> errors.contains(
                "Permissions Violation for Publish to \"elsewhere\""));
    }

    @Test
    void rawErrTextsAndVerbose() throws Exception {
        NatsServer s = startServer(b -> load(USERS, b));
        try (RawClient c = RawClient.connect(s.port())) {
            c.readInfo();
            c.send("CONNECT {\"user\":\"pub\",\"pass\":\"p\",\"verbose\":true}\r\n"
                    + "PUB foo.bar 1\r\nx\r\nPUB foo.x 1\r\nx\r\nSUB nope 1\r\nSUB q.a 2\r\nSUB q.a grp 3\r\n"
                    + "SUB q.a other 4\r\nPING\r\n");
            List<String> lines = new ArrayList<>();
            for (String l = c.readLineSkippingPings(); !"PONG".equals(l); l = c.readLineSkippingPings()) {
                lines.add(l);
            }
            assertThat(lines).containsExactly("+OK",
                    "-ERR 'Permissions Violation for Publish to \"foo.bar\"'",
                    "+OK",
                    "-ERR 'Permissions Violation for Subscription to \"nope\"'",
                    "-ERR 'Permissions Violation for Subscription to \"q.a\"'",
                    "+OK",
                    "-ERR 'Permissions Violation for Subscription to \"q.a\" using queue \"other\"'");
        }
    }

    @Test
    void reloadRemovesSubscriptionsTheNewPermissionsRefuse() throws Exception {
        NatsServer s = startServer(b -> load(USERS, b));
        try (RawClient c = RawClient.connect(s.port())) {
            c.readInfo();
            c.send("CONNECT {\"user\":\"pub\",\"pass\":\"p\",\"verbose\":false}\r\nSUB foo.x 1\r\nSUB foo.y 2\r\nPING\r\n");
            assertThat(c.readLineSkippingPings()).isEqualTo("PONG");
            s.reload(load(USERS.replace("\"foo.>\", ", "\"foo.y\", "), s.options().toBuilder()).build());
            assertThat(c.readLineSkippingPings())
                    .isEqualTo("-ERR 'Permissions Violation for Subscription to \"foo.x\" (sid \"1\")'");
            c.send("PUB foo.x 0\r\n\r\nPING\r\n");
            assertThat(c.readLineSkippingPings()).isEqualTo("PONG");
        }
    }
}
