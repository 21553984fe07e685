package io.jnatsd.auth.nkey;

/** A string that is not a public NKey of the expected type. */
public final class InvalidNKeyException extends Exception {
    public InvalidNKeyException(String message) {
        super(message);
    }
}
