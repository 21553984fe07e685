package io.jnatsd.subject.transform;

/**
 * A source or destination nats-server would refuse. The message is nats-server 2.9.10's error text for it (for
 * example {@code invalid mapping destination: wildcard index out of range in $2: [2]}), which the config loader
 * wraps the way nats-server does.
 */
public final class InvalidMappingException extends IllegalArgumentException {
    static final String INVALID_DESTINATION = "invalid mapping destination";
    static final String INVALID_SUBJECT = "invalid subject";

    InvalidMappingException(String message) {
        super(message, null);
    }

    /** nats-server's mappingDestinationErr: {@code invalid mapping destination: <reason> in <token>}. */
    static InvalidMappingException destination(String reason, String token) {
        return new InvalidMappingException(INVALID_DESTINATION + ": " + reason + " in " + token);
    }

    /** nats-server's ErrBadSubject, returned for an invalid source or a destination with a '*' or a misplaced '>'. */
    static InvalidMappingException badSubject() {
        return new InvalidMappingException(INVALID_SUBJECT);
    }
}
