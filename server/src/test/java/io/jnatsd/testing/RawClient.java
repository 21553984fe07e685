package io.jnatsd.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A raw socket to a NATS server for exact wire tests: send text, read lines and payloads, expect a close. */
public final class RawClient implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public RawClient(String host, int port) throws IOException {
        socket = new Socket(host, port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(5000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    public static RawClient connect(int port) throws IOException {
        return new RawClient("127.0.0.1", port);
    }

    private RawClient(Socket connected) throws IOException {
        socket = connected;
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(5000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /**
     * Connects with a small socket receive buffer (set before connecting, so the TCP window is small from the
     * start): a client that stops reading then backs up into the server after little data, e.g. for slow-consumer
     * tests.
     */
    public static RawClient connectWithReceiveBuffer(int port, int receiveBufferBytes) throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(receiveBufferBytes);
        s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 5000);
        return new RawClient(s);
    }

    public RawClient timeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
        return this;
    }

    /** Sends the text as is (write CRLFs yourself). */
    public RawClient send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.UTF_8));
    }

    public RawClient send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Reads one line without its CRLF; null when the server closed the connection. */
    public String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
            }
            if (b == '\n') {
                byte[] a = line.toByteArray();
                int n = a.length > 0 && a[a.length - 1] == '\r' ? a.length - 1 : a.length;
                return new String(a, 0, n, StandardCharsets.UTF_8);
            }
            line.write(b);
        }
    }

    /** Reads the next line that is not a server PING (answering it), so keepalive never disturbs a test. */
    public String readLineSkippingPings() throws IOException {
        while (true) {
            String l = readLine();
            if (!"PING".equals(l)) {
                return l;
            }
            send("PONG\r\n");
        }
    }

    /** Reads exactly n bytes. */
    public byte[] readBytes(int n) throws IOException {
        return in.readNBytes(n);
    }

    /** Reads the INFO line the server sends first; returns its JSON. */
    public String readInfo() throws IOException {
        String l = readLine();
        if (l == null || !l.startsWith("INFO ")) {
            throw new IOException("expected INFO, got: " + l);
        }
        return l.substring(5).trim();
    }

    /** True when the server closed the connection within the timeout (EOF or reset), reading anything before it. */
    public boolean closedWithin(int millis) throws IOException {
        return discardUntilClosed(millis);
    }

    /**
     * Discards whatever arrives, in bulk reads (so a large backlog is no problem), and returns true at EOF (or
     * reset), false if the server has not closed when {@code millis} have passed in total.
     */
    public boolean discardUntilClosed(int millis) throws IOException {
        int old = socket.getSoTimeout();
        long deadline = System.nanoTime() + millis * 1_000_000L;
        byte[] buf = new byte[64 * 1024];
        try {
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    return false;
                }
                socket.setSoTimeout((int) Math.max(1, left));
                if (in.read(buf) < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // connection reset counts as closed
        } finally {
            if (!socket.isClosed()) {
                socket.setSoTimeout(old);
            }
        }
    }

    /** Reads everything until the server closes or {@code millis} pass without data. */
    public String drain(int millis) throws IOException {
        int old = socket.getSoTimeout();
        socket.setSoTimeout(millis);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                all.write(buf, 0, n);
            }
        } catch (SocketTimeoutException e) {
            // quiet for long enough
        } catch (IOException e) {
            // reset after close: return what we got
        } finally {
            if (!socket.isClosed()) {
                socket.setSoTimeout(old);
            }
        }
        return all.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /**
     * The lines the server sends (PINGs skipped) up to and including the next PONG; a close ends the list with
     * "<closed>", a read timeout with "<timeout>". For differential tests that compare whole answers.
     */
    public java.util.List<String> linesUntilPongOrClose() throws IOException {
        java.util.List<String> lines = new java.util.ArrayList<>();
        while (true) {
            String l;
            try {
                l = readLineSkippingPings();
            } catch (SocketTimeoutException e) {
                lines.add("<timeout>");
                return lines;
            } catch (IOException e) {
                l = null; // reset after the server closed
            }
            if (l == null) {
                lines.add("<closed>");
                return lines;
            }
            lines.add(l);
            if (l.equals("PONG")) {
                return lines;
            }
        }
    }
}
