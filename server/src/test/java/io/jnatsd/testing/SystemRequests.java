package io.jnatsd.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** System account requests answered by several servers: collects the answers by the answering server's id. */
public final class SystemRequests {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SystemRequests() {
    }

    /**
     * Publishes {@code subject} with a fresh inbox as reply and collects the answers until {@code servers} distinct
     * servers answered (or {@code timeout} passed), then for a moment more so that doubled answers show.
     *
     * @return the answers, keyed by {@code server.id}, each server's answers in arrival order
     */
    public static Map<String, List<JsonNode>> collect(Connection nc, String subject, int servers, Duration timeout)
            throws IOException, InterruptedException, java.util.concurrent.TimeoutException {
        String inbox = nc.createInbox();
        Subscription sub = nc.subscribe(inbox);
        nc.flush(timeout);
        nc.publish(subject, inbox, new byte[0]);
        Map<String, List<JsonNode>> answers = new HashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (answers.size() < servers && System.nanoTime() < deadline) {
            take(sub.nextMessage(Duration.ofMillis(100)), answers);
        }
        for (Message m = sub.nextMessage(Duration.ofMillis(300)); m != null;
                m = sub.nextMessage(Duration.ofMillis(300))) {
            take(m, answers);
        }
        sub.unsubscribe();
        return answers;
    }

    private static void take(Message m, Map<String, List<JsonNode>> answers) throws IOException {
        if (m == null) {
            return;
        }
        JsonNode j = JSON.readTree(m.getData());
        answers.computeIfAbsent(j.path("server").path("id").asText(), k -> new ArrayList<>()).add(j);
    }
}
