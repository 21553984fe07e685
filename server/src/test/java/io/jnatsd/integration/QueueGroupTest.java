package io.jnatsd.integration;

import io.jnatsd.testing.JnatsClients;
import io.jnatsd.testing.MessageSink;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.jnatsd.testing.JnatsClients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/** Queue groups: each message goes to exactly one member of a group, while plain subscribers still get every one. */
class QueueGroupTest extends JnatsIntegrationTest {
    private static final int MESSAGES = 3000;

    @Test
    void eachMessageGoesToExactlyOneMemberSpreadEvenlyWhilePlainSubscriberGetsAll() throws Exception {
        List<MessageSink> members = new ArrayList<>();
        List<Connection> memberConnections = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Connection nc = connect();
            MessageSink sink = new MessageSink();
            nc.createDispatcher(sink).subscribe("work", "workers");
            JnatsClients.flush(nc);
            members.add(sink);
            memberConnections.add(nc);
        }
        Connection plainConn = connect();
        MessageSink plain = new MessageSink();
        plainConn.createDispatcher(plain).subscribe("work");
        JnatsClients.flush(plainConn);

        Connection pub = connect();
        for (int i = 0; i < MESSAGES; i++) {
            pub.publish("work", Integer.toString(i).getBytes(StandardCharsets.US_ASCII));
        }
        JnatsClients.flush(pub);

        plain.awaitCount(MESSAGES, WAIT);
        // Members together must reach the total; then flush each so any extra (duplicate) delivery is visible too.
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (members.stream().mapToInt(MessageSink::count).sum() < MESSAGES && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        for (Connection nc : memberConnections) {
            JnatsClients.flush(nc);
        }

        assertThat(plain.count()).as("plain subscriber").isEqualTo(MESSAGES);
        assertThat(ids(plain.messages())).hasSize(MESSAGES);

        Set<Integer> seen = new HashSet<>();
        int total = 0;
        for (MessageSink m : members) {
            total += m.count();
            for (int id : ids(m.messages())) {
                assertThat(seen.add(id)).as("message %d delivered to more than one member", id).isTrue();
            }
        }
        assertThat(total).as("messages delivered to the group").isEqualTo(MESSAGES);
        assertThat(seen).hasSize(MESSAGES);
        for (int i = 0; i < members.size(); i++) {
            assertThat(members.get(i).count()).as("member %d share of %d", i, MESSAGES)
                    .isGreaterThanOrEqualTo((int) (MESSAGES * 0.15));
        }
    }

    @Test
    void twoGroupsOnOneSubjectEachGetEveryMessageOnce() throws Exception {
        // A message goes to one member of EACH matching group, not one member overall.
        Connection nc = connect();
        MessageSink a = new MessageSink();
        MessageSink b = new MessageSink();
        Dispatcher d = nc.createDispatcher();
        d.subscribe("jobs.>", "group-a", a);
        d.subscribe("jobs.>", "group-a", a);
        d.subscribe("jobs.*", "group-b", b);
        JnatsClients.flush(nc);

        Connection pub = connect();
        for (int i = 0; i < 100; i++) {
            pub.publish("jobs.x", null);
        }
        JnatsClients.flush(pub);
        a.awaitCount(100, WAIT);
        b.awaitCount(100, WAIT);
        JnatsClients.flush(nc);

        assertThat(a.count()).isEqualTo(100);
        assertThat(b.count()).isEqualTo(100);
    }

    private static Set<Integer> ids(List<Message> messages) {
        Set<Integer> ids = new HashSet<>();
        for (Message m : messages) {
            ids.add(Integer.parseInt(new String(m.getData(), StandardCharsets.US_ASCII)));
        }
        return ids;
    }
}
