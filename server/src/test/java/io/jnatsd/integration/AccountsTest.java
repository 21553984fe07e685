package io.jnatsd.integration;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.jnatsd.testing.JnatsClients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Accounts with jnats: isolation, stream and service exports/imports, account limits. */
class AccountsTest extends JnatsIntegrationTest {
    static final String ACCOUNTS = """
            accounts {
              A: { users: [ {user: a, password: a} ]
                   exports: [ {stream: "pub.>"}, {stream: "feed.>"}, {service: "svc.>"}, {service: "priv", accounts: [B]},
                              {service: "many", response_type: stream, response_threshold: "5s"} ] }
              B: { users: [ {user: b, password: b} ]
                   imports: [ {stream: {account: A, subject: "pub.>"}, prefix: "froma"},
                              {stream: {account: A, subject: "feed.>"}, to: "mine.>"},
                              {service: {account: A, subject: "svc.x"}, to: "a.svc"},
                              {service: {account: A, subject: "priv"}},
                              {service: {account: A, subject: "many"}} ] }
              C: { users: [ {user: c, password: c} ], limits: { max_connections: 1, max_subscriptions: 2 } }
            }
            """;

    private final java.util.List<String> errors = new java.util.concurrent.CopyOnWriteArrayList<>();

    @org.junit.jupiter.api.BeforeEach
    void startWithAccounts() {
        startServer(b -> PermissionsTest.load(ACCOUNTS, b));
    }

    private Connection as(String user) throws Exception {
        return connect(o -> o.userInfo(user, user).errorListener(new io.nats.client.ErrorListener() {
            @Override
            public void errorOccurred(Connection conn, String error) {
                errors.add(error);
            }
        }));
    }

    @Test
    void accountsDoNotSeeEachOthersMessages() throws Exception {
        Connection a = as("a");
        Connection b = as("b");
        Subscription inA = a.subscribe("news");
        Subscription inB = b.subscribe("news");
        a.flush(WAIT);
        b.flush(WAIT);
        a.publish("news", "from a".getBytes(StandardCharsets.UTF_8));
        b.publish("news", "from b".getBytes(StandardCharsets.UTF_8));
        a.flush(WAIT);
        b.flush(WAIT);
        assertThat(new String(inA.nextMessage(WAIT).getData(), StandardCharsets.UTF_8)).isEqualTo("from a");
        assertThat(new String(inB.nextMessage(WAIT).getData(), StandardCharsets.UTF_8)).isEqualTo("from b");
        assertThat(inA.nextMessage(Duration.ofMillis(200))).isNull();
        assertThat(inB.nextMessage(Duration.ofMillis(200))).isNull();
    }

    @Test
    void aStreamImportDeliversUnderThePrefixAndTheMappedSubject() throws Exception {
        Connection a = as("a");
        Connection b = as("b");
        Subscription prefixed = b.subscribe("froma.>");
        Subscription mapped = b.subscribe("mine.>");
        Subscription plain = b.subscribe("pub.>");
        b.flush(WAIT);
        a.publish("pub.z.q", "r.1", "abc".getBytes(StandardCharsets.UTF_8));
        a.publish("feed.z.q", "abc".getBytes(StandardCharsets.UTF_8));
        a.publish("other", "x".getBytes(StandardCharsets.UTF_8));
        a.flush(WAIT);
        Message m = prefixed.nextMessage(WAIT);
        assertThat(m.getSubject()).isEqualTo("froma.pub.z.q");
        assertThat(m.getReplyTo()).isEqualTo("r.1");
        assertThat(mapped.nextMessage(WAIT).getSubject()).isEqualTo("mine.z.q");
        b.flush(WAIT);
        assertThat(prefixed.nextMessage(Duration.ofMillis(200))).isNull();
        assertThat(plain.nextMessage(Duration.ofMillis(100))).as("B never sees A's own subjects").isNull();
    }

