package io.jnatsd.account;

/**
 * An account's JetStream limits, from {@code accounts { A { jetstream: enabled | {max_mem, max_file, max_streams,
 * max_consumers} } }} or an account JWT's {@code limits}. -1 = unlimited (bounded by the server's own limits).
 */
public record JetStreamAccountLimits(long maxMemory, long maxStore, long maxStreams, long maxConsumers) {
    public static final JetStreamAccountLimits UNLIMITED = new JetStreamAccountLimits(-1, -1, -1, -1);
}
