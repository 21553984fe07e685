package io.jnatsd.protocol;

/**
 * What the parser calls in route mode ({@link ProtocolParser#forRoutes}): the shared ops of {@link ProtocolHandler}
 * (CONNECT, INFO, PING, PONG, +OK, -ERR) plus the route ops. PUB/SUB/UNSUB are never called in route mode.
 */
public interface RouteProtocolHandler extends ProtocolHandler {
    /** {@code RS+ account subject [queue weight]}; queueLen 0 for plain interest. */
    void onRouteSub(byte[] b, int accountOff, int accountLen, int subjectOff, int subjectLen, int queueOff,
            int queueLen, int weight);

    /** {@code RS- account subject [queue]}. */
    void onRouteUnsub(byte[] b, int accountOff, int accountLen, int subjectOff, int subjectLen, int queueOff,
            int queueLen);

    /** {@code RMSG}/{@code HMSG}: the payload holds {@code p.totalSize} bytes at {@code payloadOff}. */
    void onRouteMsg(PubArgs p, RouteMsgArgs r, byte[] payload, int payloadOff);

    @Override
    default void onPub(PubArgs args, byte[] payload, int payloadOff) {
        throw new IllegalStateException("PUB in route mode");
    }

    @Override
    default void onSub(byte[] b, int subjectOff, int subjectLen, int queueOff, int queueLen, int sidOff, int sidLen) {
        throw new IllegalStateException("SUB in route mode");
    }

    @Override
    default void onUnsub(byte[] b, int sidOff, int sidLen, long max) {
        throw new IllegalStateException("UNSUB in route mode");
    }
}