    @Test
    void aServiceImportAnswersRequestsAcrossAccounts() throws Exception {
        Connection a = as("a");
        Connection b = as("b");
        CompletableFuture<Message> seen = new CompletableFuture<>();
        a.createDispatcher(msg -> {
            seen.complete(msg);
            a.publish(msg.getReplyTo(), ("re:" + new String(msg.getData(), StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8));
        }).subscribe("svc.>");
        a.flush(WAIT);
        Message reply = b.request("a.svc", "hi".getBytes(StandardCharsets.UTF_8), WAIT);
        assertThat(new String(reply.getData(), StandardCharsets.UTF_8)).isEqualTo("re:hi");
        Message request = seen.get(5, TimeUnit.SECONDS);
        assertThat(request.getSubject()).isEqualTo("svc.x");
        assertThat(request.getReplyTo()).startsWith("_R_.");
        assertThat(request.getHeaders().getFirst("Nats-Request-Info")).startsWith("{\"acc\":\"B\",\"rtt\":");
    }

    @Test
    void aRequestersOwnHeadersSurviveTheImport() throws Exception {
        Connection a = as("a");
        Connection b = as("b");
        a.createDispatcher(msg -> a.publish(msg.getReplyTo(), msg.getHeaders(), msg.getData())).subscribe("priv");
        a.flush(WAIT);
        Headers h = new Headers().add("X-Mine", "1");
        Message reply = b.request(NatsMessage.builder().subject("priv").headers(h)
                .data("d".getBytes(StandardCharsets.UTF_8)).build(), WAIT);
        assertThat(reply.getHeaders().getFirst("X-Mine")).isEqualTo("1");
        assertThat(reply.getHeaders().getFirst("Nats-Request-Info")).contains("\"acc\":\"B\"");
        assertThat(reply.getData()).containsExactly('d');
    }

    @Test
    void aSingletonServiceDeliversOnlyTheFirstResponse() throws Exception {
        Connection a = as("a");
        Connection b = as("b");
        a.createDispatcher(msg -> {
            a.publish(msg.getReplyTo(), "one".getBytes(StandardCharsets.UTF_8));
            a.publish(msg.getReplyTo(), "two".getBytes(StandardCharsets.UTF_8));
        }).subscribe("priv");
        a.flush(WAIT);
        Subscription inbox = b.subscribe("my.inbox");
        b.publish("priv", "my.inbox", null);
        b.flush(WAIT);
        assertThat(new String(inbox.nextMessage(WAIT).getData(), StandardCharsets.UTF_8)).isEqualTo("one");
        a.flush(WAIT);
        b.flush(WAIT);
        assertThat(inbox.nextMessage(Duration.ofMillis(300))).isNull();
    }

    @Test
    void aStreamedServiceDeliversEveryResponse() throws Exception {
        Connection a = as("a");
        Connection b = as("b");
        a.createDispatcher(msg -> {
            for (int i = 0; i < 3; i++) {
                a.publish(msg.getReplyTo(), Integer.toString(i).getBytes(StandardCharsets.UTF_8));
            }
        }).subscribe("many");
        a.flush(WAIT);
        Subscription inbox = b.subscribe("my.inbox");
        b.publish("many", "my.inbox", null);
        b.flush(WAIT);
        for (int i = 0; i < 3; i++) {
            assertThat(new String(inbox.nextMessage(WAIT).getData(), StandardCharsets.UTF_8))
                    .isEqualTo(Integer.toString(i));
        }
    }

    @Test
    void aServiceImportWithoutResponderIsNotNoResponders() throws Exception {
        Connection b = as("b");
        // nats-server 2.9.10 counts the import itself as the taker: no 503 (jnats would cancel the future), a timeout.
        assertThatThrownBy(() -> b.request("a.svc", null).get(300, TimeUnit.MILLISECONDS))
                .isInstanceOf(java.util.concurrent.TimeoutException.class);
    }

    @Test
    void anAccountWithoutTheImportCannotReachTheService() throws Exception {
        Connection a = as("a");
        Connection c = as("c");
        Subscription svc = a.subscribe("priv");
        a.flush(WAIT);
        c.publish("priv", null);
        c.flush(WAIT);
        a.flush(WAIT);
        assertThat(svc.nextMessage(Duration.ofMillis(300))).isNull();
    }

    @Test
    void accountLimitsRefuseConnectionsAndSubscriptions() throws Exception {
        Connection c = as("c");
        assertThatThrownBy(() -> connect(o -> o.userInfo("c", "c").connectionTimeout(Duration.ofSeconds(1))))
                .isInstanceOf(Exception.class);
        assertThat(as("a").getStatus()).as("other accounts are not limited").isEqualTo(Connection.Status.CONNECTED);
        c.subscribe("one");
        c.subscribe("two");
        c.subscribe("three");
        c.flush(WAIT);
        io.jnatsd.testing.Await.until(Duration.ofSeconds(5), "an async -ERR", () -> !errors.isEmpty());
        assertThat(errors).anyMatch(e -> e.contains("maximum subscriptions exceeded"));
    }
}
