package io.jnatsd.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A raw-socket conversation with a server, written once and played against any server: what to send on which
 * connection, how many frames to read back, and what those frames must be (the reference's behaviour).
 *
 * <p>Connections are numbered from 0 and opened at their first use; opening reads the INFO. Steps act on the
 * connection chosen with {@link #on(int)} (0 at first). After the last step every connection that was not expected
 * to close is checked to be still open and to have nothing more to say: a final PING must be answered by a PONG.
 */
final class Script {
    enum Kind { OPEN, SEND, READ, EXPECT_CLOSE, PAUSE, IDLE, RECORD_PINGS }

    /** How the frames of a READ step are compared. */
    enum Order {
        EXACT,
        /** Same frames in any order: nats-server delivers to several matching subscriptions in map order. */
        UNORDERED,
        /** Sids replaced by '*': which queue group member gets a message is random by design. */
        ANY_SID
    }

    record Step(Kind kind, int conn, byte[] data, int count, long millis, Order order) {
    }

    private final List<Step> steps = new ArrayList<>();
    /** Expected entries, except INFO placeholders whose fields depend on the server setup. */
    private final List<Entry> expected = new ArrayList<>();
    private final Set<Integer> opened = new LinkedHashSet<>();
    private final Set<Integer> closed = new LinkedHashSet<>();
    private int conn;

    static Script script() {
        return new Script();
    }

    List<Step> steps() {
        return steps;
    }

    /** Directs the following steps at connection {@code c}, opening it now if it is new. */
    Script on(int c) {
        conn = c;
        ensureOpen();
        return this;
    }

    private void ensureOpen() {
        if (opened.add(conn)) {
            steps.add(new Step(Kind.OPEN, conn, null, 1, 0, Order.EXACT));
            expected.add(Entry.infoWithFields(conn, List.of()));
        }
    }

    Script send(String text) {
        return send(text.getBytes(StandardCharsets.UTF_8));
    }

    Script send(byte[] bytes) {
        ensureOpen();
        steps.add(new Step(Kind.SEND, conn, bytes, 0, 0, Order.EXACT));
        return this;
    }

    /** Reads exactly these frames, in this order. */
    Script expect(String... frames) {
        return read(Order.EXACT, frames);
    }

    Script expectUnordered(String... frames) {
        return read(Order.UNORDERED, frames);
    }

    /** Reads these frames with every MSG/HMSG sid written as '*'. */
    Script expectAnySid(String... frames) {
        return read(Order.ANY_SID, frames);
    }

    private Script read(Order order, String... frames) {
        ensureOpen();
        steps.add(new Step(Kind.READ, conn, null, frames.length, 0, order));
        List<String> f = new ArrayList<>(Arrays.asList(frames));
        if (order == Order.UNORDERED) {
            f.sort(null);
        }
        for (String s : f) {
            expected.add(Entry.frame(conn, s));
        }
        return this;
    }

    /** Reads until the server closes the connection; nothing more may arrive before the close. */
    Script expectClosed() {
        ensureOpen();
        steps.add(new Step(Kind.EXPECT_CLOSE, conn, null, 0, 0, Order.EXACT));
        expected.add(Entry.state(conn, Entry.CLOSED));
        closed.add(conn);
        return this;
    }

    /** Waits: lets a split write arrive as two reads, or a server timer fire. */
    Script pause(long millis) {
        steps.add(new Step(Kind.PAUSE, conn, null, 0, millis, Order.EXACT));
        return this;
    }

    /**
     * Listens for {@code millis} without sending, answering server PINGs; nothing else may arrive. Unlike
     * {@link #pause}, the connection keeps up its side of the keepalive meanwhile.
     */
    Script idle(long millis) {
        ensureOpen();
        steps.add(new Step(Kind.IDLE, conn, null, 0, millis, Order.EXACT));
        return this;
    }

    /** Stops answering server PINGs on this connection; they are recorded as frames from now on. */
    Script recordPings() {
        ensureOpen();
        steps.add(new Step(Kind.RECORD_PINGS, conn, null, 0, 0, Order.EXACT));
        return this;
    }

    /** The expected transcript, with every INFO required to carry {@code infoFields}. */
    Transcript expected(List<String> infoFields) {
        Transcript t = new Transcript();
        for (Entry e : expected) {
            t.add(e.kind() == Entry.Kind.INFO ? Entry.infoWithFields(e.conn(), infoFields) : e);
        }
        for (int c : opened) {
            if (!closed.contains(c)) {
                t.add(Entry.state(c, Entry.OPEN));
            }
        }
        return t;
    }

    /** The connections this script uses, in the order they are opened. */
    Set<Integer> connections() {
        return opened;
    }
}
