package io.jnatsd.tls;

/**
 * User event fired down the pipeline when a client's TLS failed (not TLS at all, handshake error or timeout,
 * unpinned certificate); the connection closes. {@code logLine} is what nats-server logs for it.
 */
public record TlsRefused(String logLine) {
}
