package io.jnatsd.auth;

/**
 * What the server knows of a client beyond its CONNECT, for authenticators that ask someone else (auth callout):
 * its client id, address, connection type ("nats", "websocket") and the nonce its INFO carried (null = none).
 */
public record ConnectingClient(long id, String host, String type, String nonce) {
}
