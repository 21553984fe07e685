package io.jnatsd.protocol;

/**
 * A protocol error that ends the processing of a connection's input. {@link #errText()} is the text to send as
 * {@code -ERR '<text>'} before acting (null: nothing is sent, as nats-server does for argument errors);
 * {@link #closes()} tells whether the connection is closed afterwards.
 */
public final class ProtocolException extends RuntimeException {
    private final String errText;
    private final boolean closes;

    public ProtocolException(String errText, String detail) {
        this(errText, detail, true);
    }

    public ProtocolException(String errText, String detail, boolean closes) {
        super(detail, null, false, false); // no stack trace: this is flow control on bad input
        this.errText = errText;
        this.closes = closes;
    }

    public String errText() {
        return errText;
    }

    public boolean closes() {
        return closes;
    }
}
