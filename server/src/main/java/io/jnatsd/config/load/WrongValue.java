package io.jnatsd.config.load;

/**
 * A value nats-server would refuse; thrown by the readers and reported by {@link LoadContext} at the position of
 * the key it belongs to, which is where nats-server points too.
 */
final class WrongValue extends RuntimeException {
    WrongValue(String message) {
        super(message, null, false, false);
    }
}
