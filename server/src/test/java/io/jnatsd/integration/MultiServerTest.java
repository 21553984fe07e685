package io.jnatsd.integration;

import io.jnatsd.NatsServer;
import io.jnatsd.testing.JnatsClients;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.jnatsd.testing.JnatsClients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/** Several servers in one JVM are independent: separate ids, ports, subscriptions and lifecycles. */
class MultiServerTest extends JnatsIntegrationTest {

    @Test
    void messagesStayOnTheirOwnServer() throws Exception {
        NatsServer one = startServer(o -> o);
        NatsServer two = startServer(o -> o);
        assertThat(one.port()).isNotEqualTo(two.port());
        assertThat(one.serverId()).isNotEqualTo(two.serverId());

        Connection c1 = connect(one, o -> o);
        Connection c2 = connect(two, o -> o);
        Subscription s1 = c1.subscribe("shared.subject");
        Subscription s2 = c2.subscribe("shared.subject");
        JnatsClients.flush(c1);
        JnatsClients.flush(c2);

        c1.publish("shared.subject", "from one".getBytes(StandardCharsets.UTF_8));
        c2.publish("shared.subject", "from two".getBytes(StandardCharsets.UTF_8));
        JnatsClients.flush(c1);
        JnatsClients.flush(c2);

        assertThat(texts(JnatsClients.queued(s1))).containsExactly("from one");
        assertThat(texts(JnatsClients.queued(s2))).containsExactly("from two");
        assertThat(c1.getServerInfo().getServerId()).isEqualTo(one.serverId());
        assertThat(c2.getServerInfo().getServerId()).isEqualTo(two.serverId());
    }

    @Test
    void closingOneServerLeavesTheOtherWorking() throws Exception {
        NatsServer one = startServer(o -> o);
        NatsServer two = startServer(o -> o);
        Connection c2 = connect(two, o -> o);
        connect(one, o -> o);
        assertThat(one.connectionCount()).isEqualTo(1);
        assertThat(two.connectionCount()).isEqualTo(1);

        one.close();

        assertThat(two.isRunning()).isTrue();
        Subscription s = c2.subscribe("still.here");
        c2.publish("still.here", new byte[] {1});
        assertThat(s.nextMessage(WAIT)).isNotNull();
        assertThat(c2.request("nobody", null, WAIT)).as("no responders still fast on server two").isNull();
    }

    @Test
    void differentOptionsPerServer() throws Exception {
        NatsServer small = startServer(o -> o.maxPayload(512));
        NatsServer large = startServer(o -> o.maxPayload(8192));
        assertThat(connect(small, o -> o).getMaxPayload()).isEqualTo(512);
        assertThat(connect(large, o -> o).getMaxPayload()).isEqualTo(8192);
    }

    private static List<String> texts(List<Message> messages) {
        return messages.stream().map(m -> new String(m.getData(), StandardCharsets.UTF_8)).toList();
    }
}
