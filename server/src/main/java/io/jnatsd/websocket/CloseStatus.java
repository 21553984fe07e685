package io.jnatsd.websocket;

/** The websocket close status nats-server sends for each reason a client connection is closed. */
final class CloseStatus {
    static final int NORMAL = 1000;
    static final int GOING_AWAY = 1001;
    static final int PROTOCOL_ERROR = 1002;
    static final int NO_STATUS = 1005;
    static final int ABNORMAL = 1006;
    static final int INVALID_PAYLOAD = 1007;
    static final int POLICY_VIOLATION = 1008;
    static final int MESSAGE_TOO_BIG = 1009;
    static final int INTERNAL_ERROR = 1011;
    static final int TLS_HANDSHAKE = 1015;
    /** A close frame's payload is at most 125 bytes: 2 of status, the rest text. */
    private static final int MAX_TEXT = 123;

    private CloseStatus() {
    }

    static int forReason(String reason) {
        switch (reason) {
            case "Client Closed":
                return NORMAL;
            case "Authentication Timeout":
            case "Authentication Failure":
            case "Slow Consumer (Pending Bytes)":
            case "Slow Consumer (Write Deadline)":
            case "Maximum Account Connections Exceeded":
            case "Maximum Connections Exceeded":
            case "Maximum Control Line Exceeded":
            case "Maximum Subscriptions Exceeded":
            case "Missing Account":
            case "Authentication Expired":
            case "Credentials Revoked":
                return POLICY_VIOLATION;
            case "TLS Handshake Failure":
                return TLS_HANDSHAKE;
            case "Parse Error":
            case "Protocol Violation":
            case "Bad Client Protocol Version":
                return PROTOCOL_ERROR;
            case "Maximum Message Payload Exceeded":
                return MESSAGE_TOO_BIG;
            case "Server Shutdown":
                return GOING_AWAY;
            case "Write Error":
            case "Read Error":
            case "Stale Connection":
                return ABNORMAL;
            default:
                return INTERNAL_ERROR;
        }
    }

    /** nats-server cuts a long text to fit and marks the cut with "...". */
    static String fitText(String text) {
        if (text.length() <= MAX_TEXT) {
            return text;
        }
        return text.substring(0, MAX_TEXT - 3) + "...";
    }
}
