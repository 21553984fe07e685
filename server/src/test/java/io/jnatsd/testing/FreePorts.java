package io.jnatsd.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free loopback ports for tests that must know the port before the server starts (e.g. restart on the same port). */
public final class FreePorts {
    private FreePorts() {
    }

    /** A port that was free a moment ago: bound once by the OS's choice, then released. */
    public static int find() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
