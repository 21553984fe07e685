package io.jnatsd.websocket;

/**
 * The keys of a {@code websocket { tls { ... } }} block jnatsd reads. Kept for wss: until the TLS package is wired
 * in, a server configured with it refuses to start (see {@link WebSocketListener.TlsHook}).
 */
public record WebSocketTls(String certFile, String keyFile, String caFile, boolean verify) {
}
