package io.jnatsd.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JetStream API calls on a raw client subscribed to {@code _R} as sid 1, recorded for differential tests as the
 * subject, the reply's JSON outline and its error code, err_code and description.
 */
public final class JsApiReplies {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsApiReplies() {
    }

    /** A raw connection with headers, subscribed to the replies ({@code _R}, sid 1), ready for {@link #call}. */
    public static RawClient open(int port) throws IOException {
        RawClient c = RawClient.connect(port);
        c.timeout(5000);
        c.readInfo();
        c.send("CONNECT {\"verbose\":false,\"headers\":true}\r\nSUB _R 1\r\nPING\r\n");
        c.readLineSkippingPings();
        return c;
    }

    /** Sends {@code body} to {@code subject} with reply {@code _R}; adds the reply's outline to {@code out} (if any). */
    public static JsonNode call(RawClient c, List<String> out, String subject, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        c.send("PUB " + subject + " _R " + b.length + "\r\n" + body + "\r\n");
        JsonNode node = JSON.readTree(reply(c));
        String error = node.has("error") ? " error " + node.get("error").get("code") + "/"
                + node.get("error").get("err_code") + " " + node.get("error").get("description") : "";
        if (out != null) {
            out.add(subject + " " + JsonOutline.of(node) + error);
        }
        return node;
    }

    /** The payload of the next message on {@code _R} (sid 1). */
    public static String reply(RawClient c) throws IOException {
        String line = c.readLineSkippingPings();
        assertThat(line).startsWith("MSG _R 1 ");
        return c.readLine();
    }
}
