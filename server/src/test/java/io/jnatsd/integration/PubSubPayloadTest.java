package io.jnatsd.integration;

import io.jnatsd.testing.Await;
import io.jnatsd.testing.JnatsClients;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Message;
import io.nats.client.Subscription;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.jnatsd.testing.JnatsClients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Publish/subscribe on literal subjects between two jnats connections; payload bytes must arrive untouched. */
class PubSubPayloadTest extends JnatsIntegrationTest {

    /** Publishes {@code payload} from one connection and returns what a subscriber on another received. */
    private byte[] roundTrip(byte[] payload) throws Exception {
        Connection sub = connect();
        Connection pub = connect();
        Subscription s = sub.subscribe("payload.test");
        JnatsClients.flush(sub); // the SUB is registered before anything is published
        pub.publish("payload.test", payload);
        Message m = s.nextMessage(WAIT);
        assertThat(m).as("message on payload.test").isNotNull();
        assertThat(m.getSubject()).isEqualTo("payload.test");
        return m.getData();
    }

    @Test
    void literalSubjectDeliversOnlyThatSubject() throws Exception {
        Connection sub = connect();
        Connection pub = connect();
        Subscription s = sub.subscribe("orders.new");
        JnatsClients.flush(sub);

        pub.publish("orders.old", bytes("no"));
        pub.publish("orders.new.eu", bytes("no"));
        pub.publish("orders.new", bytes("yes"));
        JnatsClients.flush(pub); // server processed all three PUBs, so their MSGs (if any) precede sub's PONG
        JnatsClients.flush(sub);

        List<Message> got = JnatsClients.queued(s);
        assertThat(got).hasSize(1);
        assertThat(got.get(0).getSubject()).isEqualTo("orders.new");
        assertThat(new String(got.get(0).getData(), StandardCharsets.UTF_8)).isEqualTo("yes");
    }

    @Test
    void binaryPayloadWithCrLfAndProtocolTextIsIntact() throws Exception {
        // Every byte value, CR LF pairs, and text that looks like protocol: a server that scans the payload for line
        // ends instead of counting bytes would cut or misparse it.
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < 256; i++) {
            b.write(i);
        }
        b.writeBytes("\r\n\r\nPUB evil 3\r\nabc\r\nMSG x 1 2\r\n\n\r".getBytes(StandardCharsets.US_ASCII));
        b.write(0);
        b.write('\r');
        byte[] payload = b.toByteArray();

        assertThat(roundTrip(payload)).isEqualTo(payload);
    }

    @Test
    void emptyPayloadArrivesAsEmpty() throws Exception {
        byte[] got = roundTrip(new byte[0]);
        assertThat(got == null ? new byte[0] : got).isEmpty();
    }

    @Test
    void payloadOfExactlyMaxPayloadArrivesIntact() throws Exception {
        Connection probe = connect();
        int max = (int) probe.getMaxPayload();
        assertThat(max).isEqualTo(1024 * 1024);
        byte[] payload = new byte[max];
        new Random(42).nextBytes(payload);

        assertThat(roundTrip(payload)).isEqualTo(payload);
    }

    @Test
    void payloadOverMaxPayloadIsRejectedByTheClientAndConnectionStaysUsable() throws Exception {
        Connection nc = connect();
        byte[] tooBig = new byte[(int) nc.getMaxPayload() + 1];

        assertThatThrownBy(() -> nc.publish("big", tooBig)).isInstanceOf(IllegalArgumentException.class);

        // The rejection is client-side: the connection is still fine for normal traffic.
        Subscription s = nc.subscribe("small");
        nc.publish("small", bytes("ok"));
        assertThat(s.nextMessage(WAIT)).isNotNull();
        assertThat(nc.getStatus()).isEqualTo(Connection.Status.CONNECTED);
    }

    @Test
    void serverRejectsOverMaxPayloadWhenClientDoesNotCheck() throws Exception {
        // With client-side checks off, the server itself must refuse: nats-server answers
        // -ERR 'Maximum Payload Violation' and closes the connection.
        startServer(o -> o.maxPayload(1000));
        List<String> errors = new CopyOnWriteArrayList<>();
        ErrorListener listener = new ErrorListener() {
            @Override
            public void errorOccurred(Connection conn, String error) {
                errors.add(error);
            }
        };
        Connection nc = connect(o -> o.clientSideLimitChecks(false).errorListener(listener));
        assertThat(nc.getMaxPayload()).isEqualTo(1000);

        nc.publish("big", new byte[1001]);

        Await.until(WAIT, "-ERR from server", () -> !errors.isEmpty());
        assertThat(errors.get(0)).containsIgnoringCase("Maximum Payload Violation");
        Await.until(WAIT, "connection closed by server",
                () -> nc.getStatus() == Connection.Status.CLOSED || nc.getStatus() == Connection.Status.DISCONNECTED);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
