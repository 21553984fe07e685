package io.jnatsd.jetstream;

/** Ends an API request with an error reply. */
public final class JsException extends RuntimeException {
    public final JsError error;

    public JsException(JsError error) {
        super(error.description(), null, false, false);
        this.error = error;
    }
}
