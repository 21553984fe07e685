package io.jnatsd.protocol;

/** The -ERR texts of nats-server, one place. */
public final class ErrorText {
    public static final String UNKNOWN_PROTOCOL_OPERATION = "Unknown Protocol Operation";
    public static final String MAX_CONTROL_LINE = "maximum control line exceeded";
    public static final String MAX_PAYLOAD = "Maximum Payload Violation";
    public static final String AUTHORIZATION_VIOLATION = "Authorization Violation";
    public static final String AUTHENTICATION_TIMEOUT = "Authentication Timeout";
    public static final String AUTHENTICATION_EXPIRED = "User Authentication Expired";
    public static final String ACCOUNT_AUTHENTICATION_EXPIRED = "Account Authentication Expired";
    public static final String AUTHENTICATION_REVOKED = "User Authentication Revoked";
    public static final String INVALID_CLIENT_PROTOCOL = "invalid client protocol";
    public static final String NO_RESPONDERS_REQUIRES_HEADERS = "no responders requires headers support";
    public static final String MAX_CONNECTIONS = "maximum connections exceeded";
    public static final String MAX_ACCOUNT_CONNECTIONS = "maximum account active connections exceeded";
    public static final String STALE_CONNECTION = "Stale Connection";
    public static final String INVALID_SUBJECT = "Invalid Subject";
    public static final String INVALID_PUBLISH_SUBJECT = "Invalid Publish Subject";
    public static final String MAX_SUBSCRIPTIONS = "maximum subscriptions exceeded";

    private ErrorText() {
    }
}
