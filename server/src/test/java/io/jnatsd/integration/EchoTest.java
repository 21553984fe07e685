package io.jnatsd.integration;

import io.jnatsd.testing.JnatsClients;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Echo: by default a connection receives its own messages; with echo off (CONNECT echo:false) it must not. */
class EchoTest extends JnatsIntegrationTest {

    @Test
    void echoOffSuppressesOwnMessagesButNotOthers() throws Exception {
        Connection quiet = connect(o -> o.noEcho());
        Connection other = connect();
        Subscription s = quiet.subscribe("echo.test");
        JnatsClients.flush(quiet);

        quiet.publish("echo.test", "mine".getBytes(StandardCharsets.UTF_8));
        JnatsClients.flush(quiet);
        other.publish("echo.test", "theirs".getBytes(StandardCharsets.UTF_8));
        JnatsClients.flush(other);
        JnatsClients.flush(quiet);

        List<Message> got = JnatsClients.queued(s);
        assertThat(got).extracting(m -> new String(m.getData(), StandardCharsets.UTF_8)).containsExactly("theirs");
        // jnats does no echo filtering of its own: the wire count proves the server did not send "mine".
        assertThat(quiet.getStatistics().getInMsgs()).isEqualTo(1);
    }

    @Test
    void echoOnByDefault() throws Exception {
        Connection nc = connect();
        Subscription s = nc.subscribe("echo.default");
        nc.publish("echo.default", "mine".getBytes(StandardCharsets.UTF_8));
        JnatsClients.flush(nc);

        assertThat(JnatsClients.queued(s)).hasSize(1);
    }

    @Test
    void echoOffStillAllowsQueueGroupDeliveryToOthers() throws Exception {
        // A queue group whose only local member is the publisher itself must fall through to another member.
        Connection quiet = connect(o -> o.noEcho());
        Connection other = connect();
        Subscription mine = quiet.subscribe("echo.q", "g");
        Subscription theirs = other.subscribe("echo.q", "g");
        JnatsClients.flush(quiet);
        JnatsClients.flush(other);

        for (int i = 0; i < 20; i++) {
            quiet.publish("echo.q", null);
        }
        JnatsClients.flush(quiet);
        JnatsClients.flush(other);

        assertThat(mine.getPendingMessageCount()).isZero();
        assertThat(JnatsClients.queued(theirs)).hasSize(20);
    }
}
