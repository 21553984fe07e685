package io.jnatsd.integration;

import io.jnatsd.NatsServer;
import io.jnatsd.testing.Await;
import io.jnatsd.testing.JnatsClients;
import io.jnatsd.testing.RawClient;
import io.nats.client.AuthenticationException;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Options;
import io.nats.client.Subscription;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

import static io.jnatsd.testing.JnatsClients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Single-user authentication (user/password or token, nats-server's --user/--pass and --auth): the right
 * credentials connect and work, anything else is refused with -ERR 'Authorization Violation'.
 */
class AuthTest extends JnatsIntegrationTest {
    private final List<String> errors = new CopyOnWriteArrayList<>();

    /** Credentials plus an error listener that records the server's -ERR texts. */
    private UnaryOperator<Options.Builder> with(UnaryOperator<Options.Builder> credentials) {
        ErrorListener listener = new ErrorListener() {
            @Override
            public void errorOccurred(Connection conn, String error) {
                errors.add(error);
            }
        };
        return o -> credentials.apply(o.errorListener(listener));
    }

    /**
     * Connects expecting a refusal. The connect timeout is cut to 1 s because jnats 2.24.0 only gives up on a
     * refused connect when its connect timeout expires (it does the same against nats-server 2.9.10; the server has
     * closed the socket long before, see {@link #serverAnswersBadCredentialsWithErrAndCloses}).
     */
    private Connection connectExpectingRefusal(UnaryOperator<Options.Builder> credentials) throws Exception {
        return connect(o -> with(credentials).apply(o).connectionTimeout(Duration.ofSeconds(1)));
    }

    private void assertRefused(UnaryOperator<Options.Builder> credentials) throws InterruptedException {
        // jnats 2.24.0 turns the server's -ERR 'Authorization Violation' into an AuthenticationException.
        assertThatThrownBy(() -> connectExpectingRefusal(credentials))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("Authorization Violation");
        assertThat(errors).as("-ERR texts received").anySatisfy(
                e -> assertThat(e).containsIgnoringCase("Authorization Violation"));
        NatsServer s = server();
        Await.until(WAIT, "refused connection gone from the server", () -> s.connectionCount() == 0);
    }

    private static void assertWorks(Connection nc) throws InterruptedException {
        Subscription sub = nc.subscribe("auth.ok");
        nc.publish("auth.ok", new byte[] {1});
        assertThat(sub.nextMessage(WAIT)).isNotNull();
    }

    @Test
    void rightUserAndPasswordConnect() throws Exception {
        startServer(o -> o.user("a").password("b"));
        Connection nc = connect(with(o -> o.userInfo("a", "b")));
        assertThat(nc.getServerInfo().isAuthRequired()).isTrue();
        assertWorks(nc);
    }

    @Test
    void wrongPasswordIsRefused() throws Exception {
        startServer(o -> o.user("a").password("b"));
        assertRefused(o -> o.userInfo("a", "wrong"));
    }

    @Test
    void wrongUserIsRefused() throws Exception {
        startServer(o -> o.user("a").password("b"));
        assertRefused(o -> o.userInfo("x", "b"));
    }

    @Test
    void missingCredentialsAreRefused() throws Exception {
        startServer(o -> o.user("a").password("b"));
        assertRefused(o -> o);
    }

    @Test
    void rightTokenConnects() throws Exception {
        startServer(o -> o.authToken("s3cr3t-t0ken"));
        Connection nc = connect(with(o -> o.token("s3cr3t-t0ken".toCharArray())));
        assertThat(nc.getServerInfo().isAuthRequired()).isTrue();
        assertWorks(nc);
    }

    @Test
    void wrongTokenIsRefused() throws Exception {
        startServer(o -> o.authToken("s3cr3t-t0ken"));
        assertRefused(o -> o.token("s3cr3t-t0keN".toCharArray()));
    }

    @Test
    void userPasswordIsNoSubstituteForTheToken() throws Exception {
        startServer(o -> o.authToken("s3cr3t-t0ken"));
        assertRefused(o -> o.userInfo("s3cr3t-t0ken", "s3cr3t-t0ken"));
    }

    @Test
    void serverAnswersBadCredentialsWithErrAndCloses() throws Exception {
        NatsServer s = startServer(o -> o.user("a").password("b"));
        try (RawClient c = RawClient.connect(s.port())) {
            assertThat(c.readInfo()).contains("\"auth_required\":true");
            c.send("CONNECT {\"verbose\":false,\"user\":\"a\",\"pass\":\"nope\"}\r\nPING\r\n");
            assertThat(c.readLine()).isEqualTo("-ERR 'Authorization Violation'");
            assertThat(c.closedWithin(2000)).as("socket closed after the -ERR").isTrue();
        }
    }

    @Test
    void aRefusedClientDoesNotDisturbAuthenticatedOnes() throws Exception {
        startServer(o -> o.user("a").password("b"));
        Connection good = connect(with(o -> o.userInfo("a", "b")));
        Subscription sub = good.subscribe("auth.other");
        JnatsClients.flush(good);

        assertThatThrownBy(() -> connectExpectingRefusal(o -> o.userInfo("a", "nope")))
                .isInstanceOf(AuthenticationException.class);

        good.publish("auth.other", new byte[] {1});
        assertThat(sub.nextMessage(WAIT)).isNotNull();
        assertThat(server().connectionCount()).isEqualTo(1);
    }
}
