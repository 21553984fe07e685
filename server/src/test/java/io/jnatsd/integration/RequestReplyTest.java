package io.jnatsd.integration;

import io.jnatsd.testing.JnatsClients;
import io.nats.client.Connection;
import io.nats.client.Message;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.jnatsd.testing.JnatsClients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request/reply through the server: the requester's reply subject (an inbox) must be routed back to it, with
 * each reply reaching the request it answers.
 */
class RequestReplyTest extends JnatsIntegrationTest {

    /** A responder on {@code subject} that answers every request with "re:" + the request payload. */
    private void startEchoResponder(String subject) throws Exception {
        Connection responder = connect();
        responder.createDispatcher(m -> responder.publish(m.getReplyTo(), concat("re:", m.getData())))
                .subscribe(subject);
        JnatsClients.flush(responder);
    }

    @Test
    void requestGetsTheReply() throws Exception {
        startEchoResponder("svc.echo");
        Connection requester = connect();

        Message reply = requester.request("svc.echo", utf8("ping"), WAIT);

        assertThat(reply).as("reply within %s", WAIT).isNotNull();
        assertThat(text(reply)).isEqualTo("re:ping");
        assertThat(reply.getSubject()).startsWith("_INBOX.");
    }

    @Test
    void manyConcurrentRequestsEachGetTheirOwnReply() throws Exception {
        startEchoResponder("svc.echo");
        Connection requester = connect();

        // New-style requests share one wildcard inbox subscription; the server must route every reply token.
        List<CompletableFuture<Message>> futures = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            futures.add(requester.request("svc.echo", utf8("n" + i)));
        }
        for (int i = 0; i < futures.size(); i++) {
            Message reply = futures.get(i).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(text(reply)).isEqualTo("re:n" + i);
        }
    }

    @Test
    void concurrentRequestsFromSeveralThreads() throws Exception {
        startEchoResponder("svc.echo");
        Connection requester = connect();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 8; t++) {
            int id = t;
            Thread th = new Thread(() -> {
                try {
                    for (int i = 0; i < 50; i++) {
                        String body = "t" + id + "-" + i;
                        Message reply = requester.request("svc.echo", utf8(body), WAIT);
                        if (reply == null || !text(reply).equals("re:" + body)) {
                            failures.add(new AssertionError("request " + body + " got " + (reply == null
                                    ? "no reply" : text(reply))));
                            return;
                        }
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join(WAIT.toMillis() * 2);
            assertThat(th.isAlive()).as("requester thread finished").isFalse();
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void oldStyleRequestsUseOneInboxSubscriptionPerRequest() throws Exception {
        // Old style: a fresh inbox SUB with UNSUB <sid> 1 per request, so this exercises auto-unsubscribe too.
        startEchoResponder("svc.echo");
        Connection requester = connect(o -> o.oldRequestStyle());

        for (int i = 0; i < 100; i++) {
            Message reply = requester.request("svc.echo", utf8("old" + i), WAIT);
            assertThat(reply).as("reply %d", i).isNotNull();
            assertThat(text(reply)).isEqualTo("re:old" + i);
        }
        List<CompletableFuture<Message>> futures = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            futures.add(requester.request("svc.echo", utf8("async" + i)));
        }
        for (int i = 0; i < futures.size(); i++) {
            assertThat(text(futures.get(i).get(WAIT.toMillis(), TimeUnit.MILLISECONDS))).isEqualTo("re:async" + i);
        }
    }

    @Test
    void replyGoesOnlyToTheRequester() throws Exception {
        // A client listening on some other inbox must not see the reply: replies are routed by subject like any
        // message, not broadcast to inbox subscribers.
        startEchoResponder("svc.echo");
        Connection requester = connect();
        Connection bystander = connect();
        io.nats.client.Subscription other = bystander.subscribe("_INBOX.someone-else.>");
        JnatsClients.flush(bystander);

        assertThat(requester.request("svc.echo", utf8("x"), WAIT)).isNotNull();
        JnatsClients.flush(bystander);
        assertThat(other.getPendingMessageCount()).isZero();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String text(Message m) {
        return new String(m.getData(), StandardCharsets.UTF_8);
    }

    static byte[] concat(String prefix, byte[] data) {
        byte[] p = utf8(prefix);
        byte[] out = new byte[p.length + data.length];
        System.arraycopy(p, 0, out, 0, p.length);
        System.arraycopy(data, 0, out, p.length, data.length);
        return out;
    }
}
