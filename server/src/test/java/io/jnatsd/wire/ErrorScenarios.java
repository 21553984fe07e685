package io.jnatsd.wire;

import java.util.List;

import static io.jnatsd.wire.Frames.OK;
import static io.jnatsd.wire.Frames.PONG;
import static io.jnatsd.wire.Frames.connect;
import static io.jnatsd.wire.Frames.err;
import static io.jnatsd.wire.Frames.msg;
import static io.jnatsd.wire.Frames.pub;
import static io.jnatsd.wire.Frames.repeat;
import static io.jnatsd.wire.Scenario.of;
import static io.jnatsd.wire.Script.script;

/**
 * Bad input with default options: which -ERR text comes back, and whether the connection survives. Argument-count
 * errors close without any -ERR, as nats-server does.
 */
final class ErrorScenarios {
    private static final String UNKNOWN_OP = err("Unknown Protocol Operation");

    private ErrorScenarios() {
    }

    private static Scenario unknownOp(String name, String send) {
        return of(name, script().send(Clients.QUIET + send).expect(UNKNOWN_OP).expectClosed());
    }

    private static Scenario silentClose(String name, String send) {
        return of(name, script().send(send).expectClosed());
    }

    static List<Scenario> all() {
        return List.of(
            unknownOp("unknown op", "FOO\r\n"),
            unknownOp("truncated op name", "PIN\r\n"),
            unknownOp("OK without its plus sign", "OK\r\n"),
            unknownOp("empty control line", "\r\n"),
            unknownOp("-ERR without a blank", "-ERR\r\n"),
            unknownOp("MSG from a client", "MSG foo 1 2\r\nhi\r\n"),
            unknownOp("RS+ from a client", "RS+ foo\r\n"),
            unknownOp("LS+ from a client", "LS+ foo\r\n"),
            unknownOp("UNSUB without arguments", "UNSUB\r\n"),
            unknownOp("a blank before the op name", " PING\r\n"),
            unknownOp("payload longer than declared", "PUB foo 3\r\nabcde\r\n"),
            // The byte after the payload is checked as soon as it arrives, without waiting for a second one.
            unknownOp("payload followed by a bare LF", "PUB foo 1\r\na\n"),
            of("a valid frame before the bad one is processed",
                script().send(Clients.QUIET + "SUB foo 1\r\n" + pub("foo", "a") + "BAR\r\n")
                    .expect(msg("foo", "1", "a"), UNKNOWN_OP).expectClosed()),
            silentClose("client -ERR closes the connection silently", Clients.QUIET + "-ERR 'x'\r\n"),
            silentClose("SUB with four arguments", Clients.QUIET + "SUB a b c d\r\n"),
            silentClose("SUB with one argument", Clients.QUIET + "SUB foo\r\n"),
            silentClose("PUB without size", Clients.QUIET + "PUB foo\r\n"),
            silentClose("PUB with four arguments", Clients.QUIET + "PUB foo bar baz 2\r\nhi\r\n"),
            silentClose("PUB with a non-numeric size", Clients.QUIET + "PUB foo x\r\n"),
            silentClose("PUB with a negative size", Clients.QUIET + "PUB foo -1\r\n"),
            silentClose("PUB with a signed size", Clients.QUIET + "PUB foo +1\r\na\r\n"),
            silentClose("PUB with a ten-digit size", Clients.QUIET + "PUB foo 1234567890\r\n"),
            silentClose("UNSUB with three arguments", Clients.QUIET + "UNSUB 1 2 3\r\n"),
            silentClose("malformed CONNECT JSON", connect("{bad")),
            silentClose("CONNECT without JSON", "CONNECT\r\n"),
            silentClose("CONNECT with text after the JSON", connect("{\"verbose\":false} extra")),
            silentClose("CONNECT with a string where a bool belongs", connect("{\"verbose\":\"false\"}")),
            silentClose("CONNECT with a number where a bool belongs", connect("{\"verbose\":0}")),
            silentClose("CONNECT with a fraction where an integer belongs", connect("{\"protocol\":1.0}")),
            silentClose("CONNECT with a JSON array", connect("[]")),
            silentClose("CONNECT with two JSON objects", connect("{\"verbose\":false}{}")),
            of("invalid client protocol 2",
                script().send(connect("{\"verbose\":false,\"protocol\":2}") + "PING\r\n")
                    .expect(err("invalid client protocol")).expectClosed()),
            of("invalid client protocol -1",
                script().send(connect("{\"verbose\":false,\"protocol\":-1}") + "PING\r\n")
                    .expect(err("invalid client protocol")).expectClosed()),
            of("no responders requires headers support",
                script().send(connect("{\"verbose\":false,\"no_responders\":true}") + "PING\r\n")
                    .expect(err("no responders requires headers support")).expectClosed()),
            of("Invalid Subject keeps the connection open",
                script().send(Clients.QUIET + "SUB foo..bar 1\r\nSUB foo.>.bar 2\r\nSUB >.foo 3\r\nSUB foo. 4\r\n"
                        + "SUB .foo 5\r\nSUB ok 6\r\n" + pub("ok", "a") + "PING\r\n")
                    .expect(err("Invalid Subject"), err("Invalid Subject"), err("Invalid Subject"),
                        err("Invalid Subject"), err("Invalid Subject"), msg("ok", "6", "a"), PONG)),
            of("Invalid Subject when verbose has no +OK",
                script().send("SUB foo..bar 1\r\nPING\r\n").expect(err("Invalid Subject"), PONG)),
            // 2.9.10 still routes the message after the -ERR.
            of("Invalid Publish Subject when pedantic, message still routed",
                script().send(connect("{\"verbose\":false,\"pedantic\":true}") + "SUB foo.* 1\r\n" + pub("foo.*", "hi")
                        + "PING\r\n")
                    .expect(err("Invalid Publish Subject"), msg("foo.*", "1", "hi"), PONG)),
            of("Invalid Publish Subject when verbose and pedantic",
                script().send("SUB foo.> 1\r\n" + pub("foo.>", "hi") + "PING\r\n")
                    .expect(OK, err("Invalid Publish Subject"), OK, msg("foo.>", "1", "hi"), PONG)),
            of("Invalid Publish Subject for an empty token when pedantic",
                script().send(connect("{\"verbose\":false,\"pedantic\":true}") + pub("foo..bar", "a") + "PING\r\n")
                    .expect(err("Invalid Publish Subject"), PONG)),
            of("Invalid Publish Subject for lone wildcards when pedantic",
                script().send(connect("{\"verbose\":false,\"pedantic\":true}") + pub(">", "a") + pub("*", "b")
                        + "PING\r\n")
                    .expect(err("Invalid Publish Subject"), err("Invalid Publish Subject"), PONG)),
            of("PUB over the default max_payload of 1 MiB",
                script().send(Clients.QUIET + "PUB foo 1048577\r\n").expect(err("Maximum Payload Violation"))
                    .expectClosed()),
            of("wildcard publish subject without pedantic is routed literally",
                script().send(Clients.QUIET + "SUB foo.* 1\r\n" + pub("foo.*", "hi") + pub("foo.a", "x") + "PING\r\n")
                    .expect(msg("foo.*", "1", "hi"), msg("foo.a", "1", "x"), PONG)),
            of("maximum control line exceeded in one write",
                script().send(Clients.QUIET + "SUB " + repeat('a', 5000) + " 1\r\n")
                    .expect(err("maximum control line exceeded")).expectClosed()),
            of("maximum control line exceeded across two writes",
                script().send(Clients.QUIET + "SUB " + repeat('a', 2500)).pause(50).send(repeat('a', 2500) + " 1\r\n")
                    .expect(err("maximum control line exceeded")).expectClosed()),
            of("control line of exactly max_control_line argument bytes is accepted",
                script().send(Clients.QUIET + "SUB " + repeat('a', 4094) + " 1\r\nPING\r\n").expect(PONG)),
            of("control line one byte over max_control_line is refused",
                script().send(Clients.QUIET + "SUB " + repeat('a', 4095) + " 1\r\nPING\r\n")
                    .expect(err("maximum control line exceeded")).expectClosed())
        );
    }
}
