package io.jnatsd.protocol;

/**
 * The nats-server release whose client-visible features jnatsd fully implements. Clients switch features on by this
 * number, so it is raised only as features land (see docs/decisions.md).
 */
public final class ServerVersion {
    public static final String VERSION = "2.2.0";
    /** Client protocol level sent in INFO. */
    public static final int PROTO = 1;

    private ServerVersion() {
    }
}
