package io.jnatsd.wire;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Plays a {@link Script} against a server on 127.0.0.1 and records what each connection observed.
 *
 * <p>Server PINGs are answered and left out of the transcript (their timing is the server's business), unless the
 * script asked to record them. Failed writes are ignored: whether a write after the server's close fails depends on
 * TCP timing, not on the server.
 */
final class ScriptPlayer {
    /** How long one expected frame may take. Generous: nothing on loopback takes this long unless it is missing. */
    static final long FRAME_TIMEOUT_MILLIS = 1000;

    private final int port;
    private final Map<Integer, Conn> conns = new HashMap<>();
    private final Transcript transcript = new Transcript();

    private static final class Conn implements AutoCloseable {
        final int id;
        final Socket socket;
        final OutputStream out;
        final FrameReader reader;
        boolean recordPings;
        boolean closed;

        Conn(int id, int port) throws IOException {
            this.id = id;
            socket = new Socket("127.0.0.1", port);
            socket.setTcpNoDelay(true);
            out = socket.getOutputStream();
            reader = new FrameReader(socket);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private ScriptPlayer(int port) {
        this.port = port;
    }

    static Transcript play(Script script, int port) throws IOException {
        ScriptPlayer p = new ScriptPlayer(port);
        try {
            for (Script.Step s : script.steps()) {
                p.step(s);
            }
            for (int c : script.connections()) {
                p.finalCheck(p.conns.get(c));
            }
        } finally {
            for (Conn c : p.conns.values()) {
                c.close();
            }
        }
        return p.transcript;
    }

    private void step(Script.Step s) throws IOException {
        Conn c = conns.get(s.conn());
        switch (s.kind()) {
            case OPEN:
                c = new Conn(s.conn(), port);
                conns.put(s.conn(), c);
                readFrames(c, 1, Script.Order.EXACT);
                break;
            case SEND:
                try {
                    c.out.write(s.data());
                    c.out.flush();
                } catch (IOException e) {
                    // see class comment
                }
                break;
            case READ:
                readFrames(c, s.count(), s.order());
                break;
            case EXPECT_CLOSE:
                readUntilQuietOrClose(c, FRAME_TIMEOUT_MILLIS);
                break;
            case PAUSE:
                sleep(s.millis());
                break;
            case IDLE:
                idle(c, s.millis());
                break;
            case RECORD_PINGS:
                c.recordPings = true;
                break;
            default:
                throw new IllegalStateException(s.kind().toString());
        }
    }

    /** Reads {@code n} frames; a missing one is recorded as a timeout, a close as a close. */
    private void readFrames(Conn c, int n, Script.Order order) {
        if (c.closed) {
            return;
        }
        List<String> got = new ArrayList<>();
        String end = null;
        while (got.size() < n) {
            try {
                String f = nextFrame(c, FRAME_TIMEOUT_MILLIS);
                got.add(order == Script.Order.ANY_SID ? anySid(f) : f);
            } catch (SocketTimeoutException e) {
                end = Entry.TIMEOUT + " partial=" + Entry.escape(c.reader.partial());
                break;
            } catch (IOException e) {
                end = Entry.CLOSED;
                c.closed = true;
                break;
            }
        }
        if (order == Script.Order.UNORDERED) {
            got.sort(null);
        }
        for (String f : got) {
            transcript.add(Entry.frame(c.id, f));
        }
        if (end != null) {
            transcript.add(Entry.state(c.id, end));
        }
    }

    /** Records every frame until {@code quietMillis} pass without one, then whether the connection is closed. */
    private void readUntilQuietOrClose(Conn c, long quietMillis) {
        if (c.closed) {
            return;
        }
        while (true) {
            try {
                transcript.add(Entry.frame(c.id, nextFrame(c, quietMillis)));
            } catch (SocketTimeoutException e) {
                transcript.add(Entry.state(c.id, Entry.OPEN));
                return;
            } catch (IOException e) {
                c.closed = true;
                transcript.add(Entry.state(c.id, Entry.CLOSED));
                return;
            }
        }
    }

    /** Reads (and records) for {@code millis} of wall time; server PINGs are answered meanwhile. */
    private void idle(Conn c, long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (!c.closed) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                return;
            }
            try {
                transcript.add(Entry.frame(c.id, nextFrame(c, left)));
            } catch (SocketTimeoutException e) {
                return;
            } catch (IOException e) {
                c.closed = true;
                transcript.add(Entry.state(c.id, Entry.CLOSED));
            }
        }
    }

    /**
     * Checks that a connection is still open and has nothing unread: a PING must come back as PONG with nothing
     * before it. Since a server answers PINGs in order, this proves everything earlier was processed, without
     * waiting out a silence period.
     */
    private void finalCheck(Conn c) {
        if (c.closed) {
            return;
        }
        try {
            c.out.write(Frames.PING.getBytes(StandardCharsets.US_ASCII));
            c.out.flush();
        } catch (IOException e) {
            // the read below tells what happened
        }
        while (true) {
            try {
                String f = nextFrame(c, FRAME_TIMEOUT_MILLIS);
                if (f.equals(Frames.PONG)) {
                    transcript.add(Entry.state(c.id, Entry.OPEN));
                    return;
                }
                transcript.add(Entry.frame(c.id, f));
            } catch (SocketTimeoutException e) {
                transcript.add(Entry.state(c.id, Entry.TIMEOUT + " partial=" + Entry.escape(c.reader.partial())));
                return;
            } catch (IOException e) {
                c.closed = true;
                transcript.add(Entry.state(c.id, Entry.CLOSED));
                return;
            }
        }
    }

    /** The next frame that is not a server PING to be answered silently. */
    private String nextFrame(Conn c, long millis) throws IOException {
        // One deadline for the whole call: a server PINGing faster than the timeout must not extend it forever.
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (true) {
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000L);
            String f = c.reader.next(left);
            if (c.recordPings || !f.equals(Frames.PING)) {
                return f;
            }
            try {
                c.out.write(Frames.PONG.getBytes(StandardCharsets.US_ASCII));
                c.out.flush();
            } catch (IOException e) {
                throw new EOFException("closed while answering PING");
            }
        }
    }

    /** MSG/HMSG with the sid (third token) replaced by '*'. */
    static String anySid(String frame) {
        if (!frame.startsWith("MSG ") && !frame.startsWith("HMSG ")) {
            return frame;
        }
        int lineEnd = frame.indexOf("\r\n");
        String[] t = frame.substring(0, lineEnd).split(" ");
        t[2] = "*";
        return String.join(" ", t) + frame.substring(lineEnd);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
