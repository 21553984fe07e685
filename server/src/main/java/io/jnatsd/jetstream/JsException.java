package io.jnatsd.jetstream;

/** Ends an API request with an error reply. */
final class JsException extends RuntimeException {
    final JsError error;

    JsException(JsError error) {
        super(error.description(), null, false, false);
        this.error = error;
    }
}
