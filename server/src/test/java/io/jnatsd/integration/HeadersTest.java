package io.jnatsd.integration;

import io.jnatsd.testing.JnatsClients;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Message;
import io.nats.client.Subscription;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.jnatsd.testing.JnatsClients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Message headers (HPUB in, HMSG out) must reach subscribers exactly as published. */
class HeadersTest extends JnatsIntegrationTest {

    @Test
    void headersWithRepeatedKeysRoundTrip() throws Exception {
        Connection sub = connect();
        Connection pub = connect();
        assertThat(pub.getServerInfo().isHeadersSupported()).isTrue();
        Subscription s = sub.subscribe("hdr.test");
        JnatsClients.flush(sub);

        Headers h = new Headers();
        h.add("X-Multi", "one", "two");
        h.add("X-Multi", "three");
        h.add("x-multi", "lower"); // header names are case-sensitive in jnats: a different key
        h.put("X-Empty-Body-Marker", "value with spaces: and colon");
        byte[] body = "body\r\nwith crlf".getBytes(StandardCharsets.UTF_8);
        pub.publish(NatsMessage.builder().subject("hdr.test").headers(h).data(body).build());

        Message m = s.nextMessage(WAIT);
        assertThat(m).isNotNull();
        assertThat(m.hasHeaders()).isTrue();
        assertThat(m.getHeaders().get("X-Multi")).containsExactly("one", "two", "three");
        assertThat(m.getHeaders().get("x-multi")).containsExactly("lower");
        assertThat(m.getHeaders().getFirst("X-Empty-Body-Marker")).isEqualTo("value with spaces: and colon");
        assertThat(m.getHeaders().size()).isEqualTo(3);
        assertThat(m.getData()).isEqualTo(body);
    }

    @Test
    void headersWithEmptyPayload() throws Exception {
        Connection nc = connect();
        Subscription s = nc.subscribe("hdr.empty");
        Headers h = new Headers().add("K", "v");
        nc.publish("hdr.empty", h, null);

        Message m = s.nextMessage(WAIT);
        assertThat(m).isNotNull();
        assertThat(m.getHeaders().get("K")).containsExactly("v");
        assertThat(m.getData() == null ? new byte[0] : m.getData()).isEmpty();
    }

    @Test
    void headersOnRequestAndReply() throws Exception {
        Connection responder = connect();
        responder.createDispatcher(m -> {
            Headers reply = new Headers().add("Echo", m.getHeaders().get("Ask"));
            responder.publish(m.getReplyTo(), reply, m.getData());
        }).subscribe("hdr.svc");
        JnatsClients.flush(responder);
        Connection requester = connect();

        Message reply = requester.request("hdr.svc", new Headers().add("Ask", "a", "b"), new byte[] {7}, WAIT);

        assertThat(reply).isNotNull();
        assertThat(reply.getHeaders().get("Echo")).containsExactly("a", "b");
        assertThat(reply.getData()).containsExactly(7);
    }

    @Test
    void subscriberWithoutHeaderSupportGetsThePayloadOnly() throws Exception {
        // nats-server strips the header block for a client that did not declare headers in CONNECT: it must see a
        // plain MSG whose payload is just the body, never the raw "NATS/1.0" block.
        Connection plain = connect(o -> o.noHeaders().noNoResponders());
        Subscription s = plain.subscribe("hdr.strip");
        JnatsClients.flush(plain);
        Connection pub = connect();

        pub.publish("hdr.strip", new Headers().add("K", "v"), "just the body".getBytes(StandardCharsets.UTF_8));
        JnatsClients.flush(pub);
        JnatsClients.flush(plain);

        List<Message> got = JnatsClients.queued(s);
        assertThat(got).hasSize(1);
        assertThat(got.get(0).hasHeaders()).isFalse();
        assertThat(new String(got.get(0).getData(), StandardCharsets.UTF_8)).isEqualTo("just the body");
    }

    @Test
    void noRespondersWithoutHeadersIsRefusedAtConnect() {
        // jnats' noHeaders() alone still asks for no_responders; nats-server refuses that combination with
        // -ERR 'no responders requires headers support' and closes, so the connect fails.
        List<String> errors = new CopyOnWriteArrayList<>();
        ErrorListener listener = new ErrorListener() {
            @Override
            public void errorOccurred(Connection conn, String error) {
                errors.add(error);
            }
        };

        assertThatThrownBy(() -> connect(o -> o.noHeaders().errorListener(listener)
                .connectionTimeout(java.time.Duration.ofSeconds(1)))).isInstanceOf(IOException.class);
        assertThat(errors).anySatisfy(e -> assertThat(e).containsIgnoringCase("no responders requires headers"));
    }
}
