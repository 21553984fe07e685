package io.jnatsd.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP forwarder in front of a port: every accepted connection is relayed to the target, and a test can
 * cut one of them (both sockets closed, as a network failure would) to see how the servers recover.
 */
public final class TcpProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int targetPort;
    /** Live relayed connections, oldest first: {client side, target side}. */
    private final List<Socket[]> pairs = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    public TcpProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "tcp-proxy-" + listener.getLocalPort());
        t.setDaemon(true);
        t.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Connections relayed and not cut or closed. */
    public int open() {
        return (int) pairs.stream().filter(p -> !p[0].isClosed()).count();
    }

    /** Cuts the i-th live connection (oldest first). */
    public void cut(int i) {
        List<Socket[]> live = pairs.stream().filter(p -> !p[0].isClosed()).toList();
        Socket[] p = live.get(i);
        closeQuietly(p[0]);
        closeQuietly(p[1]);
        pairs.remove(p);
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket in = listener.accept();
                Socket out = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                Socket[] pair = {in, out};
                pairs.add(pair);
                pump(in, out, pair);
                pump(out, in, pair);
            } catch (IOException e) {
                if (!closed) {
                    continue;
                }
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, Socket[] pair) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16 * 1024];
            try (InputStream i = from.getInputStream(); OutputStream o = to.getOutputStream()) {
                int n;
                while ((n = i.read(buf)) >= 0) {
                    o.write(buf, 0, n);
                }
            } catch (IOException e) {
                // cut or closed: the other direction ends too
            } finally {
                closeQuietly(pair[0]);
                closeQuietly(pair[1]);
            }
        }, "tcp-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
        for (Socket[] p : pairs) {
            closeQuietly(p[0]);
            closeQuietly(p[1]);
        }
    }
}
