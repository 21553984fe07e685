package io.jnatsd.auth.jwt;

/** A JWT that cannot be used: malformed, badly signed, of the wrong kind, expired or revoked. */
public final class JwtException extends Exception {
    public JwtException(String message) {
        super(message);
    }
}
