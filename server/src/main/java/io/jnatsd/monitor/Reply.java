package io.jnatsd.monitor;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;

/** An HTTP answer before it meets Netty: status, content type and body bytes. */
final class Reply {
    static final String JSON = "application/json";
    static final String JAVASCRIPT = "application/javascript";
    static final String TEXT = "text/plain; charset=utf-8";
    static final String HTML = "text/html; charset=utf-8";

    final int status;
    final String contentType;
    final byte[] body;
    /** JSON replies can be wrapped for JSONP. */
    final boolean json;

    private Reply(int status, String contentType, byte[] body, boolean json) {
        this.status = status;
        this.contentType = contentType;
        this.body = body;
        this.json = json;
    }

    /** Indented like nats-server's MarshalIndent output. */
    static Reply json(JsonNode n) {
        return new Reply(200, JSON, JsonOut.pretty(n), true);
    }

    /** On one line, as nats-server writes /healthz. */
    static Reply compactJson(int status, JsonNode n) {
        return new Reply(status, JSON, JsonOut.compact(n), true);
    }

    /** A 200 answer of any other kind: the dashboard's script and style sheet, Prometheus text. */
    static Reply of(String contentType, byte[] body) {
        return new Reply(200, contentType, body, false);
    }

    static Reply html(String page) {
        return new Reply(200, HTML, page.getBytes(StandardCharsets.UTF_8), false);
    }

    static Reply badRequest(String message) {
        return new Reply(400, TEXT, message.getBytes(StandardCharsets.UTF_8), false);
    }

    /** Go's http.NotFound, byte for byte. */
    static Reply notFound() {
        return new Reply(404, TEXT, "404 page not found\n".getBytes(StandardCharsets.US_ASCII), false);
    }

    /** {@code callback(json)} for a JSONP caller (nats-server 2.9 honours {@code ?callback=}). */
    Reply jsonp(String callback) {
        byte[] head = (callback + "(").getBytes(StandardCharsets.UTF_8);
        byte[] b = new byte[head.length + body.length + 1];
        System.arraycopy(head, 0, b, 0, head.length);
        System.arraycopy(body, 0, b, head.length, body.length);
        b[b.length - 1] = ')';
        return new Reply(status, JAVASCRIPT, b, true);
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
