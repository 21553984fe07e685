package io.jnatsd.wire;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits what a server sends into whole protocol frames: a control line, plus for MSG/HMSG the payload and its CRLF.
 * Reading frames rather than lines keeps a payload that contains CR LF in one piece.
 *
 * <p>A timeout consumes nothing: bytes of a half-received frame stay buffered for the next call.
 */
final class FrameReader {
    private final Socket socket;
    private final InputStream in;
    private byte[] buf = new byte[16 * 1024];
    private int pos;
    private int lim;

    FrameReader(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
    }

    /**
     * The next frame, exactly as sent (CRLFs included).
     *
     * @throws SocketTimeoutException when no whole frame arrived within {@code millis}
     * @throws EOFException when the server closed the connection (or reset it)
     */
    String next(long millis) throws IOException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (true) {
            int end = frameEnd();
            if (end > 0) {
                String f = new String(buf, pos, end - pos, StandardCharsets.UTF_8);
                pos = end;
                return f;
            }
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                throw new SocketTimeoutException("no whole frame within " + millis + " ms");
            }
            fill((int) left);
        }
    }

    /** Bytes received but not part of a whole frame yet (shown when a test fails). */
    String partial() {
        return new String(buf, pos, lim - pos, StandardCharsets.UTF_8);
    }

    /** The index just past the frame starting at pos, or -1 when it is not all here yet. */
    private int frameEnd() {
        int nl = -1;
        for (int i = pos; i < lim; i++) {
            if (buf[i] == '\n') {
                nl = i;
                break;
            }
        }
        if (nl < 0) {
            return -1;
        }
        String line = new String(buf, pos, nl - pos, StandardCharsets.UTF_8).trim();
        if (!line.startsWith("MSG ") && !line.startsWith("HMSG ")) {
            return nl + 1;
        }
        // The last argument of MSG and HMSG is the total payload size; the payload is followed by CRLF.
        String[] args = line.split("[ \t]+");
        int size;
        try {
            size = Integer.parseInt(args[args.length - 1]);
        } catch (NumberFormatException e) {
            return nl + 1; // malformed: hand over the line alone, the comparison will show it
        }
        int end = nl + 1 + size + 2;
        return end <= lim ? end : -1;
    }

    private void fill(int millis) throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            pos = 0;
        }
        if (lim == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        socket.setSoTimeout(Math.max(1, millis));
        int n;
        try {
            n = in.read(buf, lim, buf.length - lim);
        } catch (SocketTimeoutException e) {
            throw e;
        } catch (IOException e) {
            // A reset arrives when the server closed with our bytes still unread: for the client that is a close.
            throw new EOFException("reset: " + e.getMessage());
        }
        if (n < 0) {
            throw new EOFException("closed by server");
        }
        lim += n;
    }
}
