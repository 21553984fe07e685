package io.jnatsd.jetstream.store;

/**
 * A message the store refused because of a limit (discard new, or max_msg_size). The message is nats-server's
 * pub-ack description for the case.
 */
public final class StoreFullException extends RuntimeException {
    public static final String MAX_MSGS = "maximum messages exceeded";
    public static final String MAX_BYTES = "maximum bytes exceeded";
    public static final String MAX_MSGS_PER_SUBJECT = "maximum messages per subject exceeded";
    public static final String MAX_MSG_SIZE = "message size exceeds maximum allowed";

    public StoreFullException(String description) {
        super(description, null, false, false);
    }
}
