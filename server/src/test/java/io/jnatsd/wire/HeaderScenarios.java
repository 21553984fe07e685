package io.jnatsd.wire;

import java.util.List;

import static io.jnatsd.wire.Frames.EMPTY_HEADERS;
import static io.jnatsd.wire.Frames.OK;
import static io.jnatsd.wire.Frames.PONG;
import static io.jnatsd.wire.Frames.connect;
import static io.jnatsd.wire.Frames.hmsg;
import static io.jnatsd.wire.Frames.hpub;
import static io.jnatsd.wire.Frames.msg;
import static io.jnatsd.wire.Frames.noResponders;
import static io.jnatsd.wire.Frames.pub;
import static io.jnatsd.wire.Scenario.of;
import static io.jnatsd.wire.Script.script;

/** HPUB/HMSG, header stripping for header-less subscribers, and the no-responders status. */
final class HeaderScenarios {
    private static final String ONE_HEADER = "NATS/1.0\r\nA: b\r\n\r\n"; // 18 bytes

    private HeaderScenarios() {
    }

    static List<Scenario> all() {
        return List.of(
            of("HPUB is delivered as an exact HMSG",
                script().send(Clients.HEADERS + "SUB foo 1\r\n" + hpub("foo", "_INBOX.x", ONE_HEADER, "hello")
                        + "PING\r\n")
                    .expect("HMSG foo 1 _INBOX.x 18 23\r\nNATS/1.0\r\nA: b\r\n\r\nhello\r\n", PONG)),
            of("HPUB with headers only, verbose",
                script().send(connect("{\"verbose\":true,\"pedantic\":true,\"headers\":true}") + "SUB foo 1\r\n"
                        + hpub("foo", EMPTY_HEADERS, "") + "PING\r\n")
                    .expect(OK, OK, OK, "HMSG foo 1 12 12\r\nNATS/1.0\r\n\r\n\r\n", PONG)),
            of("hpub in lower case",
                script().send(Clients.HEADERS + "SUB foo 1\r\nhpub foo 12 14\r\nNATS/1.0\r\n\r\nhi\r\nPING\r\n")
                    .expect(hmsg("foo", "1", EMPTY_HEADERS, "hi"), PONG)),
            of("HPUB header bytes are not validated",
                script().send(Clients.HEADERS + "SUB foo 1\r\nHPUB foo 2 4\r\nabcd\r\nPING\r\n")
                    .expect("HMSG foo 1 2 4\r\nabcd\r\n", PONG)),
            // nats-server treats a zero header size as no headers at all.
            of("HPUB with header size 0 is delivered as MSG",
                script().send(Clients.HEADERS + "SUB foo 1\r\nHPUB foo 0 4\r\nabcd\r\nPING\r\n")
                    .expect(msg("foo", "1", "abcd"), PONG)),
            of("a header-less subscriber gets HPUB messages as MSG without the headers",
                script().on(1).send(Clients.QUIET + "SUB foo 1\r\nSUB bar 2\r\nPING\r\n").expect(PONG)
                    .on(0).send(Clients.HEADERS + hpub("foo", ONE_HEADER, "hello") + hpub("bar", "r", ONE_HEADER, "")
                        + "PING\r\n").expect(PONG)
                    .on(1).expect(msg("foo", "1", "hello"), msg("bar", "2", "r", ""))),
            of("a subscriber that never sent CONNECT gets no headers",
                script().on(1).send("SUB foo 1\r\nPING\r\n").expect(OK, PONG)
                    .on(0).send(Clients.HEADERS + hpub("foo", ONE_HEADER, "x") + "PING\r\n").expect(PONG)
                    .on(1).expect(msg("foo", "1", "x"))),
            of("HPUB from a client without headers support closes the connection",
                script().send(Clients.QUIET + hpub("foo", EMPTY_HEADERS, "")).expectClosed()),
            of("HPUB with header size above total size closes the connection",
                script().send(Clients.HEADERS + "HPUB foo 13 12\r\n").expectClosed()),
            of("HPUB with one size closes the connection",
                script().send(Clients.HEADERS + "HPUB foo 1\r\n").expectClosed()),
            of("no responders: PUB to a subject nobody listens on",
                script().send(Clients.NO_RESPONDERS + "SUB r 1\r\n" + pub("x", "r", "") + "PING\r\n")
                    .expect("HMSG r 1 16 16\r\nNATS/1.0 503\r\n\r\n\r\n", PONG)),
            of("no responders: HPUB to a subject nobody listens on",
                script().send(Clients.NO_RESPONDERS + "SUB r 1\r\n" + hpub("x", "r", EMPTY_HEADERS, "hi") + "PING\r\n")
                    .expect(noResponders("r", "1"), PONG)),
            of("no responders: delivered on a wildcard subscription to the reply",
                script().send(Clients.NO_RESPONDERS + "SUB r.* 7\r\n" + pub("x", "r.a", "") + "PING\r\n")
                    .expect(noResponders("r.a", "7"), PONG)),
            of("no responders: nothing when the requester does not listen on the reply",
                script().send(Clients.NO_RESPONDERS + pub("x", "r", "") + "SUB r 1\r\n" + pub("x", "r.a", "")
                        + "PING\r\n")
                    .expect(PONG)),
            of("no responders: nothing when someone listens",
                script().send(Clients.NO_RESPONDERS + "SUB r 1\r\nSUB x 2\r\nSUB y q 3\r\n" + pub("x", "r", "")
                        + pub("y", "r", "") + "PING\r\n")
                    .expect(msg("x", "2", "r", ""), msg("y", "3", "r", ""), PONG)),
            of("no responders: a queue subscription to the reply does not get the status",
                script().send(Clients.NO_RESPONDERS + "SUB r q 1\r\n" + pub("x", "r", "") + "PING\r\n").expect(PONG)),
            of("no responders: nothing without the option",
                script().send(Clients.HEADERS + "SUB r 1\r\n" + pub("x", "r", "") + "PING\r\n").expect(PONG)),
            of("no responders: nothing for a PUB without reply",
                script().send(Clients.NO_RESPONDERS + "SUB x.> 1\r\n" + pub("y", "") + "PING\r\n").expect(PONG)),
            // The requester's own subscription does not count as a responder when echo is off: nothing was delivered.
            of("no responders: the only listener is the requester itself with echo off",
                script().send(connect("{\"verbose\":false,\"pedantic\":false,\"echo\":false,\"headers\":true,"
                        + "\"no_responders\":true}") + "SUB r 1\r\n" + pub("r", "r", "") + "PING\r\n")
                    .expect(noResponders("r", "1"), PONG))
        );
    }
}
