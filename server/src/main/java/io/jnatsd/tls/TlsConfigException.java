package io.jnatsd.tls;

/** A tls block that cannot be used (missing file, bad key, ...), worded as nats-server words it. */
public final class TlsConfigException extends RuntimeException {
    public TlsConfigException(String message) {
        super(message);
    }

    public TlsConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
