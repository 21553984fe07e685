package io.jnatsd.jetstream.consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.client.InternalPublisher;
import io.jnatsd.jetstream.JsTime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * The consumer advisories nats-server 2.9.10 publishes on {@code $JS.EVENT.ADVISORY.CONSUMER.>} in the stream's
 * account: CREATED / DELETED ({@code consumer_action}), MSG_TERMINATED ({@code terminated}) and MAX_DELIVERIES
 * ({@code max_deliver}), with its field order. Built only when someone listens on the subject.
 */
final class ConsumerAdvisories {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ID_CHARS =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final String PREFIX = "$JS.EVENT.ADVISORY.CONSUMER.";

    private final StreamView stream;

    ConsumerAdvisories(StreamView stream) {
        this.stream = stream;
    }

    void created(String consumer) {
        action("CREATED", consumer, "create");
    }

    void deleted(String consumer) {
        action("DELETED", consumer, "delete");
    }

    private void action(String what, String consumer, String action) {
        String subject = PREFIX + what + "." + stream.name() + "." + consumer;
        if (listened(subject)) {
            ObjectNode a = head("io.nats.jetstream.advisory.v1.consumer_action", consumer);
            a.put("action", action);
            publish(subject, a);
        }
    }

    void terminated(String consumer, long consumerSeq, long streamSeq, int deliveries, String reason) {
        String subject = PREFIX + "MSG_TERMINATED." + stream.name() + "." + consumer;
        if (listened(subject)) {
            ObjectNode a = head("io.nats.jetstream.advisory.v1.terminated", consumer);
            a.put("consumer_seq", consumerSeq);
            a.put("stream_seq", streamSeq);
            a.put("deliveries", deliveries);
            if (reason != null && !reason.isEmpty()) {
                a.put("reason", reason);
            }
            publish(subject, a);
        }
    }

    void maxDeliveries(String consumer, long streamSeq, int deliveries) {
        String subject = PREFIX + "MAX_DELIVERIES." + stream.name() + "." + consumer;
        if (listened(subject)) {
            ObjectNode a = head("io.nats.jetstream.advisory.v1.max_deliver", consumer);
            a.put("stream_seq", streamSeq);
            a.put("deliveries", deliveries);
            publish(subject, a);
        }
    }

    private boolean listened(String subject) {
        return !stream.account().index().match(subject.getBytes(StandardCharsets.UTF_8)).isEmpty();
    }

    private ObjectNode head(String type, String consumer) {
        ObjectNode a = JSON.createObjectNode();
        a.put("type", type);
        a.put("id", newId());
        a.put("timestamp", JsTime.format(StreamConsumers.epochNanos()));
        a.put("stream", stream.name());
        a.put("consumer", consumer);
        return a;
    }

    private void publish(String subject, ObjectNode a) {
        try {
            InternalPublisher.publish(stream.account(), subject, null, JSON.writeValueAsBytes(a));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String newId() {
        char[] c = new char[22];
        for (int i = 0; i < c.length; i++) {
            c[i] = ID_CHARS[RANDOM.nextInt(ID_CHARS.length)];
        }
        return new String(c);
    }
}
