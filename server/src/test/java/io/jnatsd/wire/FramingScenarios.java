package io.jnatsd.wire;

import java.util.ArrayList;
import java.util.List;

import static io.jnatsd.wire.Frames.PONG;
import static io.jnatsd.wire.Frames.hmsg;
import static io.jnatsd.wire.Frames.hpub;
import static io.jnatsd.wire.Frames.msg;
import static io.jnatsd.wire.Frames.pub;
import static io.jnatsd.wire.Scenario.of;
import static io.jnatsd.wire.Script.script;

/** How frames may be cut by TCP: split anywhere, or many in one write. */
final class FramingScenarios {
    /** Long enough for the halves to arrive as separate reads on loopback, short enough for ~50 splits. */
    private static final long SPLIT_PAUSE_MILLIS = 3;
    private static final int MANY = 500;

    private FramingScenarios() {
    }

    static List<Scenario> all() {
        String headers = "NATS/1.0\r\nA: b\r\n\r\n";
        return List.of(
            splitEverywhere("PUB split at every byte across two writes", Clients.QUIET,
                pub("foo", "r", "a\r\nb"), msg("foo", "1", "r", "a\r\nb")),
            splitEverywhere("HPUB split at every byte across two writes", Clients.HEADERS,
                hpub("foo", "r", headers, "hello"), hmsg("foo", "1", "r", headers, "hello")),
            of("CONNECT and SUB split in byte-sized writes",
                bytewise(Clients.QUIET + "SUB foo 1\r\nPING\r\n").expect(PONG)
                    .send(pub("foo", "x") + "PING\r\n").expect(msg("foo", "1", "x"), PONG)),
            manyInOneWrite(),
            of("a 64 KiB payload crosses many reads intact",
                script().send(Clients.QUIET + "SUB big 1\r\n" + pub("big", bigPayload()) + "PING\r\n")
                    .expect(msg("big", "1", bigPayload()), PONG))
        );
    }

    /** One connection; for each cut position, the frame goes out as two writes with a pause between. */
    private static Scenario splitEverywhere(String name, String connect, String frame, String delivered) {
        Script s = script().send(connect + "SUB foo 1\r\nPING\r\n").expect(PONG);
        for (int cut = 1; cut < frame.length(); cut++) {
            s.send(frame.substring(0, cut)).pause(SPLIT_PAUSE_MILLIS).send(frame.substring(cut)).expect(delivered);
        }
        return of(name, s.send("PING\r\n").expect(PONG));
    }

    private static Script bytewise(String text) {
        Script s = script();
        for (int i = 0; i < text.length(); i++) {
            s.send(text.substring(i, i + 1)).pause(1);
        }
        return s;
    }

    /** Varying bytes, so a shifted or repeated chunk cannot go unnoticed. */
    private static String bigPayload() {
        StringBuilder b = new StringBuilder(64 * 1024);
        for (int i = 0; b.length() < 64 * 1024; i++) {
            b.append((char) ('a' + i % 26)).append(i % 997 == 0 ? "\r\n" : "");
        }
        return b.substring(0, 64 * 1024);
    }

    private static Scenario manyInOneWrite() {
        StringBuilder out = new StringBuilder(Clients.QUIET + "SUB foo 1\r\n");
        List<String> in = new ArrayList<>();
        for (int i = 0; i < MANY; i++) {
            out.append(pub("foo", "m" + i));
            in.add(msg("foo", "1", "m" + i));
        }
        out.append("PING\r\n");
        in.add(PONG);
        return of(MANY + " messages in one write arrive in order", script().send(out.toString())
                .expect(in.toArray(new String[0])));
    }
}
