/**
 * Raw-socket wire tests and differential tests against the Go nats-server.
 *
 * <p>A {@link io.jnatsd.wire.Scenario} is a {@link io.jnatsd.wire.Script} (bytes to send on numbered connections,
 * frames expected back, expected closes) plus the server options it needs ({@link io.jnatsd.wire.ServerSetup}).
 * The catalogue ({@link io.jnatsd.wire.Scenarios}) is played three ways:
 * <ul>
 *   <li>{@link io.jnatsd.wire.JnatsdWireTest}: against jnatsd, compared with the script's expectations;</li>
 *   <li>{@link io.jnatsd.wire.DifferentialTest}: against nats-server too: the reference must meet the same
 *       expectations (so they are facts, not guesses) and jnatsd's transcript must equal the reference's.</li>
 * </ul>
 * INFO is compared on field names only (jnatsd may add fields, not lack any); every other frame byte for byte.
 * Server PINGs are answered and left out unless a script records them.
 *
 * <p>Run: {@code mvn -q -pl server test -Dtest='io.jnatsd.wire.**'}. Without nats-server (PATH or /usr/sbin) the
 * differential tests are skipped with a line on stderr, except under {@code CI=true}, where they fail.
 * {@code -Djnatsd.reference.bin=/path/to/nats-server} picks another binary; a path that does not exist simulates a
 * machine without one.
 */
package io.jnatsd.wire;
