package io.jnatsd.wire;

import java.time.Duration;
import java.util.List;

import static io.jnatsd.wire.Frames.OK;
import static io.jnatsd.wire.Frames.PING;
import static io.jnatsd.wire.Frames.PONG;
import static io.jnatsd.wire.Frames.connect;
import static io.jnatsd.wire.Frames.err;
import static io.jnatsd.wire.Frames.hpub;
import static io.jnatsd.wire.Frames.msg;
import static io.jnatsd.wire.Frames.pub;
import static io.jnatsd.wire.Frames.repeat;
import static io.jnatsd.wire.Scenario.of;
import static io.jnatsd.wire.Script.script;

/** Behaviour under configured limits: payload, control line, subscriptions, connections, auth, keepalive. */
final class LimitScenarios {
    private static final ServerSetup PAYLOAD_8 = ServerSetup.DEFAULT.maxPayload(8);
    private static final ServerSetup LINE_64 = ServerSetup.DEFAULT.maxControlLine(64);
    private static final ServerSetup ONE_SUB = ServerSetup.DEFAULT.maxSubscriptions(1);
    private static final ServerSetup ONE_CONN = ServerSetup.DEFAULT.maxConnections(1);
    private static final ServerSetup AUTH = ServerSetup.DEFAULT.auth("u", "p");
    private static final ServerSetup AUTH_TIMEOUT = AUTH.authTimeout(Duration.ofMillis(300));
    private static final ServerSetup TOKEN = ServerSetup.DEFAULT.token("tok");
    private static final ServerSetup FAST_PING_2 = ServerSetup.DEFAULT.pingInterval(Duration.ofMillis(200)).pingMax(2);
    private static final ServerSetup FAST_PING = ServerSetup.DEFAULT.pingInterval(Duration.ofMillis(200)).pingMax(1);

    private static final String AUTH_VIOLATION = err("Authorization Violation");
    private static final String GOOD_LOGIN = connect("{\"verbose\":true,\"user\":\"u\",\"pass\":\"p\"}");

    private LimitScenarios() {
    }

