package io.jnatsd.config.file;

import io.jnatsd.config.ConfigException;

/**
 * A configuration source that cannot be parsed. The reason uses nats-server's lexer wording; the message puts the
 * position in front ({@code file:line:column: reason}) where nats-server only says "Parse error on line N".
 */
public final class ConfSyntaxException extends ConfigException {
    private final SourcePosition position;
    private final String reason;

    public ConfSyntaxException(SourcePosition position, String reason) {
        super(position + ": " + reason);
        this.position = position;
        this.reason = reason;
    }

    public SourcePosition position() {
        return position;
    }

    /** What is wrong, without the position. */
    public String reason() {
        return reason;
    }
}
