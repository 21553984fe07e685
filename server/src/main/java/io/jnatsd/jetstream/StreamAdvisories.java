package io.jnatsd.jetstream;

import io.jnatsd.account.Account;
import io.jnatsd.client.ClientConnection;
import io.jnatsd.client.InternalPublisher;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * Stream lifecycle advisories in the stream's account, as nats-server sends them:
 * {@code $JS.EVENT.ADVISORY.STREAM.CREATED|UPDATED|DELETED.<stream>} with an
 * {@code io.nats.jetstream.advisory.v1.stream_action} event (action create, modify, delete).
 */
final class StreamAdvisories {
    private static final char[] ID_ALPHABET =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private StreamAdvisories() {
    }

    static void publish(Account<ClientConnection> account, String event, String action, String stream) {
        String json = "{\"type\":\"io.nats.jetstream.advisory.v1.stream_action\",\"id\":\"" + id()
                + "\",\"timestamp\":\"" + JsTime.format(JsStream.now()) + "\",\"stream\":\"" + stream
                + "\",\"action\":\"" + action + "\"}";
        InternalPublisher.publish(account, "$JS.EVENT.ADVISORY.STREAM." + event + "." + stream, null,
                json.getBytes(StandardCharsets.UTF_8));
    }

    /** 22 random characters, the shape of nats-server's NUIDs. */
    static String id() {
        char[] c = new char[22];
        for (int i = 0; i < c.length; i++) {
            c[i] = ID_ALPHABET[RANDOM.nextInt(ID_ALPHABET.length)];
        }
        return new String(c);
    }
}