    static List<Scenario> all() {
        return List.of(
            of("max_payload: PUB at the limit is accepted", PAYLOAD_8,
                script().send(Clients.QUIET + "SUB foo 1\r\n" + pub("foo", "12345678") + "PING\r\n")
                    .expect(msg("foo", "1", "12345678"), PONG)),
            of("max_payload: PUB over the limit", PAYLOAD_8,
                script().send(Clients.QUIET + "PUB foo 9\r\n").expect(err("Maximum Payload Violation")).expectClosed()),
            of("max_payload: HPUB headers count against the limit", PAYLOAD_8,
                script().send(Clients.HEADERS + "HPUB foo 4 9\r\n")
                    .expect(err("Maximum Payload Violation")).expectClosed()),
            of("max_control_line: 64 argument bytes accepted", LINE_64,
                script().send(Clients.QUIET + "SUB " + repeat('a', 60) + " 123\r\nPING\r\n").expect(PONG)),
            of("max_control_line: 65 argument bytes refused", LINE_64,
                script().send(Clients.QUIET + "SUB " + repeat('a', 61) + " 123\r\n")
                    .expect(err("maximum control line exceeded")).expectClosed()),
            of("max_control_line: refused before the line ends", LINE_64,
                script().send(Clients.QUIET + "PUB " + repeat('a', 70)).expect(err("maximum control line exceeded"))
                    .expectClosed()),
            of("max_control_line: a line at the limit split before its LF", LINE_64,
                script().send(Clients.QUIET + "SUB " + repeat('a', 60) + " 123\r").pause(50).send("\nPING\r\n")
                    .expect(PONG)),
            of("max_control_line: a line at the limit split inside an argument", LINE_64,
                script().send(Clients.QUIET + "SUB " + repeat('a', 60) + " 12").pause(50).send("3\r\nPING\r\n")
                    .expect(PONG)),
            of("max_control_line: blanks before the arguments do not count", LINE_64,
                script().send(Clients.QUIET + "SUB   " + repeat('a', 60) + " 123\r\nPING\r\n").expect(PONG)),
            of("max_control_line: blanks after the arguments count", LINE_64,
                script().send(Clients.QUIET + "SUB " + repeat('a', 60) + " 123   \r\n")
                    .expect(err("maximum control line exceeded")).expectClosed()),
            // nats-server skips whatever follows PING, PONG and +OK without measuring it.
            of("max_control_line: text after PING, PONG and +OK is not limited", LINE_64,
                script().send(Clients.QUIET + "PING " + repeat('x', 100) + "\r\nPONG " + repeat('x', 100) + "\r\n+OK "
                        + repeat('x', 100) + "\r\nPING\r\n").expect(PONG, PONG)),
            of("max_control_line: text after PING split across writes is not limited", LINE_64,
                script().send(Clients.QUIET + "PING " + repeat('x', 100)).pause(50).send("\r\n").expect(PONG)),
            of("max_control_line: INFO from a client is limited", LINE_64,
                script().send(Clients.QUIET + "INFO {\"a\":\"" + repeat('x', 100) + "\"}\r\n")
                    .expect(err("maximum control line exceeded")).expectClosed()),
            of("max_control_line: -ERR from a client is limited", LINE_64,
                script().send(Clients.QUIET + "-ERR '" + repeat('x', 100) + "'\r\n")
                    .expect(err("maximum control line exceeded")).expectClosed()),
            of("max_control_line: a long CONNECT is refused too", LINE_64,
                script().send(connect("{\"verbose\":false,\"name\":\"" + repeat('x', 100) + "\"}"))
                    .expect(err("maximum control line exceeded")).expectClosed()),
            of("max_subscriptions: the extra SUB is refused, the connection stays", ONE_SUB,
                script().send(Clients.QUIET + "SUB a 1\r\nSUB b 2\r\n" + pub("a", "x") + pub("b", "y") + "PING\r\n")
                    .expect(err("maximum subscriptions exceeded"), msg("a", "1", "x"), PONG)),
            of("max_subscriptions: a freed slot can be used again", ONE_SUB,
                script().send(Clients.QUIET + "SUB a 1\r\nUNSUB 1\r\nSUB b 2\r\n" + pub("b", "y") + "PING\r\n")
                    .expect(msg("b", "2", "y"), PONG)),
            of("max_subscriptions: verbose acknowledges the refused SUB with the -ERR only", ONE_SUB,
                script().send("SUB a 1\r\nSUB b 2\r\nPING\r\n").expect(OK, err("maximum subscriptions exceeded"), PONG)),
            of("max_connections: INFO, then -ERR, then close", ONE_CONN,
                script().on(0).send(Clients.QUIET + "PING\r\n").expect(PONG)
                    .on(1).expect(err("maximum connections exceeded")).expectClosed()
                    .on(0).send("PING\r\n").expect(PONG)),
            of("auth: good user and password", AUTH,
                script().send(GOOD_LOGIN + "PING\r\n").expect(OK, PONG)),
            of("auth: wrong password", AUTH,
                script().send(connect("{\"verbose\":true,\"user\":\"u\",\"pass\":\"x\"}") + "PING\r\n")
                    .expect(AUTH_VIOLATION).expectClosed()),
            of("auth: CONNECT without credentials", AUTH,
                script().send(Clients.QUIET + "PING\r\n").expect(AUTH_VIOLATION).expectClosed()),
            // nats-server checks the credentials of every CONNECT, not only the first.
            of("auth: a second CONNECT with a wrong password", AUTH,
                script().send(GOOD_LOGIN + connect("{\"verbose\":true,\"user\":\"u\",\"pass\":\"x\"}") + "PING\r\n")
                    .expect(OK, AUTH_VIOLATION).expectClosed()),
            of("auth: good token", TOKEN,
                script().send(connect("{\"verbose\":true,\"auth_token\":\"tok\"}") + "PING\r\n").expect(OK, PONG)),
            of("auth: wrong token", TOKEN,
                script().send(connect("{\"verbose\":true,\"auth_token\":\"bad\"}") + "PING\r\n")
                    .expect(AUTH_VIOLATION).expectClosed()),
            of("auth: PUB before CONNECT", AUTH,
                script().send(pub("foo", "hi")).expect(AUTH_VIOLATION).expectClosed()),
            of("auth: PING before CONNECT", AUTH,
                script().send("PING\r\n").expect(AUTH_VIOLATION).expectClosed()),
            of("auth: unknown op before CONNECT", AUTH,
                script().send("FOO\r\n").expect(AUTH_VIOLATION).expectClosed()),
            of("auth: Authentication Timeout", AUTH_TIMEOUT,
                script().expect(err("Authentication Timeout")).expectClosed()),
            of("auth: CONNECT in time stops the auth timer", AUTH_TIMEOUT,
                script().send(GOOD_LOGIN + "PING\r\n").expect(OK, PONG).pause(500).send("PING\r\n").expect(PONG)),
            of("keepalive: unanswered PING gives Stale Connection", FAST_PING,
                script().send(Clients.QUIET).recordPings().expect(PING, err("Stale Connection")).expectClosed()),
            of("keepalive: ping_max 2 allows two unanswered PINGs", FAST_PING_2,
                script().send(Clients.QUIET).recordPings().expect(PING, PING, err("Stale Connection")).expectClosed()),
            of("keepalive: answered PINGs keep the connection", FAST_PING,
                script().send(Clients.QUIET).idle(700).send("PING\r\n").expect(PONG)),
            of("max_payload: HPUB within the limit", PAYLOAD_8,
                script().send(Clients.HEADERS + "SUB foo 1\r\n" + hpub("foo", "ab", "cdefgh") + "PING\r\n")
                    .expect("HMSG foo 1 2 8\r\nabcdefgh\r\n", PONG))
        );
    }
}
