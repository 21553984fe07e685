package io.jnatsd.wire;

import java.util.List;

import static io.jnatsd.wire.Frames.OK;
import static io.jnatsd.wire.Frames.PONG;
import static io.jnatsd.wire.Frames.connect;
import static io.jnatsd.wire.Frames.err;
import static io.jnatsd.wire.Frames.msg;
import static io.jnatsd.wire.Frames.pub;
import static io.jnatsd.wire.Scenario.of;
import static io.jnatsd.wire.Script.script;

/** The everyday operations with default options: CONNECT, PUB/SUB/MSG, UNSUB, PING, delivery rules. */
final class ProtocolScenarios {
    private ProtocolScenarios() {
    }

    static List<Scenario> all() {
        return List.of(
            of("CONNECT verbose is acknowledged with +OK",
                script().send(connect("{\"verbose\":true}") + "PING\r\n").expect(OK, PONG)),
            // nats-server decodes CONNECT over its pre-CONNECT defaults: an absent verbose stays on.
            of("CONNECT without a verbose field keeps verbose on",
                script().send(connect("{}") + "PING\r\n").expect(OK, PONG)),
            of("CONNECT without a pedantic field keeps pedantic on",
                script().send(connect("{\"verbose\":false}") + "SUB foo.* 1\r\n" + pub("foo.*", "hi") + "PING\r\n")
                    .expect(err("Invalid Publish Subject"), msg("foo.*", "1", "hi"), PONG)),
            of("CONNECT ignores unknown fields",
                script().send(connect("{\"verbose\":false,\"foo\":1,\"bar\":{\"x\":[1,2]}}") + "PING\r\n")
                    .expect(PONG)),
            // JSON null decodes to nothing in Go: the defaults (verbose on) stay.
            of("CONNECT null keeps the defaults",
                script().send("CONNECT null\r\nPING\r\n").expect(OK, PONG)),
            of("CONNECT a second time replaces the options",
                script().send(Clients.QUIET + connect("{\"verbose\":true}") + "PING\r\n").expect(OK, PONG)),
            of("CONNECT with protocol 1 is accepted",
                script().send(connect("{\"verbose\":false,\"protocol\":1}") + "PING\r\n").expect(PONG)),
            of("CONNECT needs no blank before its JSON",
                script().send("CONNECT{\"verbose\":false}\r\nCONNECT\t{\"verbose\":false}\r\nPING\r\n").expect(PONG)),
            of("before CONNECT every op is acknowledged (verbose default)",
                script().send("SUB foo 1\r\n" + pub("foo", "hello")).expect(OK, OK, msg("foo", "1", "hello"))),
            of("PUB is delivered as MSG",
                script().send(Clients.QUIET + "SUB foo 1\r\n" + pub("foo", "hello") + "PING\r\n")
                    .expect(msg("foo", "1", "hello"), PONG)),
            of("PUB with a reply subject",
                script().send(Clients.QUIET + "SUB foo 1\r\n" + pub("foo", "bar", "hi") + "PING\r\n")
                    .expect(msg("foo", "1", "bar", "hi"), PONG)),
            of("empty payload",
                script().send(Clients.QUIET + "SUB foo 1\r\n" + pub("foo", "") + "PING\r\n")
                    .expect("MSG foo 1 0\r\n\r\n", PONG)),
            of("payload containing CR LF is passed through",
                script().send(Clients.QUIET + "SUB foo 1\r\n" + pub("foo", "a\r\nbc\r\n") + "PING\r\n")
                    .expect("MSG foo 1 7\r\na\r\nbc\r\n\r\n", PONG)),
            of("UTF-8 subject and payload sizes are in bytes",
                script().send(Clients.QUIET + "SUB s\u00fcb.\u00e9 1\r\n" + pub("s\u00fcb.\u00e9", "\u00e4") + "PING\r\n")
                    .expect(msg("s\u00fcb.\u00e9", "1", "\u00e4"), PONG)),
            of("op names are case-insensitive",
                script().send("ping\r\nsub foo 1\r\npub foo 2\r\nhi\r\n").expect(PONG, OK, OK, msg("foo", "1", "hi"))
                    .send("Connect {\"verbose\":false}\r\nuNsUb 1\r\nPuB foo 1\r\nb\r\nPiNg\r\n").expect(PONG)),
            of("tabs and several blanks separate arguments",
                script().send("PUB  x   1\r\na\r\nSUB\tx\t2\r\nPUB\tx\t1\r\nb\r\nSUB \t y \t 3\r\nPUB y  1\r\nc\r\n")
                    .expect(OK, OK, OK, msg("x", "2", "b"), OK, OK, msg("y", "3", "c"))),
            of("a blank after the last argument is ignored",
                script().send(Clients.QUIET + "SUB foo 1 \r\nPUB foo 1 \r\na\r\nPING\r\n")
                    .expect(msg("foo", "1", "a"), PONG)),
            of("a bare LF ends a control line",
                script().send(Clients.QUIET + "SUB foo 1\nPUB foo 1\na\r\nPING\n").expect(msg("foo", "1", "a"), PONG)),
            of("PING and PONG ignore what follows the op name",
                script().send(Clients.QUIET + "PING extra\r\nPINGX\r\nPONGX\r\nPONG\r\nPING\r\n").expect(PONG, PONG, PONG)),
            of("INFO and +OK from a client are ignored",
                script().send(Clients.QUIET + "INFO {}\r\n+OK\r\n+OKX\r\nPING\r\n").expect(PONG)),
            of("UNSUB removes the subscription",
                script().send(Clients.QUIET + "SUB foo 1\r\nUNSUB 1\r\n" + pub("foo", "a") + "PING\r\n").expect(PONG)),
            of("UNSUB with max auto-unsubscribes after max messages",
                script().send(Clients.QUIET + "SUB foo 1\r\nUNSUB 1 2\r\n" + pub("foo", "a") + pub("foo", "b")
                        + pub("foo", "c") + "PING\r\n")
                    .expect(msg("foo", "1", "a"), msg("foo", "1", "b"), PONG)),
            of("UNSUB max counts messages already delivered",
                script().send(Clients.QUIET + "SUB foo 1\r\n" + pub("foo", "a") + "UNSUB 1 1\r\n" + pub("foo", "b")
                        + "PING\r\n")
                    .expect(msg("foo", "1", "a"), PONG)),
            of("UNSUB with max 0 or a non-number unsubscribes at once",
                script().send(Clients.QUIET + "SUB foo 1\r\nSUB bar 2\r\nUNSUB 1 0\r\nUNSUB 2 x\r\n" + pub("foo", "a")
                        + pub("bar", "b") + "PING\r\n")
                    .expect(PONG)),
            of("UNSUB max can be raised before it is reached",
                script().send(Clients.QUIET + "SUB foo 1\r\nUNSUB 1 1\r\nUNSUB 1 3\r\n" + pub("foo", "a") + pub("foo", "b")
                        + pub("foo", "c") + pub("foo", "d") + "PING\r\n")
                    .expect(msg("foo", "1", "a"), msg("foo", "1", "b"), msg("foo", "1", "c"), PONG)),
            of("UNSUB max on a queue subscription",
                script().send(Clients.QUIET + "SUB foo q 1\r\nUNSUB 1 2\r\n" + pub("foo", "a") + pub("foo", "b")
                        + pub("foo", "c") + "PING\r\n")
                    .expect(msg("foo", "1", "a"), msg("foo", "1", "b"), PONG)),
            of("the sid of an auto-unsubscribed subscription can be used again",
                script().send(Clients.QUIET + "SUB foo 1\r\nUNSUB 1 1\r\n" + pub("foo", "a") + "SUB foo 1\r\n"
                        + pub("foo", "b") + "PING\r\n")
                    .expect(msg("foo", "1", "a"), msg("foo", "1", "b"), PONG)),
            of("UNSUB of an unknown sid is silent",
                script().send(Clients.QUIET + "UNSUB 99\r\nUNSUB 98 5\r\nPING\r\n").expect(PONG)),
            of("UNSUB of an unknown sid is acknowledged when verbose",
                script().send("UNSUB 99\r\nPING\r\n").expect(OK, PONG)),
            of("a SUB reusing a live sid is ignored",
                script().send(Clients.QUIET + "SUB foo 1\r\nSUB foo 1\r\nSUB bar 1\r\n" + pub("foo", "a")
                        + pub("bar", "b") + "PING\r\n")
                    .expect(msg("foo", "1", "a"), PONG)),
            of("every matching subscription gets its own copy",
                script().send(Clients.QUIET + "SUB foo 1\r\nSUB foo 2\r\nSUB * 3\r\nSUB foo.> 4\r\nSUB > 5\r\n"
                        + pub("foo", "a") + "PING\r\n")
                    .expectUnordered(msg("foo", "1", "a"), msg("foo", "2", "a"), msg("foo", "3", "a"),
                        msg("foo", "5", "a"))
                    .expect(PONG)),
            of("* matches one token, > one or more",
                script().send(Clients.QUIET + "SUB foo.* 1\r\nSUB foo.> 2\r\n" + pub("foo.bar", "a")
                        + pub("foo.bar.baz", "b") + pub("foo", "c") + "PING\r\n")
                    .expectUnordered(msg("foo.bar", "1", "a"), msg("foo.bar", "2", "a"))
                    .expect(msg("foo.bar.baz", "2", "b"), PONG)),
            of("* and > inside a longer token are literal",
                script().send(connect("{\"verbose\":false}") + "SUB fo*o 1\r\nSUB f> 2\r\n" + pub("fo*o", "a")
                        + pub("f>", "b") + pub("foo", "c") + "PING\r\n")
                    .expect(msg("fo*o", "1", "a"), msg("f>", "2", "b"), PONG)),
            of("queue group names may hold dots and >",
                script().send(Clients.QUIET + "SUB foo q.x> 1\r\n" + pub("foo", "a") + "PING\r\n")
                    .expect(msg("foo", "1", "a"), PONG)),
            of("a queue group gets each message once",
                script().send(Clients.QUIET + "SUB foo q 1\r\nSUB foo q 2\r\n" + pub("foo", "a") + pub("foo", "b")
                        + "PING\r\n")
                    .expectAnySid(msg("foo", "*", "a"), msg("foo", "*", "b"), PONG)),
            of("a queue group and a plain subscription each get a copy",
                script().send(Clients.QUIET + "SUB foo q 1\r\nSUB foo q 2\r\nSUB foo 3\r\n" + pub("foo", "a")
                        + "PING\r\n")
                    .expectAnySid(msg("foo", "*", "a"), msg("foo", "*", "a"), PONG)),
            of("echo false keeps a client's own messages from its subscriptions",
                script().on(1).send(Clients.QUIET + "SUB foo 7\r\nPING\r\n").expect(PONG)
                    .on(0).send(connect("{\"verbose\":false,\"pedantic\":false,\"echo\":false}") + "SUB foo 1\r\n"
                        + pub("foo", "hi") + "PING\r\n").expect(PONG)
                    .on(1).expect(msg("foo", "7", "hi"))),
            of("echo false: a queue group skips the publisher's own member",
                script().on(1).send(Clients.QUIET + "SUB foo q 2\r\nPING\r\n").expect(PONG)
                    .on(0).send(connect("{\"verbose\":false,\"pedantic\":false,\"echo\":false}") + "SUB foo q 1\r\n"
                        + pub("foo", "a") + pub("foo", "b") + pub("foo", "c") + "PING\r\n").expect(PONG)
                    .on(1).expect(msg("foo", "2", "a"), msg("foo", "2", "b"), msg("foo", "2", "c"))),
            of("credentials in CONNECT are ignored when no auth is configured",
                script().send(connect("{\"verbose\":false,\"user\":\"a\",\"pass\":\"b\",\"auth_token\":\"c\"}")
                    + "PING\r\n").expect(PONG)),
            of("messages flow between connections",
                script().on(0).send(Clients.QUIET + "SUB foo 1\r\nPING\r\n").expect(PONG)
                    .on(1).send(Clients.QUIET + pub("foo", "r", "from 1") + "PING\r\n").expect(PONG)
                    .on(0).expect(msg("foo", "1", "r", "from 1")))
        );
    }
}
