package io.jnatsd.cli;

import io.jnatsd.NatsServer;

/**
 * Connects stop requests (signals, the shutdown hook) to a server that may not have been started yet:
 * a request that arrives first is honoured as soon as the server is attached.
 */
final class StopSwitch {
    private NatsServer server;
    private boolean stopRequested;

    void requestStop() {
        NatsServer toClose;
        synchronized (this) {
            stopRequested = true;
            toClose = server;
        }
        if (toClose != null) {
            toClose.close(); // outside the lock: close() blocks until the server has stopped
        }
    }

    void attach(NatsServer started) {
        boolean closeNow;
        synchronized (this) {
            server = started;
            closeNow = stopRequested;
        }
        if (closeNow) {
            started.close();
        }
    }
}
