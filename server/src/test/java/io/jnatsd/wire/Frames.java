package io.jnatsd.wire;

import java.nio.charset.StandardCharsets;

/** Builders for exact protocol frames, so scenarios state sizes that cannot drift from their payloads. */
final class Frames {
    static final String OK = "+OK\r\n";
    static final String PING = "PING\r\n";
    static final String PONG = "PONG\r\n";
    /** The minimal header block, 12 bytes. */
    static final String EMPTY_HEADERS = "NATS/1.0\r\n\r\n";
    /** The no-responders status block nats-server sends, 16 bytes. */
    static final String STATUS_503 = "NATS/1.0 503\r\n\r\n";

    private Frames() {
    }

    static String err(String text) {
        return "-ERR '" + text + "'\r\n";
    }

    static String connect(String json) {
        return "CONNECT " + json + "\r\n";
    }

    static String pub(String subject, String payload) {
        return "PUB " + subject + " " + len(payload) + "\r\n" + payload + "\r\n";
    }

    static String pub(String subject, String reply, String payload) {
        return "PUB " + subject + " " + reply + " " + len(payload) + "\r\n" + payload + "\r\n";
    }

    static String hpub(String subject, String headers, String payload) {
        return "HPUB " + subject + " " + len(headers) + " " + (len(headers) + len(payload)) + "\r\n"
                + headers + payload + "\r\n";
    }

    static String hpub(String subject, String reply, String headers, String payload) {
        return "HPUB " + subject + " " + reply + " " + len(headers) + " " + (len(headers) + len(payload)) + "\r\n"
                + headers + payload + "\r\n";
    }

    static String msg(String subject, String sid, String payload) {
        return "MSG " + subject + " " + sid + " " + len(payload) + "\r\n" + payload + "\r\n";
    }

    static String msg(String subject, String sid, String reply, String payload) {
        return "MSG " + subject + " " + sid + " " + reply + " " + len(payload) + "\r\n" + payload + "\r\n";
    }

    static String hmsg(String subject, String sid, String headers, String payload) {
        return "HMSG " + subject + " " + sid + " " + len(headers) + " " + (len(headers) + len(payload)) + "\r\n"
                + headers + payload + "\r\n";
    }

    static String hmsg(String subject, String sid, String reply, String headers, String payload) {
        return "HMSG " + subject + " " + sid + " " + reply + " " + len(headers) + " "
                + (len(headers) + len(payload)) + "\r\n" + headers + payload + "\r\n";
    }

    /** The frame nats-server sends a requester when nobody listens on the subject it published to. */
    static String noResponders(String reply, String sid) {
        return hmsg(reply, sid, STATUS_503, "");
    }

    static String repeat(char c, int n) {
        return String.valueOf(c).repeat(n);
    }

    private static int len(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
