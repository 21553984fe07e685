package io.jnatsd.jetstream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.account.Account;
import io.jnatsd.client.ClientConnection;
import io.jnatsd.client.InternalPublisher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code $JS.EVENT.ADVISORY.API}: after each JSON API reply, an {@code io.nats.jetstream.advisory.v1.api_audit}
 * event in the caller's account with the request and the response, and the client as nats-server 2.9.10 describes
 * it there ({@code acc}, {@code rtt}, {@code server}).
 */
final class ApiAudit {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String SUBJECT = "$JS.EVENT.ADVISORY.API";

    private final String serverName;

    ApiAudit(String serverName) {
        this.serverName = serverName;
    }

    void publish(Account<ClientConnection> account, String subject, byte[] request, byte[] response,
            long rttNanos) {
        ObjectNode e = JSON.createObjectNode();
        e.put("type", "io.nats.jetstream.advisory.v1.api_audit");
        e.put("id", StreamAdvisories.id());
        e.put("timestamp", JsTime.format(JsStream.now()));
        e.put("server", serverName);
        ObjectNode client = e.putObject("client");
        client.put("acc", account.name());
        if (rttNanos > 0) {
            client.put("rtt", rttNanos);
        }
        client.put("server", serverName);
        e.put("subject", subject);
        if (request.length > 0) {
            e.put("request", new String(request, StandardCharsets.UTF_8));
        }
        e.put("response", new String(response, StandardCharsets.UTF_8));
        try {
            InternalPublisher.publish(account, SUBJECT, null, JSON.writeValueAsBytes(e));
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
