package io.jnatsd.monitor;

/** A query parameter nats-server would reject: answered with HTTP 400 and this message as plain text. */
final class BadRequest extends Exception {
    BadRequest(String message) {
        super(message, null, false, false); // an expected outcome, not a fault: no stack trace
    }
}
